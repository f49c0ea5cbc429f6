/** The add page's model: one draft per selected file, its fields, checks and sending state. */
import { confidentialitySchema, documentMetadataSchema } from '@carnet/shared';
import type { Confidentiality, DocumentSummary } from '@carnet/shared';
import { validate } from '../../ui/form-errors.ts';
import type { UploadFields } from './api.ts';
import { maxDocumentBytes, titleFromFileName, todayIso, tooLargeMessage } from './wording.ts';

/** One file being added, with its own metadata and outcome. */
export interface UploadDraft {
  key: string;
  file: File;
  title: string;
  date: string;
  category: string;
  /** '' until the person chooses: the patient's default applies. */
  confidentiality: '' | Confidentiality;
  folderId: string;
  errors: Readonly<Record<string, string>>;
  status: 'draft' | 'sending' | 'done' | 'failed';
  /** Percentage sent, while sending. */
  progress: number;
  /** Why the server refused the file (type, size…), in French. */
  message?: string;
  added?: DocumentSummary;
}

/** A new draft: title from the file name, date today, no category yet. */
export function newDraft(file: File, key: string, folderId: string): UploadDraft {
  return {
    key,
    file,
    title: titleFromFileName(file.name),
    date: todayIso(),
    category: '',
    confidentiality: '',
    folderId,
    errors: {},
    status: 'draft',
    progress: 0,
  };
}

const draftSchema = documentMetadataSchema.extend({
  confidentiality: confidentialitySchema.optional(),
});

/** Outcome of the client-side checks of one draft. */
export type DraftCheck =
  | { ok: true; fields: UploadFields }
  | { ok: false; errors: Record<string, string>; message?: string };

/** Checks one draft with the wire schema, plus "not in the future" and the size limit. */
export function checkDraft(
  draft: UploadDraft,
  defaultConfidentiality: Confidentiality | undefined,
): DraftCheck {
  const input = {
    title: draft.title,
    date: draft.date,
    category: draft.category,
    confidentiality: draft.confidentiality || defaultConfidentiality,
    folderId: draft.folderId === '' ? null : draft.folderId,
  };
  const checked = validate(draftSchema, input);
  const errors: Record<string, string> = checked.ok ? {} : { ...checked.errors.fields };
  if (draft.category === '') errors.category = 'Veuillez choisir un type de document.';
  if (/^\d{4}-\d{2}-\d{2}$/.test(draft.date) && draft.date > todayIso()) {
    errors.date = 'La date du document ne peut pas être dans le futur.';
  }
  const message =
    draft.file.size > maxDocumentBytes
      ? tooLargeMessage
      : draft.file.size === 0
        ? 'Ce fichier est vide.'
        : undefined;
  if (!checked.ok || Object.keys(errors).length > 0 || message !== undefined) {
    return { ok: false, errors, message };
  }
  return { ok: true, fields: checked.data };
}

/** "350 ko", "1,2 Mo". */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} ko`;
  return `${(bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

/** The fields a person edits on a draft. */
export type DraftField = 'title' | 'date' | 'category' | 'confidentiality' | 'folderId';

/** A copy of `draft` with one field changed and that field's error cleared. */
export function editDraft(draft: UploadDraft, name: DraftField, value: string): UploadDraft {
  const { [name]: _cleared, ...errors } = draft.errors;
  const next = { ...draft, errors };
  switch (name) {
    case 'confidentiality':
      return { ...next, confidentiality: value === 'masque' ? 'masque' : 'visible' };
    default:
      return { ...next, [name]: value };
  }
}
