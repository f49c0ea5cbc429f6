/** Profil médical: every rubrique with what it holds, and the synthèse (PRODUCT.md, issue 11). */
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Tile } from '@codegouvfr/react-dsfr/Tile';
import type { ProfileRubriqueView } from '@carnet/shared';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { useProfile } from '../hooks.ts';
import { rubriquePath } from '../rubriques.ts';

function summary(r: ProfileRubriqueView): string {
  const parts = [
    r.notConcerned
      ? 'Je ne suis pas concerné(e)'
      : r.entries.length === 0
        ? 'Aucune information'
        : `${r.entries.length} information${r.entries.length > 1 ? 's' : ''}`,
  ];
  if (r.masked) parts.push('masquée aux professionnels');
  return parts.join(', ');
}

/** The profile's home. */
export function MedicalProfilePage() {
  usePageTitle('Profil médical');
  const profile = useProfile();
  return (
    <>
      <h1>Profil médical</h1>
      <p>
        Renseignez vos informations de santé pour les avoir toujours avec vous. Vous choisissez ce
        que les professionnels de santé peuvent consulter.
      </p>
      {profile.isPending && <p role="status">Chargement en cours…</p>}
      {profile.isError && <Alert severity="error" small description={profile.error.message} />}
      {profile.data && (
        <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list fr-mb-6w">
          {profile.data.rubriques.map((r) => (
            <li key={r.code} className="fr-col-12 fr-col-md-6 fr-col-lg-4">
              <Tile
                title={r.label}
                desc={summary(r)}
                linkProps={{ to: rubriquePath(r.code) }}
                orientation="vertical"
                titleAs="h2"
              />
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="synthese-title">
        <h2 id="synthese-title">Synthèse du profil médical</h2>
        <p>
          Générez un document PDF de votre profil pour le télécharger ou l’enregistrer dans vos
          documents, et le partager ainsi avec les professionnels de santé.
        </p>
        <Button linkProps={{ to: '/profil-medical/synthese' }}>Générer la synthèse</Button>
      </section>
    </>
  );
}
