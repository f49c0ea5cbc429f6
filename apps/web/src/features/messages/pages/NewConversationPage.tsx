/** A professional writes to a patient from the patient's record: subject, text, attachments. */
import { useRef } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { startConversation } from '../api.ts';
import { MessageForm } from '../components/MessageForm.tsx';
import { messagesKeys } from '../hooks.ts';

/** `/pro/patients/:patientId/nouveau-message`; once sent, the conversation's page. */
export function NewConversationPage() {
  const { patientId = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const sentId = useRef<string>(undefined);
  usePageTitle('Nouveau message - Espace professionnel');
  return (
    <>
      <p>
        <Link
          className="fr-link fr-icon-arrow-left-line fr-link--icon-left"
          to={`/pro/patients/${encodeURIComponent(patientId)}`}
        >
          Retour au dossier du patient
        </Link>
      </p>
      <h1>Nouveau message</h1>
      <MessageForm
        subject
        allowDocuments={false}
        submitLabel="Envoyer"
        notFoundMessage="Vous ne pouvez pas écrire à ce patient : son dossier est introuvable ou vous n’y avez pas accès."
        send={async (form) => {
          sentId.current = (await startConversation(patientId, form)).id;
        }}
        onSent={() => {
          void queryClient.invalidateQueries({ queryKey: messagesKeys.all('professional') });
          if (sentId.current)
            void navigate(`/pro/messages/${encodeURIComponent(sentId.current)}`, {
              state: { notice: 'Votre message a été envoyé.' },
            });
        }}
      />
    </>
  );
}
