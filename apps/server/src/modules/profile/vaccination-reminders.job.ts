/**
 * Vaccination reminders (issue 11): when a vaccination with a due rappel is saved, a job is queued
 * in the same transaction, deferred to the due day (09:00, Paris). When it runs, the patient gets
 * one e-mail without any health data ("Vous avez un rappel"), through the outbox — so a stopped
 * SMTP server delays it, never loses it — and only if "Rappels" is on. The reminder of an entry and
 * a due date is claimed once: a job run twice (expired lease) or an entry saved twice sends one.
 */
import { parisDayStart } from '@carnet/shared';
import type { Db } from '../../platform/db/schema.ts';
import type { Job, JobHandler } from '../../platform/jobs/job-worker.ts';
import type { ProfileDeps } from './profile.deps.ts';
import { VACCINATION_REMINDER_JOB } from './profile.deps.ts';
import { createProfileRepository } from './profile.repository.ts';

/** Queues the reminder of `entryId` due on `due` (YYYY-MM-DD), inside the caller's transaction. */
export async function scheduleVaccinationReminder(
  deps: Pick<ProfileDeps, 'jobs'>,
  trx: Db,
  input: { patientId: string; entryId: string; due: string },
): Promise<void> {
  const notBefore = new Date(parisDayStart(input.due).getTime() + 9 * 3600_000).toISOString();
  await deps.jobs.enqueue(trx, {
    type: VACCINATION_REMINDER_JOB,
    patientId: input.patientId,
    payload: { entryId: input.entryId, due: input.due },
    runAt: notBefore,
  });
}

/** The job's handler. */
export function createVaccinationReminderJobHandler(
  deps: Pick<ProfileDeps, 'db' | 'notifications'>,
): JobHandler {
  return {
    async run(job: Job): Promise<void> {
      const { entryId, due } = job.payload;
      if (typeof entryId !== 'string' || typeof due !== 'string' || !job.patientId) return;
      const patientId = job.patientId;
      await deps.db.transaction().execute(async (trx) => {
        const row = await createProfileRepository(trx).findEntry(patientId, entryId);
        // Deleted, or its rappel moved (a newer job carries the new date): nothing to send.
        if (!row || row.type !== 'vaccination' || row.due_date !== due) return;
        await deps.notifications.reminderDue(trx, {
          patientId,
          once: { subjectId: entryId, day: due },
        });
      });
    },
  };
}
