/**
 * Paramètres › Télécharger mes données (PRODUCT.md "Paramètres"): ask for an archive, follow its
 * preparation (the page polls while the job runs), download it for 7 days.
 */
import { useQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { DataExport } from '@carnet/shared';
import { ApiError, unavailableMessage } from '../../../app/http.ts';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { useProfile } from '../../profiles/profile-context.ts';
import { exportDownloadHref, getCurrentExport, requestExport } from '../api.ts';

const day = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short' });
const inProgress = (e: DataExport | null | undefined) =>
  e?.status === 'pending' || e?.status === 'running';

/** "1,2 Mo". */
function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} Ko`;
  return `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

/** The latest archive of the profile shown (mine, or a child's I represent) and what I can do with it. */
export function DataExportPage() {
  usePageTitle('Télécharger mes données - Paramètres');
  const { current: profile } = useProfile();
  const queryKey = ['exports', 'current', profile.patientId] as const;
  const child = profile.role === 'representant-legal';
  const client = useQueryClient();
  const current = useQuery({
    queryKey,
    queryFn: getCurrentExport,
    refetchInterval: (query) => (inProgress(query.state.data) ? 1500 : false),
  });
  const ask = useMutation({
    mutationFn: requestExport,
    onSuccess: (created) => client.setQueryData(queryKey, created),
  });
  const latest = current.data;
  const askError =
    ask.error instanceof ApiError ? ask.error.message : ask.error ? unavailableMessage : undefined;

  return (
    <>
      <h2>Télécharger mes données</h2>
      {child && (
        <p className="fr-text--lead">
          Profil de {profile.firstName} {profile.lastName}, que je représente : l’archive contient
          les données de son profil que je peux consulter, et je suis seul(e) à pouvoir la
          télécharger.
        </p>
      )}
      <p>
        Je peux obtenir une archive (fichier ZIP) de toutes les données {child ? 'du' : 'de mon'}{' '}
        profil : {child ? 'ses' : 'mes'} documents dans leur format d’origine, classés par dossier,
        le profil et l’historique d’activité au format FHIR (profil.fhir.json), l’historique
        d’activité en tableau (historique.csv) et un résumé lisible (resume.pdf).
      </p>
      <p>
        L’archive est préparée en arrière-plan ; je reçois un e-mail quand elle est prête. Elle
        reste téléchargeable 7 jours, uniquement lorsque je suis connecté(e), puis elle est
        supprimée.
      </p>
      {current.isError && (
        <Alert className="fr-mb-3w" severity="error" small description={unavailableMessage} />
      )}
      {askError && <Alert className="fr-mb-3w" severity="error" small description={askError} />}
      <div aria-live="polite">
        {inProgress(latest) && latest && (
          <div className="fr-mb-3w">
            <p className="fr-mb-1w" id="progression-export">
              Préparation de mes données en cours : {latest.progress} %
            </p>
            <progress
              aria-labelledby="progression-export"
              max={100}
              value={latest.progress}
              style={{ width: '100%' }}
            />
          </div>
        )}
        {latest?.status === 'ready' && (
          <Alert
            className="fr-mb-3w"
            severity="success"
            title="Mes données sont prêtes"
            description={`Archive disponible jusqu’au ${day.format(new Date(latest.expiresAt ?? ''))}${latest.size ? ` (${formatSize(latest.size)})` : ''}.`}
          />
        )}
        {latest?.status === 'failed' && (
          <Alert
            className="fr-mb-3w"
            severity="error"
            title="La préparation de mes données a échoué"
            description="Aucune archive n’a été créée. Je peux la demander à nouveau."
          />
        )}
        {latest?.status === 'expired' && (
          <Alert
            className="fr-mb-3w"
            severity="info"
            small
            description="Ma dernière archive a expiré et a été supprimée. Je peux en demander une nouvelle."
          />
        )}
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-md">
        {latest?.status === 'ready' && (
          <li>
            {/* A plain link: the browser downloads it (GET + cookie), the router must not catch it. */}
            <a
              className="fr-btn fr-btn--icon-left fr-icon-download-line"
              href={exportDownloadHref(latest.id)}
              download
            >
              Télécharger mes données
            </a>
          </li>
        )}
        <li>
          <Button
            priority={latest?.status === 'ready' ? 'secondary' : 'primary'}
            disabled={current.isPending || inProgress(latest) || ask.isPending}
            onClick={() => ask.mutate()}
          >
            {latest ? 'Demander une nouvelle archive' : 'Demander mes données'}
          </Button>
        </li>
      </ul>
    </>
  );
}
