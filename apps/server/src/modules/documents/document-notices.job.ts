/**
 * "The patient is told after 2 weeks that a document awaits" (PRODUCT.md "Invisible au patient"):
 * when a PS makes a document invisible to the patient, a job is queued in the same transaction and
 * deferred by 2 weeks; when it runs, the patient gets one mail without the title — only if the
 * document still exists and is still invisible. `documentAwaiting` claims a key per document and
 * period, so a job run twice (an expired lease) still sends one mail.
 */
import type { Job, JobHandler } from '../../platform/jobs/job-worker.ts';
import type { Db } from '../../platform/db/schema.ts';
import type { DocumentsDeps, DocumentNotifications } from './documents.deps.ts';
import { DOCUMENT_AWAITING_JOB } from './documents.deps.ts';
import { isInvisibleToPatient } from './documents.policy.ts';
import { createDocumentsRepository } from './documents.repository.ts';

/** How long a document stays invisible to the patient before the notice (PRODUCT.md: 2 weeks). */
export const AWAITING_NOTICE_DELAY_MS = 14 * 24 * 3600_000;

/** `at` plus one calendar month (the 31st becomes the month's last day): the end of invisibility. */
export function oneMonthAfter(at: Date): string {
  const next = new Date(at.getTime());
  const day = next.getUTCDate();
  next.setUTCDate(1);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const last = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  next.setUTCDate(Math.min(day, last));
  return next.toISOString();
}

/** Queues the notice of `documentId`, due 2 weeks from now, inside the caller's transaction. */
export async function scheduleAwaitingNotice(
  deps: Pick<DocumentsDeps, 'jobs' | 'clock'>,
  trx: Db,
  input: { patientId: string; documentId: string },
): Promise<void> {
  const jobId = await deps.jobs.enqueue(trx, {
    type: DOCUMENT_AWAITING_JOB,
    patientId: input.patientId,
    payload: { documentId: input.documentId },
  });
  const due = new Date(deps.clock.now().getTime() + AWAITING_NOTICE_DELAY_MS).toISOString();
  await createDocumentsRepository(trx).deferJob(jobId, due);
}

/** The job's handler. */
export function createAwaitingNoticeJobHandler(
  deps: Pick<DocumentsDeps, 'db' | 'clock'>,
  notifications: Pick<DocumentNotifications, 'documentAwaiting'>,
): JobHandler {
  return {
    async run(job: Job): Promise<void> {
      const documentId = job.payload.documentId;
      if (typeof documentId !== 'string' || !job.patientId) return;
      const patientId = job.patientId;
      await deps.db.transaction().execute(async (trx) => {
        const row = await createDocumentsRepository(trx).findAny(patientId, documentId);
        const now = deps.clock.now().toISOString();
        const until = row?.invisible_to_patient_until;
        if (!row || row.deleted_at !== null || !until || !isInvisibleToPatient(row, now)) return;
        await notifications.documentAwaiting(trx, { patientId, documentId, visibleFrom: until });
      });
    },
  };
}
