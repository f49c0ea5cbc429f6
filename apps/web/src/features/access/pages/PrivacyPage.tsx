/** /parametres/confidentialite: the Confidentialité section of the guide's "Paramètres de Inaya". */
import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { MaskByDefaultToggle } from '../../documents/components/MaskByDefaultToggle.tsx';

/** Links to the two access pages, then the documents feature's "masquer par défaut" toggle. */
export function PrivacyPage() {
  usePageTitle('Confidentialité - Paramètres');
  return (
    <>
      <h2 data-route-heading="">Confidentialité</h2>
      <p>Je donne l'accès aux informations de Carnet aux professionnels de santé.</p>
      <ul className="fr-raw-list fr-mb-4w">
        <li className="fr-mb-2w">
          <Link
            className={fr.cx('fr-link', 'fr-icon-arrow-right-line', 'fr-link--icon-right')}
            to="/parametres/confidentialite/professionnels"
          >
            Accès des professionnels de santé
          </Link>
        </li>
        <li>
          <Link
            className={fr.cx('fr-link', 'fr-icon-arrow-right-line', 'fr-link--icon-right')}
            to="/parametres/confidentialite/urgence"
          >
            Accès en cas d'urgence
          </Link>
        </li>
      </ul>
      <h3 className="fr-h6">Masquage des nouveaux documents</h3>
      <MaskByDefaultToggle />
    </>
  );
}
