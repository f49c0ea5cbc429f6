/** Server-side checks of document metadata that a wire schema alone cannot express. */
import {
  confidentialitySchema,
  documentCategorySchema,
  documentTitleSchema,
  isoDateSchema,
  proDocumentUploadFieldsSchema,
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

/** The 400 `request.invalid` of a failed parse, with a message per field. */
function fieldErrors(fields: Record<string, unknown>, issues: z.core.$ZodIssue[]) {
  const messages: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.join('.') || '_';
    const missing = fields[path] === undefined;
    messages[path] ??= missing ? 'Ce champ est obligatoire' : issue.message;
  }
  return documentsErrors.invalidFields(messages);
}

/** Parses the fields, answering 400 `request.invalid` with a message per field. */
export function parseUploadFields(fields: Record<string, unknown>): UploadFields {
  const parsed = uploadFieldsSchema.safeParse(fields);
  if (parsed.success) return { ...parsed.data, title: cleanLine(parsed.data.title) };
  throw fieldErrors(fields, parsed.error.issues);
}

/** A professional's upload fields (no folder; `invisibleToPatient` as a boolean). */
export function parseProUploadFields(fields: Record<string, unknown>) {
  const parsed = proDocumentUploadFieldsSchema.safeParse(fields);
  if (!parsed.success) throw fieldErrors(fields, parsed.error.issues);
  const { invisibleToPatient, ...rest } = parsed.data;
  return {
    ...rest,
    title: cleanLine(rest.title),
    invisibleToPatient: invisibleToPatient === 'true',
  };
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
