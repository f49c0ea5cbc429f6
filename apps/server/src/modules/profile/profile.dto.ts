/** Rows to wire objects; the IMC and the vaccination dates computed here, never stored typed. */
import type { ProfileEntry, ProfileEntryData, ProfileRubrique } from '@carnet/shared';
import { bodyMassIndex, nextRecommendedDate } from '@carnet/shared';
import type { ProfileEntryRow } from './profile.repository.ts';

/** The entry's content as stored. */
export const dataOf = (row: Pick<ProfileEntryRow, 'data'>): ProfileEntryData =>
  JSON.parse(row.data) as ProfileEntryData;

/** The wire form of an entry; `viewerId` is the professional reading, if any. */
export function toProfileEntryDto(row: ProfileEntryRow, viewerId?: string): ProfileEntry {
  return {
    id: row.id,
    rubrique: row.rubrique as ProfileRubrique,
    masked: row.masked === 1,
    author: {
      type: row.author_type,
      name: row.author_type === 'professional' ? row.author_name : null,
    },
    mine:
      viewerId !== undefined && row.author_type === 'professional' && row.author_id === viewerId,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    data: dataOf(row),
    nextDate: row.due_date,
  };
}

/** When a vaccination's reminder is due: the planned rappel, else the calendar's next date. */
export function dueDateOf(entry: ProfileEntryData, birthDate: string): string | null {
  if (entry.type !== 'vaccination') return null;
  return entry.nextDue ?? nextRecommendedDate(entry.vaccine, entry.date, birthDate);
}

/** The IMC from the latest poids and the latest taille, or null when one is missing. */
export function bmiOf(
  weight: ProfileEntryRow | undefined,
  height: ProfileEntryRow | undefined,
): { value: number; date: string; heightCm: number } | null {
  if (!weight || !height) return null;
  const w = dataOf(weight);
  const h = dataOf(height);
  if (w.type !== 'mesure' || h.type !== 'mesure') return null;
  return { value: bodyMassIndex(w.value, h.value), date: w.date, heightCm: h.value };
}
