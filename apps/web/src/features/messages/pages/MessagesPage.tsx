/** Messages (the patient): her inbox, the archived conversations, search in subjects. */
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { InboxView } from '../components/InboxView.tsx';

/** `/messages`. */
export function MessagesPage() {
  usePageTitle('Messages');
  return (
    <>
      <h1>Messages</h1>
      <p>
        Les professionnels de santé qui ont accès à votre profil peuvent vous écrire ici. Vous
        pouvez leur répondre tant qu’ils n’ont pas clôturé l’échange.
      </p>
      <InboxView side="patient" linkTo={(id) => `/messages/${encodeURIComponent(id)}`} />
    </>
  );
}
