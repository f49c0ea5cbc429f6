/** "← Accès des professionnels de santé": the page title with the guide's back arrow before it. */
import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import './actions-menu.css';

/** Props: the title, where the arrow goes and how that place is named for screen readers. */
export interface BackTitleProps {
  title: string;
  to: string;
  backLabel: string;
}

/** The arrow is a link of its own, named "Retour à …"; the title stays the page's h1. */
export function BackTitle({ title, to, backLabel }: BackTitleProps) {
  return (
    <div className="carnet-back-title fr-mb-4w">
      <Link
        to={to}
        className={fr.cx('fr-btn', 'fr-btn--tertiary-no-outline', 'fr-icon-arrow-left-line')}
        title={backLabel}
      >
        {backLabel}
      </Link>
      <h1>{title}</h1>
    </div>
  );
}
