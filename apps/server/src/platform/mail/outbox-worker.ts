/**
 * Sends what the outbox holds (SECURITY.md "Durability and faults": an outage delays mail, loses
 * none). Each row is claimed by a conditional UPDATE before it is sent, so concurrent workers, in
 * one process or several, never hand the same row to a transport twice.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import { isoPlus } from '../clock.ts';
import { openJson } from '../crypto/sealed.ts';
import type { Database, OutboxTable } from '../db/schema.ts';
import { createBatchLoop } from '../jobs/batch-loop.ts';
import type { SmsTransport } from '../sms/sms-transport.ts';
import type { MailTransport } from './mail-transport.ts';
import type { InfoLogger } from './outbox-file.ts';
import type { OutboxMessage } from './outbox.ts';

/** The slice of a pino logger the worker uses; it never receives a recipient, subject or body. */
export interface WorkerLogger extends InfoLogger {
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

/** First retry delay; each further failure doubles it. */
export const OUTBOX_BACKOFF_BASE_MS = 5_000;
/** Longest wait between two attempts. */
export const OUTBOX_BACKOFF_CAP_MS = 15 * 60_000;

/** Delay before the next attempt after `attempts` failures: 5 s doubling, ±20 % jitter, ≤ 15 min. */
export function outboxBackoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(
    OUTBOX_BACKOFF_CAP_MS,
    OUTBOX_BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1),
  );
  // Jitter spreads the retries of a burst queued during one outage.
  const jittered = Math.round(base * (0.8 + 0.4 * random()));
  return Math.max(1, Math.min(OUTBOX_BACKOFF_CAP_MS, jittered));
}

/** Dependencies of the worker. */
export interface OutboxWorkerDeps {
  db: Kysely<Database>;
  clock: Clock;
  sealKey: Buffer;
  mail: MailTransport;
  sms: SmsTransport;
  logger: WorkerLogger;
  batchSize?: number;
  /** After this many failed attempts the row is kept, unsent, and no longer retried. */
  maxAttempts?: number;
  /** How long a claim holds a row; must exceed the transports' own timeouts. */
  leaseMs?: number;
  random?: () => number;
}

type DueRow = Pick<OutboxTable, 'id' | 'channel' | 'payload' | 'attempts' | 'next_attempt_at'>;

