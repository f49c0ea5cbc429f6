/** Unknown address. */
import { Link } from 'react-router';
import { usePageTitle } from '../../ui/use-page-title.ts';

/** "Page non trouvée" with a way back. */
export function NotFoundPage() {
  usePageTitle('Page non trouvée');
  return (
    <>
      <h1>Page non trouvée</h1>
      <p>La page que vous cherchez est introuvable. L'adresse est peut-être erronée.</p>
      <Link className="fr-link" to="/">
        Retour à l'accueil
      </Link>
    </>
  );
}
