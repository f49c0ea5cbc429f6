/**
 * A professional's writes on a record's documents (ACCESS.md "Professional side: other actions"):
 * add (allowed unless blocked — feeding does not need the read grant), and, for the author only,
 * mask / unmask to other PS, make invisible / visible to the patient, delete (logically). Each is
 * decided by the access gate and traced in the transaction of the write; anyone else gets 404.
 */
import type { ProDocumentSummary, proDocumentUpdateSchema } from '@carnet/shared';
import type { z } from 'zod';
import type { Db } from '../../platform/db/schema.ts';
import { notFound } from '../../platform/http/app-error.ts';
import type { GateAllowed } from '../access/access-gate.service.ts';
import type { Action } from '../access/access.policy.ts';
import type { Professional } from '../professionals/professionals.service.ts';
import { oneMonthAfter, scheduleAwaitingNotice } from './document-notices.job.ts';
import type {
  DocumentUploadService,
  IncomingFile,
  StagedUpload,
} from './document-upload.service.ts';
import type { DocumentsDeps, DocumentsPorts } from './documents.deps.ts';
import { toProDocumentSummary } from './documents.dto.ts';
import { documentsErrors } from './documents.errors.ts';
import { documentScope, isInvisibleToPatient } from './documents.policy.ts';
import { createDocumentsRepository } from './documents.repository.ts';
import { parseProUploadFields } from './documents.schemas.ts';
import { actorOf, authorName, decideOnDocument } from './pro-documents.gate.ts';

/** The author's changes (`PATCH`): masking to other PS, invisibility to the patient. */
export type ProDocumentUpdate = z.infer<typeof proDocumentUpdateSchema>;

