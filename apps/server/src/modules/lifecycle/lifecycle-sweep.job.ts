/**
 * The daily job of the lifecycle: erases the closed records whose time has come and deletes the
 * expired data exports, then schedules itself for the next day. `carnet serve` queues the first
 * run; `carnet lifecycle sweep [--at …]` runs the same work by hand.
 */
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/schema.ts';
import type { JobHandler } from '../../platform/jobs/job-worker.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';

/** Job type of the daily sweep. */
export const LIFECYCLE_SWEEP_JOB = 'lifecycle.sweep';

/** The next run: tomorrow at 02:00 UTC (a quiet hour in France). */
export function nextSweepAt(now: Date): string {
  const next = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 2, 0, 0),
  );
  return next.toISOString();
}

/** Creates the handler and the scheduler of the daily sweep. */
export function createLifecycleSweepJob(deps: {
  db: Db;
  clock: Clock;
  jobs: JobQueue;
  /** The work of one run: every sweep of the lifecycle (closures, expired exports). */
  sweeps: ReadonlyArray<() => Promise<number>>;
}) {
  const handler: JobHandler = {
    async run() {
      for (const sweep of deps.sweeps) await sweep();
      await deps.jobs.enqueue(deps.db, {
        type: LIFECYCLE_SWEEP_JOB,
        patientId: null,
        payload: {},
        runAt: nextSweepAt(deps.clock.now()),
      });
    },
  };
  return {
    handler,
    /** Queues the first run unless one is queued already (called when a server starts). */
    async ensureScheduled(): Promise<void> {
      if (await deps.jobs.has(deps.db, LIFECYCLE_SWEEP_JOB)) return;
      await deps.jobs.enqueue(deps.db, { type: LIFECYCLE_SWEEP_JOB, patientId: null, payload: {} });
    },
    /** Runs every sweep now; returns how many records and exports were removed. */
    async runNow(): Promise<number> {
      let total = 0;
      for (const sweep of deps.sweeps) total += await sweep();
      return total;
    },
  };
}
