/**
 * Server state of the document vault (TanStack Query): lists polled while a thumbnail is being
 * made, previews polled while pending, and the mutations that invalidate what they change.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import type {
  Confidentiality,
  DocumentList,
  DocumentPreview,
  DocumentSummary,
  DocumentUpdate,
} from '@carnet/shared';
import type { UploadProgress } from '../../app/http.ts';
import {
  createFolder,
  deleteDocument,
  deleteFolder,
  getDocument,
  getDocumentSettings,
  getPreview,
  getPreviewText,
  listDocuments,
  listFolders,
  renameFolder,
  reportDocument,
  saveDocumentSettings,
  setConfidentiality,
  updateDocument,
  uploadDocument,
} from './api.ts';
import type { ListQuery, UploadFields } from './api.ts';

/** How often something the background job is preparing is asked again (the brief: every 2 s). */
const pendingRefetchMs = 2000;
/** A stuck job must not load the server forever: polling stops after 5 minutes. */
const pendingRefetchLimit = 150;

const documentKeys = {
  lists: ['documents', 'list'] as const,
  list: (query: ListQuery) => ['documents', 'list', query] as const,
  detail: (id: string) => ['documents', 'detail', id] as const,
  folders: ['documents', 'folders'] as const,
  settings: ['documents', 'settings'] as const,
  preview: (url: string) => ['preview', url] as const,
  previewText: (url: string) => ['preview', url, 'text'] as const,
};

/**
 * What a change touched is read again: the queries on screen at once, the others dropped, so
 * that a page opened later never shows them stale (a deleted document, say) while refetching.
 */
function refresh(client: QueryClient, queryKey: readonly unknown[]): Promise<void> {
  client.removeQueries({ queryKey, type: 'inactive' });
  return client.invalidateQueries({ queryKey });
}

/** Every list, folder count and detail may have changed. */
function invalidateDocuments(client: QueryClient): Promise<void> {
  return refresh(client, ['documents']);
}

/** Every 2 s while `pending` holds of the last answer, for at most 5 minutes. */
function whilePending<T>(pending: (data: T) => boolean) {
  return (query: { state: { data: T | undefined; dataUpdateCount: number } }) => {
    const { data, dataUpdateCount } = query.state;
    if (data === undefined || !pending(data)) return false;
    return dataUpdateCount < pendingRefetchLimit ? pendingRefetchMs : false;
  };
}

/** One page of the list; asked again every 2 s while a thumbnail is being prepared. */
export function useDocumentList(query: ListQuery) {
  return useQuery({
    queryKey: documentKeys.list(query),
    queryFn: () => listDocuments(query),
    refetchInterval: whilePending<DocumentList>((list) =>
      list.items.some((item) => item.preview === 'pending'),
    ),
  });
}

/** One document (its page). */
export function useDocument(id: string) {
  return useQuery({ queryKey: documentKeys.detail(id), queryFn: () => getDocument(id) });
}

/** The preview of the document at `url`; asked again every 2 s while it is pending. */
export function usePreview(url: string) {
  return useQuery({
    queryKey: documentKeys.preview(url),
    queryFn: () => getPreview(url),
    refetchInterval: whilePending<DocumentPreview>((preview) => preview.status === 'pending'),
  });
}

/** The text of a text preview of the document at `url`. */
export function usePreviewText(url: string) {
  return useQuery({ queryKey: documentKeys.previewText(url), queryFn: () => getPreviewText(url) });
}

/** The patient's folders. */
export function useFolders() {
  return useQuery({ queryKey: documentKeys.folders, queryFn: listFolders });
}

/** "Masquer par défaut les nouveaux documents". */
export function useDocumentSettings() {
  return useQuery({ queryKey: documentKeys.settings, queryFn: getDocumentSettings });
}

/** Saves the document settings; shows the new value at once, the server's once answered. */
export function useSaveDocumentSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: saveDocumentSettings,
    onSuccess: (saved) => client.setQueryData(documentKeys.settings, saved),
  });
}

/** Changes some fields of one document. */
export function useUpdateDocument() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, update }: { id: string; update: DocumentUpdate }) =>
      updateDocument(id, update),
    onSuccess: (document: DocumentSummary) => {
      client.setQueryData(documentKeys.detail(document.id), document);
      void refresh(client, documentKeys.lists);
      void refresh(client, documentKeys.folders);
    },
  });
}

/** Masks or unmasks several documents at once; answers how many changed. */
export function useSetConfidentiality() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: { ids: readonly string[]; confidentiality: Confidentiality }) =>
      setConfidentiality(change.ids, change.confidentiality),
    onSettled: () => invalidateDocuments(client),
  });
}

/** Moves documents to a folder (or out of any), one request each. */
export function useMoveDocuments() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ ids, folderId }: { ids: readonly string[]; folderId: string | null }) => {
      for (const id of ids) await updateDocument(id, { folderId });
    },
    onSettled: () => invalidateDocuments(client),
  });
}

/** Deletes one of the patient's own documents, definitively. */
export function useDeleteDocument() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: deleteDocument,
    // Not the detail: the page that shows it is leaving, it must not be read again (404).
    onSettled: () => {
      void refresh(client, documentKeys.lists);
      void refresh(client, documentKeys.folders);
    },
  });
}

/** Sends one file with its metadata, reporting its progress. */
export function useUploadDocument() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (upload: { file: File; fields: UploadFields; onProgress: UploadProgress }) =>
      uploadDocument(upload.file, upload.fields, upload.onProgress),
    onSettled: () => void invalidateDocuments(client),
  });
}

/** "Signaler un problème". */
export function useReportDocument(id: string) {
  return useMutation({ mutationFn: (message: string) => reportDocument(id, message) });
}

/** Creates a folder (name → folder). */
export function useCreateFolder() {
  const client = useQueryClient();
  return useMutation({ mutationFn: createFolder, onSettled: () => invalidateDocuments(client) });
}

/** Renames a folder. */
export function useRenameFolder(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => renameFolder(id, name),
    onSettled: () => invalidateDocuments(client),
  });
}

/** Deletes a folder; its documents move out of it. */
export function useDeleteFolder() {
  const client = useQueryClient();
  return useMutation({ mutationFn: deleteFolder, onSettled: () => invalidateDocuments(client) });
}
