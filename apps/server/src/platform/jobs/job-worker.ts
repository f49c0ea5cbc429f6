/**
 * Runs queued jobs. Like the outbox worker, each row is claimed by a conditional UPDATE that moves
 * its next attempt past a lease, so workers in one process or several never run a job twice at
 * once, and a job whose worker died (SIGKILL) runs again once its lease has expired.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import { isoPlus } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import type { JobsTable } from '../db/schema-documents.ts';
import { createBatchLoop } from './batch-loop.ts';
import type { JobQueue } from './job-queue.ts';

/** A job as a handler receives it. */
export interface Job {
  id: string;
  type: string;
  patientId: string | null;
  payload: Record<string, unknown>;
  attempts: number;
}

/** Runs one type of job; throwing means "retry later", `giveUp` runs after the last attempt. */
export interface JobHandler {
  run(job: Job): Promise<void>;
  giveUp?(job: Job): Promise<void>;
}

/** The slice of a logger the worker uses; it only ever receives ids, types and error classes. */
export interface JobLogger {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Dependencies of the worker. */
export interface JobWorkerDeps {
  db: Kysely<Database>;
  clock: Clock;
  queue: JobQueue;
  handlers: Record<string, JobHandler>;
  logger: JobLogger;
  batchSize?: number;
  maxAttempts?: number;
  /** How long a claim holds a job; must exceed the handlers' own timeouts. */
  leaseMs?: number;
}

type DueRow = Pick<
  JobsTable,
  'id' | 'type' | 'patient_id' | 'payload' | 'attempts' | 'next_attempt_at'
>;

/** Delay before the next attempt after `attempts` failures: 10 s doubling, ≤ 30 min. */
export function jobBackoffMs(attempts: number): number {
  return Math.min(30 * 60_000, 10_000 * 2 ** Math.max(0, attempts - 1));
}

/** Creates the worker: `runOnce()` for one batch, `start()`/`stop()` for the loop. */
export function createJobWorker(deps: JobWorkerDeps) {
  const { db, clock, logger } = deps;
  const batchSize = deps.batchSize ?? 10;
  const maxAttempts = deps.maxAttempts ?? 5;
  const leaseMs = deps.leaseMs ?? 5 * 60_000;
  // Set by stop(): the batch in progress ends after its current job (a shutdown waits for one job).
  let stopping = false;

  async function claim(row: DueRow, leaseUntil: string): Promise<boolean> {
    const result = await db
      .updateTable('jobs')
      .set({ next_attempt_at: leaseUntil })
      .where('id', '=', row.id)
      .where('next_attempt_at', '=', row.next_attempt_at)
      .where('attempts', '=', row.attempts)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async function fail(row: DueRow, job: Job, handler: JobHandler | undefined, error: unknown) {
    const attempts = row.attempts + 1;
    const givingUp = attempts >= maxAttempts || !handler;
    const now = clock.now();
    await db
      .updateTable('jobs')
      .set({
        attempts: givingUp ? maxAttempts : attempts,
        last_error: errorLabel(error),
        next_attempt_at: givingUp ? now.toISOString() : isoPlus(now, jobBackoffMs(attempts)),
      })
      .where('id', '=', row.id)
      .execute();
    const facts = { jobId: row.id, type: row.type, attempts, error: errorLabel(error) };
    if (!givingUp) return logger.warn(facts, 'job failed, will retry');
    logger.error(facts, 'job abandoned after its last attempt');
    await handler?.giveUp?.(job);
  }

  /** Runs the due jobs of one batch, one after the other; a failure is rescheduled, never dropped. */
  async function runOnce(): Promise<{ done: number; failed: number }> {
    const rows = await db
      .selectFrom('jobs')
      .select(['id', 'type', 'patient_id', 'payload', 'attempts', 'next_attempt_at'])
      .where('next_attempt_at', '<=', clock.now().toISOString())
      .where('attempts', '<', maxAttempts)
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(batchSize)
      .execute();
    let done = 0;
    let failed = 0;
    for (const row of rows) {
      if (stopping) break;
      if (!(await claim(row, isoPlus(clock.now(), leaseMs)))) continue; // another worker has it
      const job: Job = {
        id: row.id,
        type: row.type,
        patientId: row.patient_id,
        payload: JSON.parse(row.payload) as Record<string, unknown>,
        attempts: row.attempts,
      };
      const handler = deps.handlers[row.type];
      try {
        if (!handler) throw new Error(`no handler for ${row.type}`);
        await handler.run(job);
      } catch (error) {
        failed += 1;
        await fail(row, job, handler, error);
        continue;
      }
      await db.deleteFrom('jobs').where('id', '=', row.id).execute();
      done += 1;
    }
    return { done, failed };
  }

  const loop = createBatchLoop({
    runBatch: async () => {
      const { done, failed } = await runOnce();
      return done + failed;
    },
    batchSize,
    onError: (error) => logger.warn({ error: errorLabel(error) }, 'job batch failed, will retry'),
  });
  let unsubscribe: (() => void) | undefined;

  return {
    runOnce,
    /** Runs every due job until none is left (tests, `carnet check`); returns how many ran. */
    async drain(): Promise<number> {
      let total = 0;
      for (;;) {
        const { done, failed } = await runOnce();
        total += done + failed;
        if (done + failed === 0) return total;
      }
    },
    /** Polls every `intervalMs` and runs at once after `queue.notify()`; never two batches at once. */
    start(options: { intervalMs?: number } = {}): void {
      stopping = false;
      unsubscribe ??= deps.queue.subscribe(() => loop.kick());
      loop.start(options.intervalMs);
    },
    /** Stops the loop and resolves once the batch in progress, if any, has finished. */
    async stop(): Promise<void> {
      stopping = true;
      unsubscribe?.();
      unsubscribe = undefined;
      await loop.stop();
    },
  };
}

/** The job worker. */
export type JobWorker = ReturnType<typeof createJobWorker>;

/** Error class and code only, never a message (it may quote content). */
function errorLabel(error: unknown): string {
  if (!(error instanceof Error)) return 'UnknownError';
  const code = (error as { code?: unknown }).code;
  return [error.name, typeof code === 'string' ? code : '']
    .join(' ')
    .trim()
    .replace(/[^\w .:-]/g, '')
    .slice(0, 80);
}