/** Creates the professional's writes on a record's documents. */
export function createProDocumentWritesService(
  deps: DocumentsDeps,
  ports: DocumentsPorts,
  uploads: Pick<DocumentUploadService, 'stage' | 'commit' | 'discard'>,
) {
  const { db, clock } = deps;
  const { gate, notifications } = ports;

  /** INVISIBLE_REPRESENTANTS_LEGAUX only for a minor, under 18 today (issue 13). */
  async function requireMinor(trx: Db, patientId: string): Promise<void> {
    if (!(await ports.minors.isMinor(patientId, trx)))
      throw documentsErrors.invisibleToLegalRepsNotMinor();
  }

  /** One document as its author sees it, read back after a write. */
  async function summaryAfterWrite(allowed: GateAllowed, patientId: string, documentId: string) {
    const actor = actorOf(allowed, patientId);
    const row = await createDocumentsRepository(db).find(
      documentScope(actor, clock.now()),
      documentId,
    );
    if (!row) throw notFound();
    return toProDocumentSummary(actor, row, clock.now());
  }

  return {
    /** Streams an upload's file into the blob store (nothing is a document until `add`). */
    stage: (patientId: string, file: IncomingFile) => uploads.stage(patientId, file),
    /** Removes a staged file that will not be committed. */
    discard: (staged: StagedUpload) => uploads.discard(staged),

    /**
     * Adds a staged file as a document authored by this PS: allowed unless blocked (feeding does not
     * need the read grant). Invisible to the patient for one month if asked (then the patient is
     * told after 2 weeks, not at once); otherwise the patient's "documents ajoutés" e-mail.
     */
    async add(
      ps: Professional,
      patientId: string,
      input: { staged: StagedUpload; fields: Record<string, string> },
    ): Promise<ProDocumentSummary> {
      let meta: ReturnType<typeof parseProUploadFields>;
      try {
        meta = parseProUploadFields(input.fields);
        if (meta.invisibleToPatient && meta.confidentiality === 'masque')
          throw documentsErrors.invisibleAndMasked();
      } catch (error) {
        await uploads.discard(input.staged);
        throw error;
      }
      const until = meta.invisibleToPatient ? oneMonthAfter(clock.now()) : null;
      const invisibleToLegalRepresentatives = meta.invisibleToLegalRepresentatives === 'true';
      // Invisible means visible to PS: the patient's "masquer par défaut" cannot apply to it.
      const confidentiality = meta.confidentiality ?? (until ? 'visible' : undefined);
      let allowed: GateAllowed | undefined;
      const id = await uploads.commit({
        staged: input.staged,
        fields: {
          title: meta.title,
          category: meta.category,
          ...(meta.date ? { date: meta.date } : {}),
          ...(confidentiality ? { confidentiality } : {}),
        },
        author: {
          type: 'professional',
          id: ps.id,
          name: authorName(ps),
          profession: ps.profession,
        },
        actor: { type: 'professional', id: ps.id },
        invisibleToPatientUntil: until,
        invisibleToLegalRepresentatives,
        gate: {
          async authorize(trx, facts) {
            const result = await gate.check(trx, {
              professional: ps,
              patientId,
              action: 'document.add',
              resource: { type: 'record' },
              trace: {
                action: 'document.add',
                target: { type: 'document', id: facts.documentId },
                details: facts.details,
              },
            });
            // Decided after the gate (a PS that may not add learns nothing of the patient's age):
            // thrown here, the add and its trace roll back and the staged file goes.
            if (result.allow && invisibleToLegalRepresentatives) await requireMinor(trx, patientId);
            if (result.allow) allowed = result;
            return result.allow;
          },
          async afterInsert(trx, documentId) {
            if (until) await scheduleAwaitingNotice(deps, trx, { patientId, documentId });
            else
              await notifications.documentAddedByProfessional(trx, {
                patientId,
                professionalId: ps.id,
              });
          },
        },
      });
      if (!allowed) throw notFound();
      return summaryAfterWrite(allowed, patientId, id);
    },

    /**
     * The author masks / unmasks it to other PS, or makes it invisible / visible to the patient.
     * Anyone else gets 404. "A document cannot be both invisible to the patient and masked to PS".
     */
    async update(
      ps: Professional,
      patientId: string,
      id: string,
      input: ProDocumentUpdate,
    ): Promise<ProDocumentSummary> {
      if (input.confidentiality === undefined && input.invisibleToPatient === undefined)
        throw documentsErrors.nothingToChange();
      if (input.confidentiality === 'masque' && input.invisibleToPatient === true)
        throw documentsErrors.invisibleAndMasked();
      const checks: { action: Action; trace: string }[] = [];
      if (input.confidentiality !== undefined)
        checks.push({
          action: 'document.mask',
          trace: input.confidentiality === 'masque' ? 'document.mask' : 'document.unmask',
        });
      if (input.invisibleToPatient !== undefined)
        checks.push({
          action: 'document.make_invisible',
          trace: input.invisibleToPatient
            ? 'document.hide_from_patient'
            : 'document.show_to_patient',
        });
      const allowed = await db.transaction().execute(async (trx) => {
        let decided: Awaited<ReturnType<typeof decideOnDocument>> = undefined;
        for (const check of checks) {
          decided = await decideOnDocument(gate, trx, {
            ps,
            patientId,
            documentId: id,
            action: check.action,
            trace: { action: check.trace },
          });
          if (!decided) return undefined; // the denial's trace commits
        }
        if (!decided) return undefined;
        const { doc } = decided;
        const now = clock.now();
        const invisibleNow = isInvisibleToPatient(doc, now.toISOString());
        const invisible = input.invisibleToPatient ?? invisibleNow;
        // Thrown inside: nothing changed, so the decisions' traces roll back with it.
        if (invisible && (input.confidentiality ?? doc.confidentiality) === 'masque')
          throw documentsErrors.invisibleAndMasked();
        let until = doc.invisible_to_patient_until;
        if (input.invisibleToPatient === true && !invisibleNow) {
          until = oneMonthAfter(now);
          await scheduleAwaitingNotice(deps, trx, { patientId, documentId: id });
        }
        if (input.invisibleToPatient === false && invisibleNow) {
          until = null;
          // The patient now sees a document it could not: the "documents ajoutés" e-mail.
          await notifications.documentAddedByProfessional(trx, {
            patientId,
            professionalId: ps.id,
          });
        }
        await createDocumentsRepository(trx).update(patientId, id, {
          ...(input.confidentiality === undefined
            ? {}
            : { confidentiality: input.confidentiality }),
          invisible_to_patient_until: until,
          updated_at: now.toISOString(),
        });
        return decided.allowed;
      });
      if (!allowed) throw notFound();
      return summaryAfterWrite(allowed, patientId, id);
    },

    /**
     * Logical deletion by the author (ACCESS.md: "deletion is logical and traced"): `deleted_at` is
     * set, the bytes and key stay for the record's legal retention, and nobody — PS or patient —
     * sees it any more. Anyone else gets 404.
     */
    async remove(ps: Professional, patientId: string, id: string): Promise<void> {
      const done = await db.transaction().execute(async (trx) => {
        const decided = await decideOnDocument(gate, trx, {
          ps,
          patientId,
          documentId: id,
          action: 'document.delete',
          trace: { action: 'document.delete', details: { logical: true } },
        });
        if (!decided) return false;
        const at = clock.now().toISOString();
        await createDocumentsRepository(trx).update(patientId, id, {
          deleted_at: at,
          updated_at: at,
        });
        return true;
      });
      if (!done) throw notFound();
    },
  };
}

/** The professional's writes on documents. */
export type ProDocumentWritesService = ReturnType<typeof createProDocumentWritesService>;
