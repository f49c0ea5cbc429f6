/**
 * Several documents added at once by a professional (FHIR ITI-65 "Provide Document Bundle"): the
 * same rules as one upload — allowed unless blocked, author = this PS, invisible to the patient for
 * one month if asked (never together with masked), invisible to the legal representatives of a
 * minor only, the same notifications — but every document,
 * its trace and its jobs are written in ONE transaction: all or nothing.
 */
import { notFound } from '../../platform/http/app-error.ts';
import type { Professional } from '../professionals/professionals.service.ts';
import { oneMonthAfter, scheduleAwaitingNotice } from './document-notices.job.ts';
import type { DocumentUploadService, StagedUpload } from './document-upload.service.ts';
import type { DocumentsDeps, DocumentsPorts } from './documents.deps.ts';
import { documentsErrors } from './documents.errors.ts';
import { parseProUploadFields } from './documents.schemas.ts';
import { documentScope } from './documents.policy.ts';
import { createDocumentsSearchRepository } from './documents-search.repository.ts';
import { actorOf, authorName } from './pro-documents.gate.ts';
import { createSubmissionSetsRepository } from './submission-sets.repository.ts';

/** One document of a bundle: its staged bytes and its upload fields (as the web form sends). */
export interface BundleDocument {
  staged: StagedUpload;
  fields: Record<string, string>;
}

/** The SubmissionSet of a provide, as stored: its uniqueId and date (the author is the PS). */
export interface SubmissionSetInput {
  uniqueId?: { system: string | undefined; value: string } | undefined;
  /** ISO-8601 (List.date); the time of storage when absent. */
  date?: string | undefined;
}

/** Creates the professional's bundle add. */
export function createProDocumentBundleService(
  deps: DocumentsDeps,
  ports: DocumentsPorts,
  uploads: Pick<DocumentUploadService, 'commitMany' | 'discard'>,
) {
  return {
    /**
     * Adds every staged document or none, with their SubmissionSet when given (in the same
     * transaction); returns the document ids in order and the set's id. 404 when blocked.
     */
    async addMany(
      ps: Professional,
      patientId: string,
      items: BundleDocument[],
      submission?: SubmissionSetInput,
    ): Promise<{ documentIds: string[]; submissionSetId: string | undefined }> {
      const metas: ReturnType<typeof parseProUploadFields>[] = [];
      try {
        for (const item of items) {
          if (item.staged.patientId !== patientId) throw notFound();
          const meta = parseProUploadFields(item.fields);
          if (meta.invisibleToPatient && meta.confidentiality === 'masque')
            throw documentsErrors.invisibleAndMasked();
          metas.push(meta);
        }
      } catch (error) {
        for (const item of items) await uploads.discard(item.staged);
        throw error;
      }
      const now = deps.clock.now();
      const submissionSetId = submission ? deps.newId('sub') : undefined;
      const documentIds = await uploads.commitMany(
        items.map((item, i) => {
          const meta = metas[i]!;
          const until = meta.invisibleToPatient ? oneMonthAfter(now) : null;
          const confidentiality = meta.confidentiality ?? (until ? 'visible' : undefined);
          return {
            staged: item.staged,
            fields: {
              title: meta.title,
              category: meta.category,
              ...(meta.date ? { date: meta.date } : {}),
              ...(confidentiality ? { confidentiality } : {}),
            },
            author: {
              type: 'professional' as const,
              id: ps.id,
              name: authorName(ps),
              profession: ps.profession,
            },
            actor: { type: 'professional' as const, id: ps.id },
            invisibleToPatientUntil: until,
            invisibleToLegalRepresentatives: meta.invisibleToLegalRepresentatives === 'true',
            gate: {
              async authorize(trx, facts) {
                const result = await ports.gate.check(trx, {
                  professional: ps,
                  patientId,
                  action: 'document.add',
                  resource: { type: 'record' },
                  trace: {
                    action: 'document.add',
                    target: { type: 'document', id: facts.documentId },
                    details: { ...facts.details, via: 'fhir' },
                  },
                });
                // INVISIBLE_REPRESENTANTS_LEGAUX only for a minor, decided once the gate allowed:
                // thrown, the whole bundle rolls back and its files go.
                if (result.allow && meta.invisibleToLegalRepresentatives === 'true')
                  if (!(await ports.minors.isMinor(patientId, trx)))
                    throw documentsErrors.invisibleToLegalRepsNotMinor();
                return result.allow;
              },
              async afterInsert(trx, documentId) {
                if (until) await scheduleAwaitingNotice(deps, trx, { patientId, documentId });
                else
                  await ports.notifications.documentAddedByProfessional(trx, {
                    patientId,
                    professionalId: ps.id,
                  });
              },
            },
          };
        }),
        {
          afterAll: async (trx, ids) => {
            if (!submission || !submissionSetId) return;
            await createSubmissionSetsRepository(trx).insert(
              {
                id: submissionSetId,
                patient_id: patientId,
                author_id: ps.id,
                unique_id_system: submission.uniqueId?.system ?? null,
                unique_id: submission.uniqueId?.value ?? null,
                submitted_at: submission.date ?? now.toISOString(),
                created_at: now.toISOString(),
              },
              ids,
            );
          },
        },
      );
      return { documentIds, submissionSetId };
    },

    /**
     * A SubmissionSet as this PS may see it (FHIR `List/<id>`): decided like the record's document
     * search (`rubrique.read`, traced `document.search` on the set), its documents reduced to those
     * the PS may see (masked, forbidden, removed ones drop out). 404 when the record is not readable.
     */
    async findSubmissionSet(ps: Professional, submissionSetId: string) {
      const result = await deps.db.transaction().execute(async (trx) => {
        const sets = createSubmissionSetsRepository(trx);
        const set = await sets.find(submissionSetId);
        if (!set) return undefined;
        const patientId = set.patient_id;
        const decision = await ports.gate.check(trx, {
          professional: ps,
          patientId,
          action: 'rubrique.read',
          resource: { type: 'record' },
          trace: {
            action: 'document.search',
            target: { type: 'submission_set', id: submissionSetId },
          },
        });
        if (!decision.allow) return undefined;
        const ids = await sets.documentIds(submissionSetId);
        const scope = documentScope(actorOf(decision, patientId), deps.clock.now());
        const visible = ids.length
          ? await createDocumentsSearchRepository(trx).search(scope, { ids, limit: ids.length })
          : { rows: [] };
        const seen = new Set(visible.rows.map((row) => row.id));
        await ports.notifications.professionalAccessed(trx, { patientId, professionalId: ps.id });
        return { set, documentIds: ids.filter((id) => seen.has(id)) };
      });
      if (!result) throw notFound();
      return result;
    },
  };
}

/** The professional's bundle add. */
export type ProDocumentBundleService = ReturnType<typeof createProDocumentBundleService>;
