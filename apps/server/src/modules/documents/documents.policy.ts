/**
 * Who may do what with a document, as pure functions (PRODUCT.md "Documents"). Only the titulaire
 * is implemented; a professional actor adds one union member here and one branch per function,
 * fed by access.policy's `documentScopeForProfessional` (ACCESS.md "which documents").
 */
import type { DocumentsTable } from '../../platform/db/schema-documents.ts';
import type { TraceInput } from '../../platform/audit/trace-store.ts';

/** Who acts on documents. */
export type DocumentActor = { type: 'patient'; patientId: string };

/** What the repository filters on: the record, and which of its documents this actor may see. */
export interface DocumentScope {
  patientId: string;
  /** ISO-8601 time of the request. */
  now: string;
  /** Patient side: documents a PS made invisible to the patient stay hidden until their date. */
  hideInvisibleToPatient: boolean;
  /** Professional side: authorId sees its own; others by category and masking (access.policy). */
  professional?: { authorId: string; categories: string[]; seesMasked: boolean };
}

type DocumentFacts = Pick<
  DocumentsTable,
  'patient_id' | 'author_type' | 'author_id' | 'deleted_at' | 'invisible_to_patient_until'
>;

/** The documents this actor may see on its record. */
export function documentScope(actor: DocumentActor, now: Date): DocumentScope {
  return { patientId: actor.patientId, now: now.toISOString(), hideInvisibleToPatient: true };
}

/** Whether the actor may see this document (the repository already filters; this re-checks one row). */
export function canSee(actor: DocumentActor, doc: DocumentFacts, now: Date): boolean {
  if (doc.patient_id !== actor.patientId || doc.deleted_at !== null) return false;
  const until = doc.invisible_to_patient_until;
  return until === null || until <= now.toISOString();
}

/** Title, date, category and folder: the patient's own documents only (PRODUCT.md "Edit"). */
export function canEditMetadata(actor: DocumentActor, doc: DocumentFacts): boolean {
  return doc.author_type === 'patient' && doc.author_id === actor.patientId;
}

/** Masking: the patient, on every document of the record (PRODUCT.md "Masquer"). */
export function canChangeConfidentiality(_actor: DocumentActor, _doc: DocumentFacts): boolean {
  return true;
}

/** Pinning is the patient's own arrangement of the list. */
export function canPin(_actor: DocumentActor, _doc: DocumentFacts): boolean {
  return true;
}

/** Definitive deletion: the patient's own documents only. */
export function canDelete(actor: DocumentActor, doc: DocumentFacts): boolean {
  return canEditMetadata(actor, doc);
}

/** The actor as a trace records it. */
export function traceActor(actor: DocumentActor): TraceInput['actor'] {
  return { type: 'patient', id: actor.patientId };
}
