/**
 * The outbox (SECURITY.md "Durability"): mail and SMS are rows written in the caller's transaction,
 * sealed at rest (they may carry one-time codes), sent later by the outbox worker.
 */
import type { Clock } from '../clock.ts';
import { sealJson } from '../crypto/sealed.ts';
import type { Db } from '../db/schema.ts';

/** An e-mail to send: French text, and HTML built from escaped parts. */
export interface EmailMessage {
  channel: 'email';
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** An SMS to send. */
export interface SmsMessage {
  channel: 'sms';
  to: string;
  text: string;
}

/** What the outbox carries. */
export type OutboxMessage = EmailMessage | SmsMessage;

/** Enqueues messages in the caller's transaction. */
export function createOutbox(deps: {
  clock: Clock;
  newId: (prefix: string) => string;
  sealKey: Buffer;
}) {
  return {
    /** Adds a message; it leaves when the transaction commits and the worker runs. */
    async enqueue(
      db: Db,
      message: OutboxMessage,
      patientId: string | null = null,
    ): Promise<string> {
      const id = deps.newId('out');
      const now = deps.clock.now().toISOString();
      await db
        .insertInto('outbox')
        .values({
          id,
          patient_id: patientId,
          channel: message.channel,
          payload: sealJson(deps.sealKey, message),
          created_at: now,
          attempts: 0,
          next_attempt_at: now,
          sent_at: null,
          last_error: null,
        })
        .execute();
      return id;
    },

    /**
     * Removes a record's messages not sent yet (waiting, or given up after their last attempt),
     * when the record is erased: their sealed payloads go with it. Sent rows hold no payload.
     */
    async eraseUnsent(db: Db, patientId: string): Promise<number> {
      const result = await db
        .deleteFrom('outbox')
        .where('patient_id', '=', patientId)
        .where('sent_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/** The outbox. */
export type Outbox = ReturnType<typeof createOutbox>;
