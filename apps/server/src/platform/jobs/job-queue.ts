/**
 * Background jobs (previews…): a row written in the caller's transaction, so a job exists exactly
 * when the action that asked for it committed; a worker runs it later, with retries.
 */
import type { Clock } from '../clock.ts';
import type { Db } from '../db/schema.ts';

/** A job to enqueue: a type the worker has a handler for, and a payload of non-health facts (ids). */
export interface NewJob {
  type: string;
  patientId: string | null;
  payload: Record<string, string | number | boolean | null>;
  /** When it may run (default: now), e.g. the next run of a daily job. */
  runAt?: string;
}

/** Creates the queue. */
export function createJobQueue(deps: { clock: Clock; newId: (prefix: string) => string }) {
  const listeners = new Set<() => void>();
  return {
    /** Writes the job inside `db` (pass the action's transaction); returns its id. */
    async enqueue(db: Db, job: NewJob): Promise<string> {
      const id = deps.newId('job');
      const now = deps.clock.now().toISOString();
      await db
        .insertInto('jobs')
        .values({
          id,
          patient_id: job.patientId,
          type: job.type,
          payload: JSON.stringify(job.payload),
          attempts: 0,
          next_attempt_at: job.runAt ?? now,
          last_error: null,
          created_at: now,
        })
        .execute();
      return id;
    },
    /** Whether a job of `type` is queued (a daily job schedules itself once). */
    async has(db: Db, type: string): Promise<boolean> {
      const row = await db
        .selectFrom('jobs')
        .select('id')
        .where('type', '=', type)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
    /** Tells the running worker, if any, that jobs were committed (call after the commit). */
    notify(): void {
      for (const listener of listeners) listener();
    },
    /** Subscribes a worker to `notify`; returns the unsubscribe function. */
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The job queue. */
export type JobQueue = ReturnType<typeof createJobQueue>;
