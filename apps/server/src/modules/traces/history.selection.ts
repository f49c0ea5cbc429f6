/**
 * The selection of Historique d'activité: which traces a tab and a period of French calendar days
 * read, and the opaque keyset cursor of "Afficher plus".
 */
import type { HistoryFilter, HistoryTab } from '@carnet/shared';
import { parisDayStart } from '@carnet/shared';
import { historyErrors } from './history.errors.ts';
import type { HistoryKey, HistorySelection } from './history.repository.ts';

/** Actor types of each tab. Proches: legal representatives and aidants (none exist yet). */
const tabActorTypes: Record<HistoryTab, readonly string[]> = {
  professionnels: ['professional'],
  'mes-activites': ['patient'],
  proches: ['legal-representative', 'aidant'],
};

/** Opaque cursor of the last line shown: base64url of "at|seq". */
export function encodeCursor(key: HistoryKey): string {
  return Buffer.from(`${key.at}|${key.seq}`, 'utf8').toString('base64url');
}

/** The position a cursor names; throws `history.cursor_invalid` on anything else. */
export function decodeCursor(cursor: string): HistoryKey {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z)\|(\d{1,12})$/.exec(text);
  if (!match) throw historyErrors.cursorInvalid();
  return { at: match[1]!, seq: Number(match[2]) };
}

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The trace selection of a tab and a period of French calendar days (both included). */
export function selectionOf(patientId: string, filter: HistoryFilter): HistorySelection {
  return {
    patientId,
    actorTypes: tabActorTypes[filter.tab],
    actorId: filter.tab === 'mes-activites' ? patientId : undefined,
    fromIso: filter.from ? parisDayStart(filter.from).toISOString() : undefined,
    toIso: filter.to ? parisDayStart(nextDay(filter.to)).toISOString() : undefined,
  };
}
