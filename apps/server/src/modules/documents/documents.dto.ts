/** Rows to wire objects: only what the response schemas allow leaves the server. */
import type { DocumentCategory, DocumentSummary, ProDocumentSummary } from '@carnet/shared';
import type { DocumentActor } from './documents.policy.ts';
import { canDelete, canEditMetadata, isAuthor, isInvisibleToPatient } from './documents.policy.ts';
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

/** A document as a professional sees it: whether it is its own, and its invisibility to the patient. */
export function toProDocumentSummary(
  actor: DocumentActor,
  row: DocumentRow,
  now: Date,
): ProDocumentSummary {
  const invisible = isInvisibleToPatient(row, now.toISOString());
  return {
    id: row.id,
    title: row.title,
    date: row.doc_date,
    category: row.category as DocumentCategory,
    confidentiality: row.confidentiality,
    invisibleToPatient: invisible,
    invisibleUntil: invisible ? row.invisible_to_patient_until : null,
    author: {
      type: row.author_type,
      name: row.author_type === 'patient' ? null : row.author_name,
      profession: row.author_type === 'patient' ? null : row.author_profession,
    },
    mine: isAuthor(actor, row),
    mimeType: row.mime_type,
    fileName: row.file_name,
    size: Number(row.size),
    createdAt: row.created_at,
    preview: row.preview_status,
  };
}
