/** HTTP calls of Historique d'activité (the only HTTP of this feature). */
import { historyPageSchema } from '@carnet/shared';
import type { HistoryFilter, HistoryPage, HistoryQuery } from '@carnet/shared';
import { getJson } from '../../app/http.ts';

function search(query: HistoryQuery): string {
  const params = new URLSearchParams({ tab: query.tab });
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  if (query.cursor) params.set('cursor', query.cursor);
  return params.toString();
}

/** A page of 100 lines of a tab and period, after `cursor` ("Afficher plus"). */
export function getHistoryPage(query: HistoryQuery): Promise<HistoryPage> {
  return getJson(`/api/history?${search(query)}`, historyPageSchema);
}

/** Where the browser downloads the export of the visible selection (a plain link: GET + cookie). */
export function exportHref(format: 'csv' | 'pdf', filter: HistoryFilter): string {
  return `/api/history/export.${format}?${search(filter)}`;
}
