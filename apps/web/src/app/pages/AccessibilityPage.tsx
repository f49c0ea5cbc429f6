/** Accessibility statement (linked from the footer). */
import { usePageTitle } from '../../ui/use-page-title.ts';

/** Declared "non conforme" until an RGAA audit is carried out. */
export function AccessibilityPage() {
  usePageTitle('Accessibilité');
  return (
    <>
      <h1>Accessibilité</h1>
      <p>
        Carnet n'a pas encore fait l'objet d'un audit de conformité au référentiel général
        d'amélioration de l'accessibilité (RGAA) : il est déclaré non conforme.
      </p>
      <p>
        Si vous ne parvenez pas à accéder à un contenu ou à un service, signalez-le à
        l'administrateur de votre instance Carnet.
      </p>
    </>
  );
}
