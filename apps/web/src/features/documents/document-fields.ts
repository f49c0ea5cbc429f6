/**
 * The fields of a document (Nom, Date, Type, Confidentialité, Dossier) as every form edits them:
 * the wire schema of the server plus the checks a person needs before sending.
 */
import { z } from 'zod';
import { documentCategorySchema, documentMetadataSchema } from '@carnet/shared';
import { todayIso } from './wording.ts';

/** A document's date is never in the future (PRODUCT.md "Add"). */
export const futureDateMessage = 'La date du document ne peut pas être dans le futur.';

/** The date field: an ISO date, today at the latest. */
export const documentDateField = documentMetadataSchema.shape.date.refine(
  (date) => date <= todayIso(),
  futureDateMessage,
);

/** The type select: empty means missing, said as such. */
export const documentCategoryField = z.string().min(1).pipe(documentCategorySchema);

/** The folder select: '' is "Aucun dossier". */
export const documentFolderField = z
  .string()
  .max(64)
  .transform((id) => (id === '' ? null : id));

/** Nom, Date, Type, Confidentialité, Dossier as a form holds them (strings). */
export const documentFieldsSchema = documentMetadataSchema.extend({
  date: documentDateField,
  category: documentCategoryField,
  folderId: documentFolderField,
});