/** Creates the worker: `runOnce()` for one batch, `start()`/`stop()` for the loop, `kick()` after an enqueue. */
export function createOutboxWorker(deps: OutboxWorkerDeps) {
  const { db, clock, logger } = deps;
  const batchSize = deps.batchSize ?? 20;
  const maxAttempts = deps.maxAttempts ?? 20;
  const leaseMs = deps.leaseMs ?? 5 * 60_000;
  const random = deps.random ?? Math.random;
  // Rows handed to a transport whose `sent_at` could not be written (database blip): marked
  // before anything else next time, and never sent again meanwhile (they stay under lease).
  const unmarked = new Map<string, string>();

  async function markSent(id: string, sentAt: string): Promise<void> {
    await db
      .updateTable('outbox')
      .set({ sent_at: sentAt, payload: '', last_error: null })
      .where('id', '=', id)
      .where('sent_at', 'is', null)
      .execute();
  }

  async function flushUnmarked(): Promise<void> {
    for (const [id, sentAt] of unmarked) {
      await markSent(id, sentAt);
      unmarked.delete(id);
    }
  }

  /** Claims a row by moving its next attempt past a lease; true only for the one caller that won. */
  async function claim(row: DueRow, leaseUntil: string): Promise<boolean> {
    const result = await db
      .updateTable('outbox')
      .set({ next_attempt_at: leaseUntil })
      .where('id', '=', row.id)
      .where('sent_at', 'is', null)
      .where('next_attempt_at', '=', row.next_attempt_at)
      .where('attempts', '=', row.attempts)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async function deliver(row: DueRow): Promise<void> {
    const message = openJson<OutboxMessage>(deps.sealKey, row.payload);
    if (message.channel !== row.channel) throw new OutboxPayloadError('channel_mismatch');
    if (message.channel === 'email') await deps.mail.send(message, { id: row.id });
    else await deps.sms.send(message, { id: row.id });
  }

  async function recordFailure(row: DueRow, leaseUntil: string, error: unknown): Promise<void> {
    const attempts = row.attempts + 1;
    const now = clock.now();
    const label = errorLabel(error);
    const givingUp = attempts >= maxAttempts;
    await db
      .updateTable('outbox')
      .set({
        attempts,
        last_error: label,
        // A row given up keeps its last attempt time; the due query skips it by its attempts.
        next_attempt_at: givingUp
          ? now.toISOString()
          : isoPlus(now, outboxBackoffMs(attempts, random)),
      })
      .where('id', '=', row.id)
      .where('sent_at', 'is', null)
      .where('next_attempt_at', '=', leaseUntil)
      .execute();
    const facts = { outboxId: row.id, channel: row.channel, attempts, error: label };
    if (givingUp) logger.error(facts, 'outbox message abandoned after its last attempt');
    else logger.warn(facts, 'outbox send failed, will retry');
  }

  /** Sends every due row of one batch; a failed send is rescheduled, never dropped. */
  async function runOnce(): Promise<{ sent: number; failed: number }> {
    await flushUnmarked();
    const rows = await db
      .selectFrom('outbox')
      .select(['id', 'channel', 'payload', 'attempts', 'next_attempt_at'])
      .where('sent_at', 'is', null)
      .where('next_attempt_at', '<=', clock.now().toISOString())
      .where('attempts', '<', maxAttempts)
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(batchSize)
      .execute();
    let sent = 0;
    let failed = 0;
    for (const row of rows) {
      const leaseUntil = isoPlus(clock.now(), leaseMs);
      if (!(await claim(row, leaseUntil))) continue; // another worker has it
      try {
        await deliver(row);
      } catch (error) {
        failed += 1;
        await recordFailure(row, leaseUntil, error);
        continue;
      }
      sent += 1;
      const sentAt = clock.now().toISOString();
      try {
        await markSent(row.id, sentAt);
      } catch (error) {
        unmarked.set(row.id, sentAt);
        throw error;
      }
    }
    return { sent, failed };
  }

  const loop = createBatchLoop({
    runBatch: async () => {
      const { sent, failed } = await runOnce();
      return sent + failed;
    },
    batchSize,
    onError: (error) =>
      logger.warn({ error: errorLabel(error) }, 'outbox batch failed, will retry'),
  });

  return {
    runOnce,
    /** Runs a batch every `intervalMs` (never two at once); the timer does not keep the process alive. */
    start(options: { intervalMs?: number } = {}): void {
      loop.start(options.intervalMs);
    },
    /** Stops the loop and resolves once the batch in progress, if any, has finished. */
    stop: () => loop.stop(),
    /** Asks the running loop for a batch soon (after an enqueue commits); no-op when stopped. */
    kick: () => loop.kick(),
  };
}

/** The outbox worker. */
export type OutboxWorker = ReturnType<typeof createOutboxWorker>;

/** A payload that opened but does not match its row. */
class OutboxPayloadError extends Error {
  override readonly name = 'OutboxPayloadError';
  constructor(readonly code: string) {
    super(code);
  }
}

/** A short label for `last_error` and logs: error class and codes only, never a message (it may quote content). */
function errorLabel(error: unknown): string {
  if (!(error instanceof Error)) return 'UnknownError';
  const withCodes = error as Error & { code?: unknown; responseCode?: unknown; cause?: unknown };
  const cause = withCodes.cause as { code?: unknown } | undefined;
  const parts = [error.name];
  if (typeof withCodes.code === 'string') parts.push(withCodes.code);
  else if (typeof cause?.code === 'string') parts.push(cause.code);
  if (typeof withCodes.responseCode === 'number') parts.push(String(withCodes.responseCode));
  return parts
    .join(' ')
    .replace(/[^\w .:-]/g, '')
    .slice(0, 80);
}
