/** The messages of a conversation, oldest first; bodies are text, shown escaped, lines kept. */
import type { ConversationDetail } from '@carnet/shared';
import type { Side } from '../api.ts';
import { attachmentUrl } from '../api.ts';
import { formatSize, formatWhen } from '../wording.ts';
import { SaveAttachmentForm } from './SaveAttachmentForm.tsx';

/** `side` decides the download links and whether attachments can be saved to documents. */
export function MessageThread(props: { side: Side; detail: ConversationDetail }) {
  const { conversation, messages } = props.detail;
  return (
    <ol className="fr-raw-list fr-mb-4w" aria-label="Messages de la conversation">
      {messages.map((m) => (
        <li key={m.id} className="fr-mb-3w">
          <article
            className="fr-p-3w"
            style={{
              background: m.mine
                ? 'var(--background-alt-blue-france)'
                : 'var(--background-alt-grey)',
            }}
          >
            <h2 className="fr-h6 fr-mb-1w">
              {m.mine ? 'Vous' : m.senderName}
              <span className="fr-text--sm fr-text--regular"> — le {formatWhen(m.sentAt)}</span>
            </h2>
            {m.writtenBy && (
              <p className="fr-text--sm fr-mb-1w">
                <em>({m.writtenBy})</em>
              </p>
            )}
            <p style={{ whiteSpace: 'pre-wrap' }}>{m.body}</p>
            {m.attachments.length > 0 && (
              <>
                <p className="fr-text--sm fr-mb-1w">Pièces jointes :</p>
                <ul>
                  {m.attachments.map((a) => (
                    <li key={a.id} className="fr-mb-1w">
                      <a
                        className="fr-link fr-icon-download-line fr-link--icon-left"
                        href={attachmentUrl(props.side, conversation.id, a.id)}
                        download={a.fileName}
                      >
                        {a.fileName} ({formatSize(a.size)})
                      </a>
                      {props.side === 'patient' && (
                        <div>
                          <SaveAttachmentForm
                            conversationId={conversation.id}
                            attachmentId={a.id}
                            fileName={a.fileName}
                          />
                        </div>
                      )}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </article>
        </li>
      ))}
    </ol>
  );
}
