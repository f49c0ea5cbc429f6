/**
 * /pro/patients/:patientId: a record the signed-in professional may read now: the emergency
 * banner, "Mon accès à ce dossier", the documents, for an administrator blocking another
 * professional, and the traces (all of the record's for the médecin traitant, else its own). Anything else answers "not found" (ACCESS.md), shown as such.
 */
import { useEffect, useRef } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { ProPatientRecord } from '@carnet/shared';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { formatDay } from '../../access/format.ts';
import { StatusToast } from '../../../ui/StatusToast.tsx';
import { errorMessage } from '../../../ui/server-errors.ts';
import { useToast } from '../../../ui/use-toast.ts';
import { usePatientRecord } from '../hooks.ts';
import { AccessPanel } from '../components/AccessPanel.tsx';
import { BlockOtherProfessional } from '../components/BlockOtherProfessional.tsx';
import { EmergencyBanner } from '../components/EmergencyBanner.tsx';
import { PatientDocuments } from '../components/PatientDocuments.tsx';
import { PatientProfile } from '../components/PatientProfile.tsx';
import { ProTraces } from '../components/ProTraces.tsx';
import { readRecordNotice } from '../paths.ts';

/** Everything is read again after each action: the server is the only judge of access. */
export function PatientRecordPage() {
  const { patientId = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const query = usePatientRecord(patientId);
  const { toast, show, hide } = useToast(readRecordNotice(location.state));
  // A refused re-read (window over, blocked) hides the record, as a first read would.
  const record = query.isError ? undefined : query.data;
  const name = record
    ? `${record.patient.lastName} ${record.patient.firstName}`
    : 'Dossier patient';
  usePageTitle(`${name} - Espace professionnel`);
  useReloadWhenWindowEnds(record, () => void query.refetch());

  // The arrival message is shown once, not again after a reload of the page.
  useEffect(() => {
    if (readRecordNotice(location.state) !== undefined) {
      void navigate(location.pathname + location.search, { replace: true, state: null });
    }
  }, [location, navigate]);

  if (!record) {
    return (
      <>
        <BackToSearch />
        <h1>Dossier patient</h1>
        {query.isPending && <p role="status">Chargement en cours…</p>}
        {query.isError && <Alert severity="error" small description={errorMessage(query.error)} />}
      </>
    );
  }

  const { patient, access, rubriques } = record;
  // The mutation that changed the access has invalidated the record: it is read again.
  const reload = (message: string) => show('success', message);

  return (
    <>
      <BackToSearch />
      {access.readMode === 'urgence' && access.emergency && (
        <EmergencyBanner emergency={access.emergency} />
      )}
      <h1>{name}</h1>
      <p>Date de naissance : {formatDay(patient.birthDate)}</p>
      <StatusToast toast={toast} onClose={hide} />
      {access.readMode !== null && (
        <p>
          <Link
            className="fr-btn fr-btn--secondary fr-icon-mail-line fr-btn--icon-left"
            to={`/pro/patients/${encodeURIComponent(patient.id)}/nouveau-message`}
          >
            Écrire au patient
          </Link>
        </p>
      )}
      <AccessPanel
        patientId={patient.id}
        access={access}
        rubriques={rubriques}
        onChanged={(message) => reload(message)}
      />
      {access.readMode !== null && rubriques.includes('documents') && (
        <PatientDocuments
          patientId={patient.id}
          birthDate={patient.birthDate}
          readMode={access.readMode}
        />
      )}
      {access.readMode !== null && <PatientProfile patientId={patient.id} />}
      {access.grant === 'administrateur' && (
        <BlockOtherProfessional
          patientId={patient.id}
          onBlocked={() => reload('Mise à jour effectuée')}
        />
      )}
      {access.isMedecinTraitant && <ProTraces patientId={patient.id} scope="record" />}
      <ProTraces patientId={patient.id} scope="own" />
    </>
  );
}

function BackToSearch() {
  return (
    <p>
      <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to="/pro">
        Rechercher un autre patient
      </Link>
    </p>
  );
}

/** The banner must go when the window ends: read the record again at `until`. */
function useReloadWhenWindowEnds(record: ProPatientRecord | undefined, reload: () => void) {
  const until = record?.access.emergency?.until;
  const reloadRef = useRef(reload);
  useEffect(() => {
    reloadRef.current = reload;
  });
  useEffect(() => {
    if (!until) return;
    const delay = new Date(until).getTime() - Date.now();
    // setTimeout cannot wait more than ~24 days; a window lasts hours.
    if (!(delay > 0) || delay > 2 ** 31 - 1) return;
    const timer = window.setTimeout(() => reloadRef.current(), delay + 1000);
    return () => window.clearTimeout(timer);
  }, [until]);
}
