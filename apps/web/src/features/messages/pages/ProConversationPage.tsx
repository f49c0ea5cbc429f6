/** A conversation (the professional): the messages, its reply, "Clôturer l'échange". */
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { closeConversation, reply } from '../api.ts';
import { MessageForm } from '../components/MessageForm.tsx';
import { MessageThread } from '../components/MessageThread.tsx';
import { messagesKeys, useConversation } from '../hooks.ts';
import { errorMessage } from '../wording.ts';

/** `/pro/messages/:id`. */
export function ProConversationPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const conversation = useConversation('professional', id);
  const subject = conversation.data?.conversation.subject;
  usePageTitle(subject ? `${subject} - Messagerie` : 'Messagerie - Espace professionnel');
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: messagesKeys.all('professional') });
  const loaded = conversation.isSuccess;
  useEffect(() => {
    if (loaded)
      void queryClient.invalidateQueries({ queryKey: messagesKeys.unread('professional') });
  }, [loaded, queryClient]);
  const close = useMutation({ mutationFn: () => closeConversation(id), onSuccess: refresh });

  const back = (
    <p>
      <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to="/pro/messages">
        Retour à la messagerie
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
  return (
    <>
      {back}
      <h1>{detail.conversation.subject}</h1>
      <p>Échange avec {detail.conversation.patient.name}</p>
      {close.isError && <Alert severity="error" small description={errorMessage(close.error)} />}
      <MessageThread side="professional" detail={detail} />
      {detail.canReply ? (
        <>
          <section aria-labelledby="reply-title">
            <h2 id="reply-title" className="fr-h4">
              Répondre
            </h2>
            <MessageForm
              subject={false}
              allowDocuments={false}
              submitLabel="Envoyer"
              send={(form) => reply('professional', id, form)}
              onSent={() => void refresh()}
            />
          </section>
          <hr className="fr-mt-4w" />
          <p>Une fois l’échange clôturé, ni vous ni le patient ne pourrez plus y écrire.</p>
          <Button
            priority="secondary"
            iconId="fr-icon-lock-line"
            disabled={close.isPending}
            onClick={() => close.mutate()}
          >
            Clôturer l’échange
          </Button>
        </>
      ) : (
        <Alert severity="info" small description="Cet échange est clôturé." />
      )}
    </>
  );
}
