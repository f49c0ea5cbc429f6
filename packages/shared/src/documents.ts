/** Wire schemas of the document vault (PRODUCT.md "Documents"). */
import { z } from 'zod';
import { documentCategories } from './vocabularies.ts';
import { isoDateSchema } from './auth.ts';

const categoryCodes = Object.keys(documentCategories) as [
  keyof typeof documentCategories,
  ...Array<keyof typeof documentCategories>,
];

/** A category code. */
export const documentCategorySchema = z.enum(categoryCodes, { error: 'Catégorie inconnue' });

/** Visible to professionals, or masked to them (`MASQUE_PS`). */
export const confidentialitySchema = z.enum(['visible', 'masque']);
export type Confidentiality = z.infer<typeof confidentialitySchema>;

/** Who added a document, as the list filter names it. */
export const documentAuthorFilterSchema = z.enum(['moi', 'professionnel', 'assurance-maladie']);

/** Title of a document: text, shown escaped everywhere. */
export const documentTitleSchema = z
  .string()
  .trim()
  .min(1, 'Le nom du document est obligatoire')
  .max(200, 'Au plus 200 caractères');

/** Metadata sent with an upload (multipart fields) or an edit. */
export const documentMetadataSchema = z.strictObject({
  title: documentTitleSchema,
  date: isoDateSchema,
  category: documentCategorySchema,
  confidentiality: confidentialitySchema,
  folderId: z.string().max(64).nullable(),
});
export type DocumentMetadata = z.infer<typeof documentMetadataSchema>;

/** Who added the document. */
export const documentAuthorSchema = z.strictObject({
  type: z.enum(['patient', 'professional', 'establishment', 'system']),
  /** "Dr Adama Ndiaye" for a professional, null for the patient. */
  name: z.string().nullable(),
  profession: z.string().nullable(),
});

/** A document as lists show it. */
export const documentSummarySchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  date: isoDateSchema,
  category: documentCategorySchema,
  confidentiality: confidentialitySchema,
  folderId: z.string().nullable(),
  pinned: z.boolean(),
  author: documentAuthorSchema,
  mimeType: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Preview and thumbnail state (generated in the background). */
  preview: z.enum(['pending', 'ready', 'failed', 'none']),
  /** The patient may edit title, date, category and folder (own documents only). */
  editable: z.boolean(),
  /** The patient may delete it (own documents only). */
  deletable: z.boolean(),
});
export type DocumentSummary = z.infer<typeof documentSummarySchema>;

/** List query: filters, search, sort and page (pages of 50). */
export const documentListQuerySchema = z.strictObject({
  category: documentCategorySchema.optional(),
  author: documentAuthorFilterSchema.optional(),
  q: z.string().trim().max(200).optional(),
  folderId: z.string().max(64).optional(),
  sort: z.enum(['date', 'name']).default('date'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type DocumentListQuery = z.input<typeof documentListQuerySchema>;

export const documentListSchema = z.strictObject({
  items: z.array(documentSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type DocumentList = z.infer<typeof documentListSchema>;

/** Preview description: rendered PDF/TIFF pages, an image, or text. */
export const documentPreviewSchema = z.strictObject({
  status: z.enum(['pending', 'ready', 'failed', 'none']),
  kind: z.enum(['pages', 'image', 'text']).nullable(),
  pageCount: z.number().int(),
});
export type DocumentPreview = z.infer<typeof documentPreviewSchema>;

/** An edit: any subset; professionals' documents accept only `confidentiality`. */
export const documentUpdateSchema = z
  .strictObject({
    title: documentTitleSchema,
    date: isoDateSchema,
    category: documentCategorySchema,
    confidentiality: confidentialitySchema,
    folderId: z.string().max(64).nullable(),
    pinned: z.boolean(),
  })
  .partial();
export type DocumentUpdate = z.infer<typeof documentUpdateSchema>;

/** Mask or unmask several documents at once. */
export const bulkConfidentialitySchema = z.strictObject({
  ids: z.array(z.string().max(64)).min(1).max(500),
  confidentiality: confidentialitySchema,
});
/** Answer of a bulk mask/unmask: how many documents changed. */
export const bulkConfidentialityResultSchema = z.strictObject({ updated: z.number().int() });

export const folderSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  documentCount: z.number().int(),
});
export type Folder = z.infer<typeof folderSchema>;
export const folderListSchema = z.strictObject({ folders: z.array(folderSchema) });
export const folderInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'Le nom du dossier est obligatoire').max(100),
});

/** Paramètres › Confidentialité: mask new documents by default. */
export const documentSettingsSchema = z.strictObject({ maskNewDocumentsByDefault: z.boolean() });
export type DocumentSettings = z.infer<typeof documentSettingsSchema>;

/** "Signaler un problème" on a document added by a professional. */
export const documentReportSchema = z.strictObject({ message: z.string().trim().min(1).max(2000) });
