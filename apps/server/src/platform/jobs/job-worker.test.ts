import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestDatabase } from '../../../test/test-db.ts';
import { createManualClock } from '../clock.ts';
import type { ManualClock } from '../clock.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { createJobQueue } from './job-queue.ts';
import type { JobQueue } from './job-queue.ts';
import type { Job, JobHandler } from './job-worker.ts';
import { createJobWorker, jobBackoffMs } from './job-worker.ts';

let database: DatabaseHandle;
let clock: ManualClock;
let queue: JobQueue;
let n = 0;
const logs: string[] = [];
const logger = {
  warn: (_: object, m?: string) => logs.push(`warn ${m}`),
  error: (_: object, m?: string) => logs.push(`error ${m}`),
};

beforeEach(async () => {
  database = await createTestDatabase();
  clock = createManualClock();
  queue = createJobQueue({ clock, newId: (p) => `${p}_${++n}` });
  logs.length = 0;
});
afterEach(async () => {
  await database.close();
});

const worker = (handlers: Record<string, JobHandler>, options: { maxAttempts?: number } = {}) =>
  createJobWorker({ db: database.db, clock, queue, handlers, logger, ...options });

const rows = () => database.db.selectFrom('jobs').selectAll().execute();

describe('the job worker', () => {
  test('runs a committed job once and deletes it', async () => {
    const seen: Job[] = [];
    await database.db
      .transaction()
      .execute((trx) =>
        queue.enqueue(trx, { type: 'echo', patientId: 'pat_1', payload: { versionId: 'ver_1' } }),
      );
    const w = worker({ echo: { run: async (job) => void seen.push(job) } });
    expect(await w.runOnce()).toEqual({ done: 1, failed: 0 });
    expect(seen).toMatchObject([
      { type: 'echo', patientId: 'pat_1', payload: { versionId: 'ver_1' } },
    ]);
    expect(await rows()).toEqual([]);
    expect(await w.runOnce()).toEqual({ done: 0, failed: 0 });
  });

  test('a job enqueued in a rolled-back transaction never runs', async () => {
    await database.db
      .transaction()
      .execute(async (trx) => {
        await queue.enqueue(trx, { type: 'echo', patientId: null, payload: {} });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    expect(await rows()).toEqual([]);
  });

  test('a failing job is retried with backoff, then given up and reported', async () => {
    let runs = 0;
    const gaveUp: string[] = [];
    await queue.enqueue(database.db, { type: 'flaky', patientId: null, payload: {} });
    const w = worker(
      {
        flaky: {
          run: async () => {
            runs++;
            throw Object.assign(new Error('secret content'), { code: 'EIO' });
          },
          giveUp: async (job) => void gaveUp.push(job.id),
        },
      },
      { maxAttempts: 3 },
    );
    expect(await w.runOnce()).toEqual({ done: 0, failed: 1 });
    expect((await rows())[0]).toMatchObject({ attempts: 1, last_error: 'Error EIO' });
    expect(await w.runOnce()).toEqual({ done: 0, failed: 0 }); // not due yet
    clock.advance(jobBackoffMs(1));
    await w.runOnce();
    clock.advance(jobBackoffMs(2));
    await w.runOnce();
    expect(runs).toBe(3);
    expect(gaveUp).toHaveLength(1);
    clock.advance(3600_000);
    expect(await w.runOnce()).toEqual({ done: 0, failed: 0 });
    expect(logs).toEqual([
      'warn job failed, will retry',
      'warn job failed, will retry',
      'error job abandoned after its last attempt',
    ]);
    expect(logs.join()).not.toContain('secret');
  });

  test('two workers never run the same job; a job whose worker died runs again after its lease', async () => {
    await queue.enqueue(database.db, { type: 'slow', patientId: null, payload: {} });
    let runs = 0;
    let release: () => void = () => undefined;
    const blocked = new Promise<void>((r) => (release = r));
    const a = worker({
      slow: {
        run: async () => {
          runs++;
          await blocked;
        },
      },
    });
    const b = worker({ slow: { run: async () => void runs++ } });
    const first = a.runOnce();
    await new Promise((r) => setTimeout(r, 50));
    expect(await b.runOnce()).toEqual({ done: 0, failed: 0 });
    release();
    expect(await first).toEqual({ done: 1, failed: 0 });
    expect(runs).toBe(1);

    // A claimed job left behind by a crash: its lease expires, and it runs again.
    await queue.enqueue(database.db, { type: 'slow', patientId: null, payload: {} });
    await database.db
      .updateTable('jobs')
      .set({ next_attempt_at: new Date(clock.now().getTime() + 5 * 60_000).toISOString() })
      .execute();
    expect(await b.runOnce()).toEqual({ done: 0, failed: 0 });
    clock.advance(5 * 60_000);
    expect(await b.runOnce()).toEqual({ done: 1, failed: 0 });
  });

  test('the loop runs soon after notify and stops cleanly', async () => {
    const done: string[] = [];
    const w = worker({ echo: { run: async (job) => void done.push(job.id) } });
    w.start({ intervalMs: 60_000 });
    await new Promise((r) => setTimeout(r, 20));
    const id = await queue.enqueue(database.db, { type: 'echo', patientId: null, payload: {} });
    queue.notify();
    for (let i = 0; i < 100 && done.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await w.stop();
    expect(done).toEqual([id]);
  });
});
