/**
 * Who may do what with a document, as pure functions (PRODUCT.md "Documents"). The titulaire sees
 * the record but what a PS made invisible to them; a professional sees what its scope allows —
 * the scope comes from access.policy's `documentScopeForProfessional` (ACCESS.md "which
 * documents"), computed by the access gate on the request's own facts.
 */
import type { DocumentsTable } from '../../platform/db/schema-documents.ts';
import type { TraceInput } from '../../platform/audit/trace-store.ts';

/** Which documents of a record a professional may see (ACCESS.md "which documents"). */
export interface ProfessionalDocumentScope {
  /** The professional itself: it always sees its own documents. */
  authorId: string;
  /** Categories the matrix lets its profession read. */
  categories: string[];
  /** Administrator, urgence with "Documents masqués", or médecin traitant when the platform allows. */
  seesMasked: boolean;
}

/** Who acts on documents. */
export type DocumentActor =
  | {
      type: 'patient';
      patientId: string;
      /** A legal representative or an aidant acting on the profile (absent: the titulaire). */
      acting?: { role: 'representant-legal' | 'aidant'; personId: string };
    }
  | {
      type: 'professional';
      professionalId: string;
      patientId: string;
      scope: ProfessionalDocumentScope;
      /** The decision's mode, written on every trace of the request. */
      mode: 'normal' | 'urgence';
    };

/** What the repository filters on: the record, and which of its documents this actor may see. */
export interface DocumentScope {
  patientId: string;
  /** ISO-8601 time of the request. */
  now: string;
  /** Patient side: documents a PS made invisible to the patient stay hidden until their date. */
  hideInvisibleToPatient: boolean;
  /** A legal representative never sees INVISIBLE_REPRESENTANTS_LEGAUX documents (ACCESS.md). */
  hideInvisibleToLegalReps?: boolean;
  /** Professional side: authorId sees its own; others by category and masking (access.policy). */
  professional?: ProfessionalDocumentScope;
}

type DocumentFacts = Pick<
  DocumentsTable,
  | 'patient_id'
  | 'author_type'
  | 'author_id'
  | 'deleted_at'
  | 'invisible_to_patient_until'
  | 'category'
  | 'confidentiality'
  | 'invisible_to_legal_reps'
>;

/** True when `actor` is the professional who added `doc`. */
export function isAuthor(
  actor: DocumentActor,
  doc: Pick<DocumentFacts, 'author_type' | 'author_id'>,
) {
  return (
    actor.type === 'professional' &&
    doc.author_type === 'professional' &&
    doc.author_id === actor.professionalId
  );
}

/** Still hidden from the patient at `now` (ISO-8601)? */
export function isInvisibleToPatient(
  doc: Pick<DocumentFacts, 'invisible_to_patient_until'>,
  now: string,
): boolean {
  const until = doc.invisible_to_patient_until;
  return until !== null && until > now;
}

/** The documents this actor may see on its record. `invisibleToPatient` does not restrict a PS. */
export function documentScope(actor: DocumentActor, now: Date): DocumentScope {
  if (actor.type === 'professional')
    return {
      patientId: actor.patientId,
      now: now.toISOString(),
      hideInvisibleToPatient: false,
      professional: actor.scope,
    };
  return {
    patientId: actor.patientId,
    now: now.toISOString(),
    hideInvisibleToPatient: true,
    hideInvisibleToLegalReps: actor.acting?.role === 'representant-legal',
  };
}

/** Whether the actor may see this document (the repository already filters; this re-checks one row). */
export function canSee(actor: DocumentActor, doc: DocumentFacts, now: Date): boolean {
  if (doc.patient_id !== actor.patientId || doc.deleted_at !== null) return false;
  if (actor.type === 'patient')
    return (
      !isInvisibleToPatient(doc, now.toISOString()) &&
      !(actor.acting?.role === 'representant-legal' && doc.invisible_to_legal_reps === 1)
    );
  if (isAuthor(actor, doc)) return true;
  return (
    actor.scope.categories.includes(doc.category) &&
    (doc.confidentiality === 'visible' || actor.scope.seesMasked)
  );
}

/** Title, date, category and folder: the patient's own documents only (PRODUCT.md "Edit"). */
export function canEditMetadata(actor: DocumentActor, doc: DocumentFacts): boolean {
  return (
    actor.type === 'patient' && doc.author_type === 'patient' && doc.author_id === actor.patientId
  );
}

/**
 * Masking: the patient on every document of the record (PRODUCT.md "Masquer"); a professional on
 * its own documents only (ACCESS.md "mask a document to other PS … only its author").
 */
export function canChangeConfidentiality(actor: DocumentActor, doc: DocumentFacts): boolean {
  return actor.type === 'patient' || isAuthor(actor, doc);
}

/** Invisible to the patient: set by the author PS only (ACCESS.md "Professional side"). */
export function canChangeInvisibility(actor: DocumentActor, doc: DocumentFacts): boolean {
  return isAuthor(actor, doc);
}

/** Pinning is the patient's own arrangement of the list. */
export function canPin(actor: DocumentActor, _doc: DocumentFacts): boolean {
  return actor.type === 'patient';
}

/** Definitive deletion by the patient (own documents); logical deletion by the author PS. */
export function canDelete(actor: DocumentActor, doc: DocumentFacts): boolean {
  return actor.type === 'patient' ? canEditMetadata(actor, doc) : isAuthor(actor, doc);
}

/** The actor as a trace records it. */
export function traceActor(actor: DocumentActor): TraceInput['actor'] {
  if (actor.type === 'professional') return { type: 'professional', id: actor.professionalId };
  if (!actor.acting) return { type: 'patient', id: actor.patientId };
  return {
    type: actor.acting.role === 'aidant' ? 'aidant' : 'legal-representative',
    id: actor.acting.personId,
  };
}
