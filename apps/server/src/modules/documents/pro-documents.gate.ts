/**
 * How the professional side of documents asks the access gate (ACCESS.md): a stored document as
 * the policy's facts (a missing id is decided like a deleted one, so it is denied and traced like
 * any forbidden one), one decision traced in the caller's transaction, and the documents actor —
 * with the scope computed from that very decision — of an allowed professional.
 */
import type { Db } from '../../platform/db/schema.ts';
import type { GateAllowed, GateTrace } from '../access/access-gate.service.ts';
import { documentScopeOf } from '../access/access-gate.service.ts';
import type { Action, DocumentFacts } from '../access/access.policy.ts';
import type { Professional } from '../professionals/professionals.service.ts';
import type { DocumentsPorts } from './documents.deps.ts';
import type { DocumentActor } from './documents.policy.ts';
import { createDocumentsRepository } from './documents.repository.ts';

/** How a deposit is signed ("Dr Adama Ndiaye"), kept as shown at the time of deposit. */
export const authorName = (ps: Pick<Professional, 'profession' | 'first_name' | 'last_name'>) =>
  `${ps.profession === 'medecin' ? 'Dr ' : ''}${ps.first_name} ${ps.last_name}`;

/** A missing id is decided like a deleted document: denied, traced, 404 (ACCESS.md). */
const absent: DocumentFacts = {
  author: { type: 'system', id: null },
  category: '',
  maskedToPs: false,
  invisibleToPatientUntil: null,
  invisibleToLegalRepresentatives: false,
  deleted: true,
};

/** The policy's view of a stored document. */
export function factsOf(row: DocumentRowFacts | undefined): DocumentFacts {
  if (!row) return absent;
  return {
    author: { type: row.author_type, id: row.author_id },
    category: row.category,
    maskedToPs: row.confidentiality === 'masque',
    invisibleToPatientUntil: row.invisible_to_patient_until,
    invisibleToLegalRepresentatives: row.invisible_to_legal_reps === 1,
    deleted: row.deleted_at !== null,
  };
}
type DocumentRowFacts = NonNullable<
  Awaited<ReturnType<ReturnType<typeof createDocumentsRepository>['findAny']>>
>;

/** The documents actor of an allowed professional, with the scope of that decision. */
export function actorOf(allowed: GateAllowed, patientId: string): DocumentActor {
  return {
    type: 'professional',
    professionalId: allowed.actor.id,
    patientId,
    scope: documentScopeOf(allowed),
    mode: allowed.decision.mode,
  };
}

/** Decides `action` on one document in `trx` and traces it; the allowed decision or undefined. */
export async function decideOnDocument(
  gate: DocumentsPorts['gate'],
  trx: Db,
  input: {
    ps: Professional;
    patientId: string;
    documentId: string;
    action: Action;
    trace: GateTrace;
  },
) {
  const doc = await createDocumentsRepository(trx).findAny(input.patientId, input.documentId);
  const result = await gate.check(trx, {
    professional: input.ps,
    patientId: input.patientId,
    action: input.action,
    resource: { type: 'document', document: factsOf(doc) },
    trace: { ...input.trace, target: { type: 'document', id: input.documentId } },
  });
  return result.allow && doc ? { allowed: result, doc } : undefined;
}
