/** "Vos données sont sécurisées": hosting, storage and protection, as on the guide's home screen. */
import { fr } from '@codegouvfr/react-dsfr';
import type { FrIconClassName } from '@codegouvfr/react-dsfr';
import { Panel } from '../../../ui/Panel.tsx';

const points: { icon: FrIconClassName; title: string; text: string }[] = [
  {
    icon: 'fr-icon-france-line',
    title: 'Hébergement',
    text: 'Vos données sont hébergées en France.',
  },
  {
    icon: 'fr-icon-database-line',
    title: 'Données',
    text: 'Vos données sont stockées dans un environnement sécurisé.',
  },
  { icon: 'fr-icon-lock-line', title: 'Protection', text: 'Vos données sont chiffrées.' },
];

/** Three short points side by side on wide screens. */
export function SecurityBlock() {
  return (
    <Panel tone="blue" className="fr-p-4w">
      <section aria-labelledby="securite">
        <h2 id="securite" className="fr-h4">
          Vos données sont sécurisées
        </h2>
        <div className="fr-grid-row fr-grid-row--gutters">
          {points.map(({ icon, title, text }) => (
            <div key={title} className="fr-col-12 fr-col-md-4">
              <h3 className="fr-h6 fr-mb-1w">
                <span className={fr.cx(icon, 'fr-mr-1w')} aria-hidden="true" />
                {title}
              </h3>
              <p className="fr-mb-0">{text}</p>
            </div>
          ))}
        </div>
      </section>
    </Panel>
  );
}
