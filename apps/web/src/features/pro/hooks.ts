/** Hooks of a record's documents and traces in the professional space. */
import { useCallback, useEffect, useState } from 'react';
import type { DocumentPreview, HistoryEntry, ProDocumentList } from '@carnet/shared';
import { toFormErrors } from '../../ui/form-errors.ts';
import { useResource } from '../documents/hooks.ts';
import { getPatientDocumentPreview, listPatientDocuments, listPatientTraces } from './api.ts';
import type { ProDocumentQuery, TraceScope } from './api.ts';

/**
 * One page of the record's documents. Never polled: each read of the list is traced on the
 * patient's record (ACCESS.md "every decision … is traced"), so it is read on demand only.
 */
export function usePatientDocuments(patientId: string, query: ProDocumentQuery) {
  return useResource<ProDocumentList>(`${patientId}|${JSON.stringify(query)}`, () =>
    listPatientDocuments(patientId, query),
  );
}

/** The preview of an opened document; asked again every 2 s while it is being prepared. */
export function usePatientDocumentPreview(patientId: string, docId: string) {
  return useResource<DocumentPreview>(
    `${patientId}|${docId}`,
    () => getPatientDocumentPreview(patientId, docId),
    (preview) => preview.status === 'pending',
  );
}

/** The trace lines of a scope and period as they load; `notFound` when the scope is refused. */
export type TracesState =
  | { status: 'loading' }
  | { status: 'error'; message: string; notFound: boolean }
  | {
      status: 'ready';
      entries: HistoryEntry[];
      nextCursor: string | null;
      loadingMore: boolean;
      moreError?: string | undefined;
    };

const loading: TracesState = { status: 'loading' };
const isNotFound = (error: unknown) =>
  typeof error === 'object' && error !== null && 'status' in error && error.status === 404;

/** The first page of a scope and period; `loadMore` appends the next page ("Afficher plus"). */
export function usePatientTraces(
  patientId: string,
  scope: TraceScope,
  period: { from?: string | undefined; to?: string | undefined },
) {
  const { from, to } = period;
  const key = `${patientId}|${scope}|${from ?? ''}|${to ?? ''}`;
  const [loaded, setLoaded] = useState<{ key: string; state: TracesState }>();
  const state = loaded?.key === key ? loaded.state : loading;

  useEffect(() => {
    let live = true;
    listPatientTraces(patientId, { scope, from, to }).then(
      (page) => {
        if (live) setLoaded({ key, state: { status: 'ready', ...page, loadingMore: false } });
      },
      (error: unknown) => {
        if (!live) return;
        const message = toFormErrors(error).message ?? '';
        setLoaded({ key, state: { status: 'error', message, notFound: isNotFound(error) } });
      },
    );
    return () => {
      live = false;
    };
  }, [key, patientId, scope, from, to]);

  const loadMore = useCallback(async (): Promise<number> => {
    if (state.status !== 'ready' || !state.nextCursor || state.loadingMore) return 0;
    const { entries, nextCursor } = state;
    setLoaded({ key, state: { ...state, loadingMore: true, moreError: undefined } });
    try {
      const page = await listPatientTraces(patientId, { scope, from, to, cursor: nextCursor });
      const all = [...entries, ...page.entries];
      setLoaded({
        key,
        state: { status: 'ready', entries: all, nextCursor: page.nextCursor, loadingMore: false },
      });
      return page.entries.length;
    } catch (error) {
      const moreError = toFormErrors(error).message ?? '';
      setLoaded({ key, state: { ...state, loadingMore: false, moreError } });
      return 0;
    }
  }, [state, key, patientId, scope, from, to]);

  return { state, loadMore };
}
