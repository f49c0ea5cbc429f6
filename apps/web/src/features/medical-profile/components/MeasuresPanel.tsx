/**
 * Mesures: a chart over time per measure (and the IMC, computed from the latest taille, never
 * typed), a period filter, and the measure's optional target.
 */
import { useState } from 'react';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { MeasureCode, MedicalProfile, ProfileEntryData } from '@carnet/shared';
import { bodyMassIndex, measureCodes, measureDefinitions } from '@carnet/shared';
import type { MeasureDefinition } from '@carnet/shared';
import { TimeSeriesChart } from '../../../ui/TimeSeriesChart.tsx';
import type { TimeSeries, TimeSeriesPoint } from '../../../ui/TimeSeriesChart.tsx';
import { TargetForm } from './TargetForm.tsx';

type Measure = Extract<ProfileEntryData, { type: 'mesure' }>;
type ChartCode = MeasureCode | 'imc';

const periods = {
  '3': '3 derniers mois',
  '6': '6 derniers mois',
  '12': '12 derniers mois',
  '24': '2 dernières années',
  tout: 'Toute la période',
} as const;
type Period = keyof typeof periods;

function since(period: Period): string {
  if (period === 'tout') return '0000-00-00';
  const d = new Date();
  d.setMonth(d.getMonth() - Number(period));
  return d.toISOString().slice(0, 10);
}

const blue = '#000091';
const red = '#c9191e';

/** The measures' charts. */
export function MeasuresPanel({ profile }: { profile: MedicalProfile }) {
  const [code, setCode] = useState<ChartCode>('poids');
  const [period, setPeriod] = useState<Period>('tout');
  const measures = (profile.rubriques.find((r) => r.code === 'mesures')?.entries ?? [])
    .map((e) => e.data)
    .filter((d): d is Measure => d.type === 'mesure');
  const from = since(period);
  const bmi = profile.bmi;

  let title: string;
  let unit: string;
  let series: TimeSeries[];
  let points: TimeSeriesPoint[];
  if (code === 'imc') {
    title = 'IMC';
    unit = 'kg/m²';
    series = [{ key: 'value', label: 'IMC', color: blue }];
    points = bmi
      ? measures
          .filter((m) => m.measure === 'poids' && m.date >= from)
          .map((m) => ({ date: m.date, value: bodyMassIndex(m.value, bmi.heightCm) }))
      : [];
  } else {
    const def: MeasureDefinition = measureDefinitions[code];
    title = def.label;
    unit = def.unit;
    series = def.second
      ? [
          { key: 'value', label: 'Systolique', color: red },
          { key: 'value2', label: 'Diastolique', color: blue },
        ]
      : [{ key: 'value', label: def.label, color: blue }];
    points = measures
      .filter((m) => m.measure === code && m.date >= from)
      .map((m) => ({ date: m.date, value: m.value, value2: m.value2 ?? null }));
  }

  return (
    <section className="fr-mb-6w" aria-labelledby="measures-charts">
      <h2 id="measures-charts">Mes courbes</h2>
      <p>
        {bmi ? (
          <>
            IMC : <strong>{bmi.value.toLocaleString('fr-FR')} kg/m²</strong> (calculé avec votre
            dernier poids et votre taille de {bmi.heightCm} cm)
          </>
        ) : (
          'IMC : renseignez votre poids et votre taille pour le calculer.'
        )}
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Select
            label="Mesure affichée"
            nativeSelectProps={{
              value: code,
              onChange: (e) => setCode(e.target.value as ChartCode),
            }}
          >
            {measureCodes.map((m) => (
              <option key={m} value={m}>
                {measureDefinitions[m].label}
              </option>
            ))}
            <option value="imc">IMC (calculé)</option>
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Select
            label="Période"
            nativeSelectProps={{
              value: period,
              onChange: (e) => setPeriod(e.target.value as Period),
            }}
          >
            {Object.entries(periods).map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <TimeSeriesChart
        title={title}
        unit={unit}
        series={series}
        points={points}
        target={code === 'imc' ? undefined : profile.targets[code]}
      />
      {code !== 'imc' && <TargetForm key={code} measure={code} target={profile.targets[code]} />}
    </section>
  );
}
