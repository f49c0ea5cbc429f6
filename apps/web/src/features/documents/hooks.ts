/** Hooks of the document vault: loading, polling while the background job works, reloading. */
import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import type {
  DocumentList,
  DocumentPreview,
  DocumentSettings,
  DocumentSummary,
  Folder,
} from '@carnet/shared';
import { unavailableMessage } from '../../app/http.ts';
import { toFormErrors } from '../../ui/form-errors.ts';
import { getDocument, getDocumentSettings, getPreview, listDocuments, listFolders } from './api.ts';
import type { ListQuery } from './api.ts';

/** A resource as it loads; `notFound` when the server answered 404. */
export type Loadable<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string; notFound: boolean }
  | { status: 'ready'; data: T };

/** How often a pending preview is asked again (the brief: every 2 s). */
export const pollIntervalMs = 2000;

/** Polling stops after 5 minutes of "pending" (a stuck job must not load the server forever). */
const maxPolls = 150;

/**
 * Loads `load()` for `key`, again on `reload()`, and every 2 s while `pollWhile(data)` holds.
 * The previous data stays on screen during a reload; a new key shows "loading".
 */
export function useResource<T>(
  key: string,
  load: () => Promise<T>,
  pollWhile?: (data: T) => boolean,
) {
  const [result, setResult] = useState<{ key: string; state: Loadable<T> }>();
  const [version, setVersion] = useState(0);
  const polls = useRef({ key, count: 0 });
  const run = useEffectEvent(load);
  const keepPolling = useEffectEvent((data: T) => pollWhile?.(data) ?? false);

  useEffect(() => {
    let live = true;
    let timer: number | undefined;
    run().then(
      (data) => {
        if (!live) return;
        setResult({ key, state: { status: 'ready', data } });
        if (polls.current.key !== key || !keepPolling(data)) polls.current = { key, count: 0 };
        if (keepPolling(data) && polls.current.count < maxPolls) {
          polls.current.count += 1;
          timer = window.setTimeout(() => setVersion((n) => n + 1), pollIntervalMs);
        }
      },
      (error: unknown) => {
        if (!live) return;
        const notFound =
          typeof error === 'object' && error !== null && 'status' in error && error.status === 404;
        const message = toFormErrors(error).message ?? unavailableMessage;
        setResult({ key, state: { status: 'error', message, notFound } });
      },
    );
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [key, version]);

  const reload = useCallback(() => setVersion((n) => n + 1), []);
  const replace = useCallback(
    (data: T) => setResult({ key, state: { status: 'ready', data } }),
    [key],
  );
  const state: Loadable<T> = result?.key === key ? result.state : { status: 'loading' };
  return { state, reload, replace };
}

/** One page of the list; asked again every 2 s while a thumbnail is being prepared. */
export function useDocumentList(query: ListQuery) {
  return useResource<DocumentList>(
    JSON.stringify(query),
    () => listDocuments(query),
    (list) => list.items.some((item) => item.preview === 'pending'),
  );
}

/** One document (its page). */
export function useDocument(id: string) {
  return useResource<DocumentSummary>(id, () => getDocument(id));
}

/** The preview of a document; asked again every 2 s while it is pending. */
export function usePreview(id: string) {
  return useResource<DocumentPreview>(
    id,
    () => getPreview(id),
    (preview) => preview.status === 'pending',
  );
}

/** The patient's folders. */
export function useFolders() {
  return useResource<Folder[]>('folders', listFolders);
}

/** "Masquer par défaut les nouveaux documents". */
export function useDocumentSettings() {
  return useResource<DocumentSettings>('settings', getDocumentSettings);
}
