/**
 * A record's traces in the professional space (ACCESS.md "read access traces of the record —
 * médecin traitant; any PS for its own traces"). Loaded only when opened: each read is itself
 * traced on the patient's record.
 */
import { useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { isNotFound } from '../../../ui/server-errors.ts';
import { linesShown, PagedHistory } from '../../history/components/PagedHistory.tsx';
import { PeriodFilter } from '../../history/components/PeriodFilter.tsx';
import type { Period } from '../../history/components/PeriodFilter.tsx';
import type { TraceScope } from '../api.ts';
import { usePatientTraces } from '../hooks.ts';

const texts = {
  record: {
    title: "Traces d'accès",
    intro:
      'En tant que médecin traitant, je peux consulter les accès de tous les professionnels de santé à ce dossier, y compris les tentatives refusées et les accès en urgence.',
    show: "Afficher les traces d'accès",
    hide: "Masquer les traces d'accès",
    empty: "Aucun accès d'un professionnel de santé sur cette période.",
    refused: "Vous n'avez pas accès aux traces de ce dossier.",
  },
  own: {
    title: 'Mes accès à ce dossier',
    intro: "Les actions que j'ai effectuées sur ce dossier, telles que le patient les voit.",
    show: 'Afficher mes accès',
    hide: 'Masquer mes accès',
    empty: 'Aucune action de votre part sur cette période.',
    refused: "Vous n'avez pas accès aux traces de ce dossier.",
  },
} as const;

/** Props: the record and which traces. */
export interface ProTracesProps {
  patientId: string;
  scope: TraceScope;
}

/** A section with its own "Afficher" button; the table is read from the server when opened. */
export function ProTraces({ patientId, scope }: ProTracesProps) {
  const [open, setOpen] = useState(false);
  const text = texts[scope];
  const headingId = `traces-${scope}`;
  return (
    <section aria-labelledby={headingId} className="fr-mb-6w">
      <h2 id={headingId} className="fr-h4">
        {text.title}
      </h2>
      <p>{text.intro}</p>
      <Button
        priority="secondary"
        iconId={open ? 'fr-icon-arrow-up-s-line' : 'fr-icon-arrow-down-s-line'}
        iconPosition="right"
        onClick={() => setOpen((o) => !o)}
        nativeButtonProps={{ 'aria-expanded': open, 'aria-controls': `${headingId}-contenu` }}
      >
        {open ? text.hide : text.show}
      </Button>
      <div id={`${headingId}-contenu`} className="fr-mt-3w">
        {open && <TraceList patientId={patientId} scope={scope} />}
      </div>
    </section>
  );
}

function TraceList({ patientId, scope }: ProTracesProps) {
  const [period, setPeriod] = useState<Period>({});
  const traces = usePatientTraces(patientId, scope, period);
  const text = texts[scope];
  if (traces.isError && isNotFound(traces.error)) {
    return <Alert severity="info" small description={text.refused} />;
  }
  return (
    <>
      <PeriodFilter period={period} onChange={setPeriod} />
      <PagedHistory
        query={traces}
        summary={(count) => (count === 0 ? text.empty : `${linesShown(count)}.`)}
      />
    </>
  );
}
