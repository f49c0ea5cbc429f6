/**
 * /parametres/confidentialite/professionnels/:psId: one professional as the patient sees them
 * (PRODUCT.md "Per-PS detail: contact data, documents this PS added, its access traces").
 */
import { useParams } from 'react-router';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { documentCategories } from '@carnet/shared';
import type { ProfessionalDetail } from '@carnet/shared';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { BackTitle } from '../components/BackTitle.tsx';
import {
  formatDateTime,
  formatDay,
  fullName,
  statusBadgeSeverity,
  statusLabels,
} from '../format.ts';
import { errorMessage } from '../../../ui/server-errors.ts';
import { useProfessionalDetail } from '../hooks.ts';
import { traceActionLabel, traceModeLabels, traceOutcomeLabels } from '../trace-wording.ts';

const back = {
  to: '/parametres/confidentialite/professionnels',
  backLabel: 'Retour à Accès des professionnels de santé',
};

/** Coordinates, status, documents added and traces, each in its own section. */
export function ProfessionalDetailPage() {
  const { psId = '' } = useParams();
  const query = useProfessionalDetail(psId);
  const detail = query.data;
  usePageTitle(`${detail ? fullName(detail.professional) : 'Professionnel de santé'} - Paramètres`);

  if (!detail) {
    return (
      <>
        <BackTitle title="Professionnel de santé" {...back} />
        {query.isPending && <p role="status">Chargement en cours…</p>}
        {query.isError && <Alert severity="error" small description={errorMessage(query.error)} />}
      </>
    );
  }
  return (
    <>
      <BackTitle title={fullName(detail.professional)} {...back} />
      <Coordinates detail={detail} />
      <Documents detail={detail} />
      <Traces detail={detail} />
    </>
  );
}

function Coordinates({ detail }: { detail: ProfessionalDetail }) {
  const { professional, status, since, contact } = detail;
  return (
    <section aria-labelledby="coordonnees" className="fr-mb-6w">
      <h2 id="coordonnees" className="fr-h4">
        Coordonnées
      </h2>
      <p>
        {status === 'aucun' ? (
          "Ce professionnel de santé n'a pas d'accès à mes rubriques."
        ) : (
          <>
            <Badge small noIcon severity={statusBadgeSeverity[status]}>
              {statusLabels[status]}
            </Badge>
            {since && <> Depuis le {formatDay(since)}</>}
          </>
        )}
      </p>
      <dl>
        <dt className="fr-text--bold">Profession</dt>
        <dd className="fr-mb-2w">
          {professional.professionLabel}
          {professional.specialty && ` — ${professional.specialty}`}
          {detail.isRegulator && ' (régulateur SAMU)'}
          {detail.isMedecinTraitant && ' · mon médecin traitant'}
        </dd>
        <dt className="fr-text--bold">Numéro RPPS</dt>
        <dd className="fr-mb-2w">{professional.rpps}</dd>
        <dt className="fr-text--bold">Adresse e-mail</dt>
        <dd className="fr-mb-2w">
          {contact.email ? (
            <a href={`mailto:${contact.email}`}>{contact.email}</a>
          ) : (
            'Non renseignée'
          )}
        </dd>
      </dl>
    </section>
  );
}

function Documents({ detail }: { detail: ProfessionalDetail }) {
  return (
    <section aria-labelledby="documents-ajoutes" className="fr-mb-6w">
      <h2 id="documents-ajoutes" className="fr-h4">
        Documents ajoutés par ce professionnel de santé
      </h2>
      {detail.documents.length === 0 ? (
        <p>Ce professionnel de santé n'a ajouté aucun document.</p>
      ) : (
        <ul>
          {detail.documents.map((document) => (
            <li key={document.id}>
              {document.title} — {documentCategories[document.category]} —{' '}
              {formatDay(document.date)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Traces({ detail }: { detail: ProfessionalDetail }) {
  return (
    <section aria-labelledby="traces" className="fr-mb-6w">
      <h2 id="traces" className="fr-h4">
        Ses actions sur mon profil
      </h2>
      {detail.traces.length === 0 ? (
        <p>Aucune action de ce professionnel de santé n'est enregistrée.</p>
      ) : (
        <Table
          caption="Actions de ce professionnel de santé, les plus récentes d'abord"
          noCaption
          headers={['Date', 'Action', 'Mode', 'Résultat']}
          data={detail.traces.map((trace) => [
            formatDateTime(trace.at),
            traceActionLabel(trace.action),
            traceModeLabels[trace.mode],
            traceOutcomeLabels[trace.outcome],
          ])}
        />
      )}
    </section>
  );
}
