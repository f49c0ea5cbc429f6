/** Messagerie (the professional): its conversations with patients, search in subjects. */
import { Link } from 'react-router';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { InboxView } from '../components/InboxView.tsx';

/** `/pro/messages`. */
export function ProMessagesPage() {
  usePageTitle('Messagerie - Espace professionnel');
  return (
    <>
      <p>
        <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to="/pro">
          Rechercher un patient
        </Link>
      </p>
      <h1>Messagerie</h1>
      <p>Pour écrire à un patient, ouvrez son dossier puis choisissez « Écrire au patient ».</p>
      <InboxView side="professional" linkTo={(id) => `/pro/messages/${encodeURIComponent(id)}`} />
    </>
  );
}
