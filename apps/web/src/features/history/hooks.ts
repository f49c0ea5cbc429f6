/** Hooks of Historique d'activité. */
import { useCallback, useEffect, useState } from 'react';
import type { HistoryEntry, HistoryFilter } from '@carnet/shared';
import { toFormErrors } from '../../ui/form-errors.ts';
import { getHistoryPage } from './api.ts';

/** The lines of a selection as they load. */
export type HistoryState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | {
      status: 'ready';
      entries: HistoryEntry[];
      nextCursor: string | null;
      loadingMore: boolean;
      moreError?: string | undefined;
    };

const messageOf = (error: unknown) => toFormErrors(error).message ?? '';
const loading: HistoryState = { status: 'loading' };

/** The first page of a tab and period; `loadMore` appends the next page ("Afficher plus"). */
export function useHistory(filter: HistoryFilter) {
  const { tab, from, to } = filter;
  const key = `${tab}|${from ?? ''}|${to ?? ''}`;
  // What was loaded, for which selection: another selection reads as loading until its answer.
  const [loaded, setLoaded] = useState<{ key: string; state: HistoryState }>();
  const state = loaded?.key === key ? loaded.state : loading;

  useEffect(() => {
    let live = true;
    void getHistoryPage({ tab, from, to }).then(
      (page) => {
        if (live) setLoaded({ key, state: { status: 'ready', ...page, loadingMore: false } });
      },
      (error: unknown) => {
        if (live) setLoaded({ key, state: { status: 'error', message: messageOf(error) } });
      },
    );
    return () => {
      live = false;
    };
  }, [key, tab, from, to]);

  const loadMore = useCallback(async (): Promise<number> => {
    if (state.status !== 'ready' || !state.nextCursor || state.loadingMore) return 0;
    const { entries, nextCursor } = state;
    setLoaded({ key, state: { ...state, loadingMore: true, moreError: undefined } });
    try {
      const page = await getHistoryPage({ tab, from, to, cursor: nextCursor });
      setLoaded({
        key,
        state: {
          status: 'ready',
          entries: [...entries, ...page.entries],
          nextCursor: page.nextCursor,
          loadingMore: false,
        },
      });
      return page.entries.length;
    } catch (error) {
      setLoaded({ key, state: { ...state, loadingMore: false, moreError: messageOf(error) } });
      return 0;
    }
  }, [state, key, tab, from, to]);

  return { state, loadMore };
}
