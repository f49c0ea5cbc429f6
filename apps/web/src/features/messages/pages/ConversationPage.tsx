/** A conversation (the patient): the messages, her reply, "Archiver", "Supprimer". */
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { archiveConversation, deleteConversation, reply } from '../api.ts';
import { MessageForm } from '../components/MessageForm.tsx';
import { MessageThread } from '../components/MessageThread.tsx';
import { messagesKeys, useConversation } from '../hooks.ts';
import { closedNotice, errorMessage } from '../wording.ts';

/** `/messages/:id`. */
export function ConversationPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const conversation = useConversation('patient', id);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const subject = conversation.data?.conversation.subject;
  usePageTitle(subject ? `${subject} - Messages` : 'Messages');
  const refresh = () => queryClient.invalidateQueries({ queryKey: messagesKeys.all('patient') });

  // Opening it marked it read: the navigation's count follows.
  const loaded = conversation.isSuccess;
  useEffect(() => {
    if (loaded) void queryClient.invalidateQueries({ queryKey: messagesKeys.unread('patient') });
  }, [loaded, queryClient]);

  const archive = useMutation({
    mutationFn: (archived: boolean) => archiveConversation(id, archived),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: () => deleteConversation(id),
    onSuccess: async () => {
      await refresh();
      await navigate('/messages');
    },
  });

  const back = (
    <p>
      <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to="/messages">
        Retour aux messages
      </Link>
    </p>
  );
  if (!conversation.data)
    return (
      <>
        {back}
        <h1>Message</h1>
        {conversation.isPending && <p role="status">Chargement en cours…</p>}
        {conversation.isError && (
          <Alert severity="error" small description={errorMessage(conversation.error)} />
        )}
      </>
    );

  const detail = conversation.data;
  const { archived } = detail.conversation;
  return (
    <>
      {back}
      <h1>{detail.conversation.subject}</h1>
      <p>Échange avec {detail.conversation.professional.name}</p>
      <p className="fr-mb-3w">
        <Button
          priority="secondary"
          size="small"
          iconId="fr-icon-archive-line"
          disabled={archive.isPending}
          onClick={() => archive.mutate(!archived)}
        >
          {archived ? 'Remettre dans la boîte de réception' : 'Archiver'}
        </Button>{' '}
        <Button
          priority="tertiary"
          size="small"
          iconId="fr-icon-delete-bin-line"
          onClick={() => setConfirmDelete(true)}
        >
          Supprimer
        </Button>
      </p>
      {archive.isSuccess && (
        <Alert
          severity="success"
          small
          description={
            archived ? 'Conversation archivée.' : 'Conversation remise dans la boîte de réception.'
          }
        />
      )}
      {(archive.isError || remove.isError) && (
        <Alert severity="error" small description={errorMessage(archive.error ?? remove.error)} />
      )}
      {confirmDelete && (
        <Alert
          className="fr-mb-3w"
          severity="warning"
          title="Supprimer cette conversation ?"
          description={
            <>
              <p>Elle disparaîtra de vos messages. Le professionnel de santé conserve sa copie.</p>
              <Button size="small" onClick={() => remove.mutate()} disabled={remove.isPending}>
                Confirmer la suppression
              </Button>{' '}
              <Button size="small" priority="secondary" onClick={() => setConfirmDelete(false)}>
                Annuler
              </Button>
            </>
          }
        />
      )}
      <MessageThread side="patient" detail={detail} />
      {detail.canReply ? (
        <section aria-labelledby="reply-title">
          <h2 id="reply-title" className="fr-h4">
            Répondre
          </h2>
          <MessageForm
            subject={false}
            allowDocuments
            submitLabel="Envoyer"
            send={(form) => reply('patient', id, form)}
            onSent={() => void refresh()}
          />
        </section>
      ) : (
        <Alert severity="info" small description={closedNotice} />
      )}
    </>
  );
}
