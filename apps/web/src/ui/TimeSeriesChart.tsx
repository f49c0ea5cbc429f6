/**
 * A line chart of values over time (recharts), with the same values as a table: always read by
 * screen readers (visually hidden), shown on demand ("Afficher le tableau des valeurs"), since a
 * chart alone is not accessible (RGAA 1.3 / 4.1: an alternative to a complex image).
 */
import { useId, useState } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ToggleSwitch } from '@codegouvfr/react-dsfr/ToggleSwitch';

/** One line of the chart. */
export interface TimeSeries {
  key: string;
  label: string;
  color: string;
}

/** One point: a YYYY-MM-DD date and a value per series key. */
export type TimeSeriesPoint = { date: string } & Record<string, number | string | null>;

/** Props of the chart. */
export interface TimeSeriesChartProps {
  title: string;
  unit: string;
  series: TimeSeries[];
  points: TimeSeriesPoint[];
  /** A target range drawn as a band. */
  target?: { min: number | null; max: number | null } | undefined;
}

const day = (iso: string) => iso.split('-').reverse().join('/');
const time = (iso: string) => Date.parse(`${iso}T12:00:00Z`);
const number = (n: unknown) =>
  typeof n === 'number' ? n.toLocaleString('fr-FR', { maximumFractionDigits: 2 }) : '';

/** The chart and its table. */
export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const captionId = useId();
  const [showTable, setShowTable] = useState(false);
  const points = [...props.points]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((p): TimeSeriesPoint & { t: number } => ({ ...p, t: time(p.date) }));
  const { target } = props;

  return (
    <figure className="fr-mb-4w" aria-labelledby={captionId} style={{ margin: 0 }}>
      <figcaption id={captionId} className="fr-h6 fr-mb-1w">
        {props.title} ({props.unit})
      </figcaption>
      {points.length === 0 ? (
        <p>Aucune valeur sur cette période.</p>
      ) : (
        <div aria-hidden="true" style={{ width: '100%', height: 260 }}>
          <ResponsiveContainer>
            {/* The chart is hidden from assistive technologies (the table carries the values), so
                recharts' keyboard layer (a focusable wrapper) must be off: nothing focusable may
                sit inside aria-hidden (WCAG 4.1.2, axe aria-hidden-focus). */}
            <LineChart
              accessibilityLayer={false}
              data={points}
              margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
            >
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis
                dataKey="t"
                type="number"
                scale="time"
                domain={['dataMin', 'dataMax']}
                tickFormatter={(t: number) => day(new Date(t).toISOString().slice(0, 10))}
              />
              <YAxis domain={['auto', 'auto']} width={48} />
              {target && (target.min !== null || target.max !== null) && (
                <ReferenceArea
                  y1={target.min ?? undefined}
                  y2={target.max ?? undefined}
                  fill="#b8fec9"
                  fillOpacity={0.4}
                  ifOverflow="extendDomain"
                />
              )}
              <Tooltip
                labelFormatter={(t) => day(new Date(Number(t)).toISOString().slice(0, 10))}
                formatter={(value) => `${number(value)} ${props.unit}`}
              />
              {props.series.map((s) => (
                <Line
                  key={s.key}
                  dataKey={s.key}
                  name={s.label}
                  stroke={s.color}
                  strokeWidth={2}
                  connectNulls
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
      <ToggleSwitch
        label="Afficher le tableau des valeurs"
        inputTitle={`Afficher le tableau des valeurs : ${props.title}`}
        checked={showTable}
        onChange={setShowTable}
        showCheckedHint={false}
      />
      <div className={showTable ? 'fr-table fr-table--no-caption' : 'fr-sr-only'}>
        <table>
          <caption>
            {props.title} : valeurs ({props.unit})
          </caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              {props.series.map((s) => (
                <th key={s.key} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {points.map((p, i) => (
              <tr key={`${p.date}-${i}`}>
                <td>{day(p.date)}</td>
                {props.series.map((s) => (
                  <td key={s.key}>{number(p[s.key])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
