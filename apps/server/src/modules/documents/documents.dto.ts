/** Rows to wire objects: only what the response schemas allow leaves the server. */
import type { DocumentCategory, DocumentSummary } from '@carnet/shared';
import type { DocumentActor } from './documents.policy.ts';
import { canDelete, canEditMetadata } from './documents.policy.ts';
import type { DocumentRow } from './documents.repository.ts';

/** A document as lists and the detail show it. */
export function toDocumentSummary(actor: DocumentActor, row: DocumentRow): DocumentSummary {
  return {
    id: row.id,
    title: row.title,
    date: row.doc_date,
    category: row.category as DocumentCategory,
    confidentiality: row.confidentiality,
    folderId: row.folder_id,
    pinned: row.pinned === 1,
    author: {
      type: row.author_type,
      name: row.author_type === 'patient' ? null : row.author_name,
      profession: row.author_type === 'patient' ? null : row.author_profession,
    },
    mimeType: row.mime_type,
    fileName: row.file_name,
    size: Number(row.size),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    preview: row.preview_status,
    editable: canEditMetadata(actor, row),
    deletable: canDelete(actor, row),
  };
}
