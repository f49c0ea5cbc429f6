/** Periods and months of the history, in the browser's calendar (France for Carnet's users). */
import type { HistoryEntry } from '@carnet/shared';

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD of a local date. */
export const isoDay = (date: Date): string =>
  `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/** "Le mois dernier": the first and last days of the calendar month before `today`. */
export function lastMonth(today: Date): { from: string; to: string } {
  const first = new Date(today.getFullYear(), today.getMonth() - 1, 1);
  const last = new Date(today.getFullYear(), today.getMonth(), 0);
  return { from: isoDay(first), to: isoDay(last) };
}

const monthFormat = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric' });
const dayFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short' });
const timeFormat = new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short' });

/** "27/11/2026 à 10:00". */
export const formatDateTime = (iso: string): string => {
  const date = new Date(iso);
  return `${dayFormat.format(date)} à ${timeFormat.format(date)}`;
};

/** "27/11/2026" from YYYY-MM-DD. */
export const formatDay = (day: string): string => day.split('-').reverse().join('/');

/** Lines of one month. */
export interface MonthGroup {
  key: string;
  /** "Novembre 2026". */
  label: string;
  entries: HistoryEntry[];
}

/** Lines (newest first) grouped by month, in order. */
export function groupByMonth(entries: HistoryEntry[]): MonthGroup[] {
  const groups: MonthGroup[] = [];
  for (const entry of entries) {
    const date = new Date(entry.at);
    const key = `${date.getFullYear()}-${pad(date.getMonth() + 1)}`;
    let group = groups.at(-1);
    if (group?.key !== key) {
      const label = monthFormat.format(date);
      group = { key, label: label.charAt(0).toUpperCase() + label.slice(1), entries: [] };
      groups.push(group);
    }
    group.entries.push(entry);
  }
  return groups;
}
