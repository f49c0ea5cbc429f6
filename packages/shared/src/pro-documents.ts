/** Wire schemas of the professional side of documents (ACCESS.md "which documents"). */
import { z } from 'zod';
import {
  confidentialitySchema,
  documentAuthorSchema,
  documentCategorySchema,
  documentTitleSchema,
} from './documents.ts';
import { isoDateSchema } from './auth.ts';

/** A document as a professional sees it in a record. */
export const proDocumentSummarySchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  date: isoDateSchema,
  category: documentCategorySchema,
  confidentiality: confidentialitySchema,
  /** Hidden from the patient until an announcement consultation (until `invisibleUntil`). */
  invisibleToPatient: z.boolean(),
  invisibleUntil: z.string().nullable(),
  author: documentAuthorSchema,
  /** Added by the professional who asks: they may mask, make invisible or delete it. */
  mine: z.boolean(),
  mimeType: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
  preview: z.enum(['pending', 'ready', 'failed', 'none']),
});
export type ProDocumentSummary = z.infer<typeof proDocumentSummarySchema>;

/** List query of a record's documents for a professional (pages of 50). */
export const proDocumentListQuerySchema = z.strictObject({
  category: documentCategorySchema.optional(),
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

export const proDocumentListSchema = z.strictObject({
  items: z.array(proDocumentSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** `urgence` while an emergency window is the reason the professional may read. */
  mode: z.enum(['normal', 'urgence']),
});
export type ProDocumentList = z.infer<typeof proDocumentListSchema>;

/** Multipart fields of a professional's upload (plus one `file` part). */
export const proDocumentUploadFieldsSchema = z.strictObject({
  title: documentTitleSchema,
  date: isoDateSchema.optional(),
  category: documentCategorySchema,
  confidentiality: confidentialitySchema.optional(),
  invisibleToPatient: z.enum(['true', 'false']).optional(),
  /** A minor's secret: absent for the legal representatives (INVISIBLE_REPRESENTANTS_LEGAUX). */
  invisibleToLegalRepresentatives: z.enum(['true', 'false']).optional(),
});

/** What the author may change: masking to other professionals, invisibility to the patient. */
export const proDocumentUpdateSchema = z
  .strictObject({ confidentiality: confidentialitySchema, invisibleToPatient: z.boolean() })
  .partial();
