/** Accueil (/): greeting, the two main actions and the "Vos données sont sécurisées" block. */
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useMe } from '../../../app/session-context.ts';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { SecurityBlock } from '../components/SecurityBlock.tsx';

/** Wording of the guide's home screen. */
export function HomePage() {
  usePageTitle('Accueil');
  const me = useMe();
  return (
    <>
      <h1>Bonjour {me.firstName},</h1>
      <p className="fr-text--lead">Partagez l'essentiel de vos informations de santé.</p>
      <p className="fr-mb-1w">Vous pouvez ajouter des informations sur :</p>
      <ul>
        <li>vos maladies et sujets de santé ;</li>
        <li>vos traitements ;</li>
        <li>vos allergies ;</li>
        <li>vos vaccinations ;</li>
        <li>vos mesures de santé.</li>
      </ul>
      <p>
        Vous pouvez également partager une synthèse de votre profil avec les professionnels de santé
        de votre choix.
      </p>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-mb-6w">
        <li>
          <Button linkProps={{ to: '/profil-medical' }}>Compléter mon profil médical</Button>
        </li>
        <li>
          <Button priority="secondary" linkProps={{ to: '/documents/ajouter' }}>
            Ajouter un document de santé
          </Button>
        </li>
      </ul>
      <SecurityBlock />
    </>
  );
}
