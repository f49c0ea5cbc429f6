/**
 * The add page's model: one draft per selected file. The form holds each draft's fields
 * (`drafts.<i>`), checked with the wire schema; the page holds its file, progress and outcome.
 */
import { z } from 'zod';
import { confidentialitySchema } from '@carnet/shared';
import type { Confidentiality, DocumentSummary } from '@carnet/shared';
import { documentFieldsSchema } from './document-fields.ts';
import { maxDocumentBytes, titleFromFileName, todayIso, tooLargeMessage } from './wording.ts';

/** The fields of one file; `confidentiality` '' until chosen: the patient's default applies. */
export const uploadDraftSchema = documentFieldsSchema.extend({
  key: z.string(),
  confidentiality: z
    .union([confidentialitySchema, z.literal('')])
    .transform((value) => (value === '' ? undefined : value)),
});

/** The add page's form: one draft per file. */
export const addDocumentsSchema = z.strictObject({ drafts: z.array(uploadDraftSchema) });

/** The form values of a draft. */
export type DraftValues = z.input<typeof uploadDraftSchema>;

/** What happens to a draft's file. */
export interface DraftUpload {
  file: File;
  status: 'draft' | 'sending' | 'done' | 'failed';
  /** Percentage sent, while sending. */
  progress: number;
  /** Why the file itself is refused (type, size…), in French. */
  message?: string | undefined;
  added?: DocumentSummary;
}

/** A new draft: title from the file name, date today, no category yet. */
export function newDraft(
  file: File,
  key: string,
  folderId: string,
  defaultConfidentiality: Confidentiality | undefined,
): DraftValues {
  return {
    key,
    title: titleFromFileName(file.name),
    date: todayIso(),
    category: '',
    confidentiality: defaultConfidentiality ?? '',
    folderId,
  };
}

/** What is wrong with the file itself (size), before anything is sent. */
export function fileProblem(file: File): string | undefined {
  if (file.size > maxDocumentBytes) return tooLargeMessage;
  return file.size === 0 ? 'Ce fichier est vide.' : undefined;
}

/** "350 ko", "1,2 Mo". */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} ko`;
  return `${(bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}
