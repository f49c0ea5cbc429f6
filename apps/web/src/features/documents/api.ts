/** HTTP calls of the document vault (the only HTTP of this feature; contract: shared/documents.ts). */
import type { z } from 'zod';
import {
  bulkConfidentialityResultSchema,
  documentListSchema,
  documentPreviewSchema,
  documentSettingsSchema,
  documentSummarySchema,
  folderListSchema,
  folderSchema,
} from '@carnet/shared';
import type {
  Confidentiality,
  DocumentCategory,
  DocumentList,
  DocumentPreview,
  DocumentSettings,
  DocumentSummary,
  DocumentUpdate,
  Folder,
  documentListQuerySchema,
} from '@carnet/shared';
import { getJson, getText, send, sendForm, sendJson } from '../../app/http.ts';
import type { UploadProgress } from '../../app/http.ts';

/** The list query as sent: filters, search, sort and page (pages of 50). */
export type ListQuery = z.output<typeof documentListQuerySchema>;

const base = '/api/documents';
const documentPath = (id: string) => `${base}/${encodeURIComponent(id)}`;

/** Metadata of one upload; `confidentiality` omitted uses the patient's default. */
export interface UploadFields {
  title: string;
  date: string;
  category: DocumentCategory;
  confidentiality?: Confidentiality;
  folderId?: string | null;
}

/** One page (50) of the patient's documents, filtered, searched and sorted. */
export function listDocuments(query: ListQuery): Promise<DocumentList> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return getJson(search === '' ? base : `${base}?${search}`, documentListSchema);
}

/** Sends one file with its metadata (fields first, then the file: the server streams it). */
export function uploadDocument(
  file: File,
  fields: UploadFields,
  onProgress?: UploadProgress,
): Promise<DocumentSummary> {
  const form = new FormData();
  form.append('title', fields.title);
  form.append('date', fields.date);
  form.append('category', fields.category);
  if (fields.confidentiality) form.append('confidentiality', fields.confidentiality);
  if (fields.folderId) form.append('folderId', fields.folderId);
  form.append('file', file, file.name);
  return sendForm(base, form, documentSummarySchema, onProgress);
}

/** One document. */
export function getDocument(id: string): Promise<DocumentSummary> {
  return getJson(documentPath(id), documentSummarySchema);
}

/** Changes some fields (a professional's document accepts only confidentiality and pinned). */
export function updateDocument(id: string, update: DocumentUpdate): Promise<DocumentSummary> {
  return sendJson('PATCH', documentPath(id), update, documentSummarySchema);
}

/** Masks or unmasks several documents at once; answers how many changed. */
export async function setConfidentiality(
  ids: readonly string[],
  confidentiality: Confidentiality,
): Promise<number> {
  const { updated } = await sendJson(
    'POST',
    `${base}/confidentiality`,
    { ids, confidentiality },
    bulkConfidentialityResultSchema,
  );
  return updated;
}

/** Deletes one of the patient's own documents, definitively. */
export function deleteDocument(id: string): Promise<void> {
  return send('DELETE', documentPath(id));
}

/** "Signaler un problème" on a document added by a professional. */
export function reportDocument(id: string, message: string): Promise<void> {
  return send('POST', `${documentPath(id)}/report`, { message });
}

/** URL of one of the patient's documents: the preview viewer reads its sub-resources. */
export const documentUrl = (id: string) => documentPath(id);

/** State and kind of the inline preview of the document at `url` (patient or professional route). */
export function getPreview(url: string): Promise<DocumentPreview> {
  return getJson(`${url}/preview`, documentPreviewSchema);
}

/** The text of a text document's preview, for the document at `url`. */
export function getPreviewText(url: string): Promise<string> {
  return getText(`${url}/preview/text`);
}

/** URL of the list thumbnail (404 while the background job has not made it). */
export const thumbnailUrl = (id: string) => `${documentPath(id)}/thumbnail`;

/** URL of page `n` (1-based) of the rendered preview of the document at `url`; 1 for an image. */
export const previewPageUrl = (url: string, n: number) => `${url}/preview/pages/${n}`;

/** URL of the original file, sent as an attachment with its original name. */
export const downloadUrl = (id: string) => `${documentPath(id)}/download`;

/** The patient's folders with how many documents each holds. */
export async function listFolders(): Promise<Folder[]> {
  const { folders } = await getJson('/api/folders', folderListSchema);
  return folders;
}

/** Creates a folder. */
export function createFolder(name: string): Promise<Folder> {
  return sendJson('POST', '/api/folders', { name }, folderSchema);
}

/** Renames a folder. */
export function renameFolder(id: string, name: string): Promise<void> {
  return send('PATCH', `/api/folders/${encodeURIComponent(id)}`, { name });
}

/** Deletes a folder; its documents move out of it, none is deleted. */
export function deleteFolder(id: string): Promise<void> {
  return send('DELETE', `/api/folders/${encodeURIComponent(id)}`);
}

/** Paramètres › Confidentialité: "Masquer par défaut les nouveaux documents". */
export function getDocumentSettings(): Promise<DocumentSettings> {
  return getJson(`${base}/settings`, documentSettingsSchema);
}

/** Saves the document settings. */
export function saveDocumentSettings(settings: DocumentSettings): Promise<DocumentSettings> {
  return sendJson('PUT', `${base}/settings`, settings, documentSettingsSchema);
}
