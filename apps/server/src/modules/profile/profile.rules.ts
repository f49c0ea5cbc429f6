/**
 * The checks of an entry that the wire schema cannot make alone (issue 11 "Bad input"): real dates
 * not in the future (a planned rappel excepted), plausible measures, a name for "Autre vaccin".
 */
import type { MeasureTarget, ProfileEntryData } from '@carnet/shared';
import { measureDefinitions, parisDay } from '@carnet/shared';
import type { MeasureDefinition } from '@carnet/shared';
import { profileErrors } from './profile.errors.ts';

const fr = (n: number) => n.toLocaleString('fr-FR');

function checkDate(value: string | null | undefined, field: string, today: string) {
  if (!value) return;
  const parsed = new Date(`${value}T00:00:00Z`);
  if (
    Number.isNaN(parsed.getTime()) ||
    parsed.toISOString().slice(0, 10) !== value ||
    value < '1900-01-01'
  )
    throw profileErrors.dateInvalid(field);
  if (value > today) throw profileErrors.dateInFuture(field);
}

function checkRange(def: MeasureDefinition, value: number, field: string) {
  const factor = 10 ** def.decimals;
  const rounded = Math.round(value * factor) / factor;
  if (value < def.min || value > def.max || Math.abs(rounded - value) > 1e-9)
    throw profileErrors.implausible(
      field,
      def.label.toLowerCase(),
      fr(def.min),
      fr(def.max),
      def.unit,
    );
}

/** Throws a French field error when the entry is not acceptable at `now`. */
export function checkEntry(entry: ProfileEntryData, now: Date): void {
  const today = parisDay(now);
  switch (entry.type) {
    case 'maladie':
      return checkDate(entry.since, 'entry.since', today);
    case 'traitement':
      checkDate(entry.since, 'entry.since', today);
      checkDate(entry.until, 'entry.until', today);
      if (entry.since && entry.until && entry.until < entry.since)
        throw profileErrors.datesOrder('entry.until');
      return;
    case 'hospitalisation':
      checkDate(entry.from, 'entry.from', today);
      checkDate(entry.to, 'entry.to', today);
      if (entry.to && entry.to < entry.from) throw profileErrors.datesOrder('entry.to');
      return;
    case 'vaccination':
      checkDate(entry.date, 'entry.date', today);
      if (entry.vaccine === 'AUTRE' && !entry.otherName) throw profileErrors.otherVaccineName();
      // A planned rappel may lie in the future; it must still be a real date after the dose.
      if (entry.nextDue) {
        checkDate(entry.nextDue, 'entry.nextDue', '9999-12-31');
        if (entry.nextDue <= entry.date) throw profileErrors.nextDueBeforeDose();
      }
      return;
    case 'mesure': {
      checkDate(entry.date, 'entry.date', today);
      const def: MeasureDefinition = measureDefinitions[entry.measure];
      checkRange(def, entry.value, 'entry.value');
      if (def.second) {
        if (entry.value2 === null || entry.value2 === undefined)
          throw profileErrors.secondValueMissing();
        checkRange({ ...def, ...def.second }, entry.value2, 'entry.value2');
      } else if (entry.value2 !== null && entry.value2 !== undefined)
        throw profileErrors.secondValueUnexpected();
      return;
    }
    default:
      return;
  }
}

/** A target must respect the measure's plausible range and min ≤ max. */
export function checkTarget(measure: keyof typeof measureDefinitions, target: MeasureTarget) {
  const def: MeasureDefinition = measureDefinitions[measure];
  if (target.min !== null) checkRange({ ...def, decimals: 2 }, target.min, 'min');
  if (target.max !== null) checkRange({ ...def, decimals: 2 }, target.max, 'max');
  if (target.min !== null && target.max !== null && target.max < target.min)
    throw profileErrors.targetOrder();
}

/** What the list, chart and reminder columns hold for an entry. */
export function indexOf(entry: ProfileEntryData): { kind: string | null; date: string | null } {
  switch (entry.type) {
    case 'mesure':
      return { kind: entry.measure, date: entry.date };
    case 'vaccination':
      return { kind: entry.vaccine, date: entry.date };
    case 'contact':
      return { kind: entry.kind, date: null };
    case 'maladie':
    case 'traitement':
      return { kind: null, date: entry.since ?? null };
    case 'hospitalisation':
      return { kind: null, date: entry.from };
    default:
      return { kind: null, date: null };
  }
}
