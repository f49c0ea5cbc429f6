/** Server-side checks of document metadata that a wire schema alone cannot express. */
import {
  confidentialitySchema,
  documentCategorySchema,
  documentTitleSchema,
  isoDateSchema,
} from '@carnet/shared';
import { z } from 'zod';
import { cleanLine } from '../../platform/files/file-names.ts';
import { documentsErrors } from './documents.errors.ts';

/**
 * The multipart fields of an upload (the file is the one file part). `date` defaults to today,
 * `confidentiality` to the patient's "masquer par défaut" setting, an empty `folderId` is none.
 */
export const uploadFieldsSchema = z.strictObject({
  title: documentTitleSchema,
  date: isoDateSchema.optional(),
  category: documentCategorySchema,
  confidentiality: confidentialitySchema.optional(),
  folderId: z.string().max(64).optional(),
});

/** Parsed upload fields. */
export type UploadFields = z.infer<typeof uploadFieldsSchema>;

/** Parses the fields, answering 400 `request.invalid` with a message per field. */
export function parseUploadFields(fields: Record<string, unknown>): UploadFields {
  const parsed = uploadFieldsSchema.safeParse(fields);
  if (parsed.success) return { ...parsed.data, title: cleanLine(parsed.data.title) };
  const messages: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.') || '_';
    const missing = fields[path] === undefined;
    messages[path] ??= missing ? 'Ce champ est obligatoire' : issue.message;
  }
  throw documentsErrors.invalidFields(messages);
}

/** Today's date in France (the patient's calendar), YYYY-MM-DD. */
export function todayInFrance(now: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);
}

/** A real calendar date, not in the future (PRODUCT.md "Add": date not in the future). */
export function checkDocumentDate(date: string, now: Date): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (
    Number.isNaN(parsed.getTime()) ||
    parsed.toISOString().slice(0, 10) !== date ||
    date < '1900-01-01'
  )
    throw documentsErrors.invalidFields({ date: 'Date invalide' });
  if (date > todayInFrance(now)) throw documentsErrors.dateInFuture();
  return date;
}
