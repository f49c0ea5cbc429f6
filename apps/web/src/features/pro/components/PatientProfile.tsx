/**
 * The profile rubriques a professional may read (issue 11: Vaccinations, Mesures, Entourage et
 * volontés), each read traced by the server; what the patient masked is simply absent. A
 * professional may add a vaccination or a measure.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type {
  MeasureCode,
  ProProfileRubrique,
  ProfileEntryDataInput,
  ProfileRubrique,
} from '@carnet/shared';
import { describeEntry, frenchDate, measureCodes, measureDefinitions } from '@carnet/shared';
import { TimeSeriesChart } from '../../../ui/TimeSeriesChart.tsx';
import { EntryForm } from '../../medical-profile/components/EntryForm.tsx';
import { addPatientProfileEntry, getPatientProfileRubrique } from '../api.ts';

const shown: { code: ProfileRubrique; title: string }[] = [
  { code: 'vaccinations', title: 'Vaccinations' },
  { code: 'mesures', title: 'Mesures' },
  { code: 'entourage', title: 'Entourage et volontés' },
];

/** The three rubriques and the forms to add. */
export function PatientProfile({ patientId }: { patientId: string }) {
  return (
    <section className="fr-mb-6w" aria-labelledby="pro-profile-title">
      <h2 id="pro-profile-title">Profil médical</h2>
      {shown.map(({ code, title }) => (
        <ProfileRubriqueBlock key={code} patientId={patientId} code={code} title={title} />
      ))}
    </section>
  );
}

function ProfileRubriqueBlock(props: { patientId: string; code: ProfileRubrique; title: string }) {
  const queryKey = ['pro-profile', props.patientId, props.code];
  const query = useQuery({
    queryKey,
    queryFn: () => getPatientProfileRubrique(props.patientId, props.code),
  });
  const client = useQueryClient();
  const add = useMutation({
    mutationFn: (entry: ProfileEntryDataInput) => addPatientProfileEntry(props.patientId, entry),
    onSuccess: () => client.invalidateQueries({ queryKey }),
  });
  const type = props.code === 'vaccinations' ? 'vaccination' : 'mesure';
  return (
    <div className="fr-mb-4w">
      <h3>{props.title}</h3>
      {query.isPending && <p role="status">Chargement en cours…</p>}
      {query.isError && <p>Aucune information consultable.</p>}
      {query.data && props.code === 'mesures' && <ProMeasures rubrique={query.data} />}
      {query.data &&
        (query.data.entries.length === 0 ? (
          <p>Aucune information.</p>
        ) : (
          <ul>
            {[...query.data.entries].reverse().map((entry) => {
              const { title, detail } = describeEntry(entry.data);
              return (
                <li key={entry.id}>
                  <strong>{title}</strong>
                  {detail && <> — {detail}</>}
                  {entry.nextDate && <> · prochain rappel : {frenchDate(entry.nextDate)}</>}{' '}
                  {entry.author.type === 'professional' && (
                    <Badge small severity="info">
                      Ajouté par {entry.author.name}
                    </Badge>
                  )}
                </li>
              );
            })}
          </ul>
        ))}
      {props.code !== 'entourage' && (
        <details className="fr-mt-2w">
          <summary>
            {props.code === 'vaccinations' ? 'Ajouter une vaccination' : 'Ajouter une mesure'}
          </summary>
          <EntryForm
            type={type}
            submitLabel="Ajouter"
            onSubmit={(entry) => add.mutateAsync(entry)}
          />
          <p role="status" className="fr-sr-only">
            {add.isSuccess ? 'Information ajoutée' : ''}
          </p>
        </details>
      )}
    </div>
  );
}

function ProMeasures({ rubrique }: { rubrique: ProProfileRubrique }) {
  const [code, setCode] = useState<MeasureCode>('poids');
  const def = measureDefinitions[code];
  const points = rubrique.entries.flatMap((e) =>
    e.data.type === 'mesure' && e.data.measure === code
      ? [{ date: e.data.date, value: e.data.value, value2: e.data.value2 ?? null }]
      : [],
  );
  return (
    <>
      {rubrique.bmi && (
        <p>
          IMC : <strong>{rubrique.bmi.value.toLocaleString('fr-FR')} kg/m²</strong>
        </p>
      )}
      <Select
        label="Mesure affichée"
        nativeSelectProps={{ value: code, onChange: (e) => setCode(e.target.value as MeasureCode) }}
      >
        {measureCodes.map((m) => (
          <option key={m} value={m}>
            {measureDefinitions[m].label}
          </option>
        ))}
      </Select>
      <TimeSeriesChart
        title={def.label}
        unit={def.unit}
        series={
          'second' in def
            ? [
                { key: 'value', label: 'Systolique', color: '#c9191e' },
                { key: 'value2', label: 'Diastolique', color: '#000091' },
              ]
            : [{ key: 'value', label: def.label, color: '#000091' }]
        }
        points={points}
      />
    </>
  );
}
