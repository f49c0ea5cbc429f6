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
import { authorName } from './pro-documents.gate.ts';

/** One document of a bundle: its staged bytes and its upload fields (as the web form sends). */
export interface BundleDocument {
  staged: StagedUpload;
  fields: Record<string, string>;
}

/** Creates the professional's bundle add. */
export function createProDocumentBundleService(
  deps: DocumentsDeps,
  ports: DocumentsPorts,
  uploads: Pick<DocumentUploadService, 'commitMany' | 'discard'>,
) {
  return {
    /** Adds every staged document or none; returns their ids in order. 404 when blocked. */
    async addMany(ps: Professional, patientId: string, items: BundleDocument[]): Promise<string[]> {
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
      return uploads.commitMany(
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
      );
    },
  };
}

/** The professional's bundle add. */
export type ProDocumentBundleService = ReturnType<typeof createProDocumentBundleService>;
