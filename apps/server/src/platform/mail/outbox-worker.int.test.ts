import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ParsedMail } from 'mailparser';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestDatabase } from '../../../test/test-db.ts';
import type { SmtpPeer } from '../../../test/smtp-peer.ts';
import { startSmtp } from '../../../test/smtp-peer.ts';
import { createManualClock } from '../clock.ts';
import type { ManualClock } from '../clock.ts';
import { openJson, sealJson } from '../crypto/sealed.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { createFileSmsTransport, createHttpSmsTransport } from '../sms/sms-transport.ts';
import { createSmtpTransport } from './mail-transport.ts';
import type { OutboxWorkerDeps, WorkerLogger } from './outbox-worker.ts';
import { OUTBOX_BACKOFF_CAP_MS, createOutboxWorker } from './outbox-worker.ts';
import { createOutbox } from './outbox.ts';
import type { EmailMessage } from './outbox.ts';

const FROM = 'Carnet <ne-pas-repondre@carnet.test>';

function recordingLogger(): WorkerLogger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (obj: object | string, msg?: string) => {
    lines.push(JSON.stringify({ level, obj, msg }));
  };
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

const mail = (n: number, code = '482913'): EmailMessage => ({
  channel: 'email',
  to: `patient${n}@example.test`,
  subject: `Votre code de connexion n°${n}`,
  text: `Bonjour,\n\nVotre code est ${code}. Il expire dans 10 minutes.`,
  html: `<p>Bonjour,</p><p>Votre code est <strong>${code}</strong>. Il expire dans 10 minutes.</p>`,
});

let handle: DatabaseHandle;
let clock: ManualClock;
let inbox: ParsedMail[];
let smtp: SmtpPeer;
let dir: string;
const sealKey = randomBytes(32);
const newId = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`;

beforeEach(async () => {
  handle = await createTestDatabase();
  clock = createManualClock();
  inbox = [];
  smtp = await startSmtp({ inbox });
  dir = await mkdtemp(join(tmpdir(), 'carnet-outbox-worker-'));
});

afterEach(async () => {
  await smtp.close();
  await handle.close();
  await rm(dir, { recursive: true, force: true });
});

function makeWorker(overrides: Partial<OutboxWorkerDeps> = {}) {
  return createOutboxWorker({
    db: handle.db,
    clock,
    sealKey,
    mail: createSmtpTransport({ url: `smtp://127.0.0.1:${smtp.port}`, from: FROM }),
    sms: createFileSmsTransport({ dir, logger: recordingLogger(), clock }),
    logger: recordingLogger(),
    random: () => 0.5,
    ...overrides,
  });
}

async function enqueue(...messages: EmailMessage[]): Promise<string[]> {
  const outbox = createOutbox({ clock, newId, sealKey });
  const ids: string[] = [];
  await handle.db.transaction().execute(async (trx) => {
    for (const message of messages) ids.push(await outbox.enqueue(trx, message));
  });
  return ids;
}

const rowsOf = (ids: string[]) =>
  handle.db.selectFrom('outbox').selectAll().where('id', 'in', ids).orderBy('id').execute();

const subjects = () => inbox.map((m) => m.subject).sort();

describe('outbox worker over SMTP', () => {
  test('a queued mail is delivered with its subject, text and HTML parts intact', async () => {
    const [id] = await enqueue(mail(1));

    expect(await makeWorker().runOnce()).toEqual({ sent: 1, failed: 0 });

    expect(inbox).toHaveLength(1);
    const received = inbox[0]!;
    expect(received.subject).toBe('Votre code de connexion n°1');
    expect(received.text?.trim()).toBe(mail(1).text);
    expect(received.html).toContain('<strong>482913</strong>');
    expect(received.from?.value).toEqual([
      { name: 'Carnet', address: 'ne-pas-repondre@carnet.test' },
    ]);
    expect(received.to).toMatchObject({ value: [{ address: 'patient1@example.test' }] });
    expect(received.messageId).toBe(`<${id}@carnet.test>`);
  });

  test('a sent row has its payload wiped and its sending time set', async () => {
    const ids = await enqueue(mail(1));

    await makeWorker().runOnce();

    const [row] = await rowsOf(ids);
    expect(row).toMatchObject({
      payload: '',
      sent_at: clock.now().toISOString(),
      attempts: 0,
      last_error: null,
    });
  });

  test('a further run sends nothing once the outbox is drained', async () => {
    await enqueue(mail(1), mail(2));
    const worker = makeWorker();

    expect(await worker.runOnce()).toEqual({ sent: 2, failed: 0 });
    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 0 });
    expect(inbox).toHaveLength(2);
  });

  test('mails queued during an SMTP outage are kept, then each arrives exactly once', async () => {
    const port = smtp.port;
    await smtp.close();
    const ids = await enqueue(mail(1), mail(2), mail(3));
    const sealed = (await rowsOf(ids)).map((r) => r.payload);
    const worker = makeWorker();

    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 3 });

    const failedRows = await rowsOf(ids);
    for (const [i, row] of failedRows.entries()) {
      expect(row.sent_at).toBeNull();
      expect(row.attempts).toBe(1);
      expect(row.next_attempt_at > clock.now().toISOString()).toBe(true);
      expect(row.payload).toBe(sealed[i]);
      expect(row.payload).not.toContain('482913');
      expect(openJson<EmailMessage>(sealKey, row.payload).channel).toBe('email');
      expect(row.last_error).toMatch(/^Error E[A-Z]+$/);
    }

    smtp = await startSmtp({ inbox, port });
    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 0 }); // not due yet
    clock.advance(6_000); // first backoff is 5 s ± 20 %

    expect(await worker.runOnce()).toEqual({ sent: 3, failed: 0 });
    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 0 });
    expect(subjects()).toEqual([1, 2, 3].map((n) => `Votre code de connexion n°${n}`));
    expect(new Set(inbox.map((m) => m.messageId)).size).toBe(3);
    for (const row of await rowsOf(ids))
      expect(row).toMatchObject({ payload: '', last_error: null });
  });

  test('each failure doubles the wait before the next attempt', async () => {
    await smtp.close();
    const [id] = await enqueue(mail(1));
    const worker = makeWorker();
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      expect(await worker.runOnce()).toEqual({ sent: 0, failed: 1 });
      const [row] = await rowsOf([id!]);
      const wait = Date.parse(row!.next_attempt_at) - clock.now().getTime();
      waits.push(wait);
      clock.advance(wait);
    }
    expect(waits).toEqual([5_000, 10_000, 20_000, 40_000]);
  });

  test('two workers running at the same time never deliver a message twice', async () => {
    await smtp.close();
    smtp = await startSmtp({ inbox, delayMs: 20 });
    await enqueue(...Array.from({ length: 8 }, (_, i) => mail(i + 1)));
    const a = makeWorker();
    const b = makeWorker();

    const results = await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);

    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(8);
    expect(results.every((r) => r.failed === 0)).toBe(true);
    expect(inbox).toHaveLength(8);
    expect(new Set(subjects()).size).toBe(8);
  });

  test('after its last attempt a mail is kept unsent, no longer retried, and logged without content', async () => {
    await smtp.close();
    const logger = recordingLogger();
    const ids = await enqueue(mail(1, '771204'));
    const worker = makeWorker({ maxAttempts: 2, logger });

    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 1 });
    clock.advance(OUTBOX_BACKOFF_CAP_MS);
    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 1 });
    clock.advance(24 * 3600_000);
    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 0 });

    const [row] = await rowsOf(ids);
    expect(row).toMatchObject({ attempts: 2, sent_at: null });
    expect(row!.payload).not.toBe('');
    const errors = logger.lines.filter((l) => l.includes('"level":"error"'));
    expect(errors).toHaveLength(1);
    const log = logger.lines.join('\n');
    expect(log).not.toContain('771204');
    expect(log).not.toContain('patient1@example.test');
    expect(log).not.toContain('Votre code');
  });

  test('a payload sealed with another key is never sent and fails without its content', async () => {
    const [id] = await enqueue(mail(1));
    await handle.db
      .updateTable('outbox')
      .set({ payload: sealJson(randomBytes(32), mail(9)) })
      .where('id', '=', id!)
      .execute();

    expect(await makeWorker().runOnce()).toEqual({ sent: 0, failed: 1 });

    expect(inbox).toHaveLength(0);
    const [row] = await rowsOf([id!]);
    expect(row!.last_error).toBe('Error');
  });

  test('the loop sends soon after a kick, and stop waits for the batch in progress', async () => {
    await smtp.close();
    let receiving: () => void = () => undefined;
    const received = new Promise<void>((resolve) => (receiving = resolve));
    smtp = await startSmtp({ inbox, delayMs: 150, onData: () => receiving() });
    const worker = makeWorker();
    worker.start({ intervalMs: 60_000 });
    await sleep(50); // the first, empty, batch
    const ids = await enqueue(mail(1));

    worker.kick();
    await received; // the batch is now waiting on the slow SMTP server
    await worker.stop();

    expect(inbox).toHaveLength(1);
    const [row] = await rowsOf(ids);
    expect(row!.sent_at).not.toBeNull();
  });

  test('a stopped loop sends nothing', async () => {
    const worker = makeWorker();
    worker.start({ intervalMs: 10 });
    await worker.stop();
    await enqueue(mail(1));

    worker.kick();
    await sleep(100);

    expect(inbox).toHaveLength(0);
  });
});

describe('outbox worker over an HTTP SMS gateway', () => {
  async function startGateway(status: number) {
    const received: unknown[] = [];
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
    return { received, url, close: () => new Promise<void>((r) => server.close(() => r())) };
  }

  test('a queued SMS is posted to the gateway and its row wiped', async () => {
    const gateway = await startGateway(202);
    try {
      const outbox = createOutbox({ clock, newId, sealKey });
      const id = await outbox.enqueue(handle.db, {
        channel: 'sms',
        to: '+33612345678',
        text: 'Code : 482913',
      });
      const worker = makeWorker({ sms: createHttpSmsTransport({ url: gateway.url }) });

      expect(await worker.runOnce()).toEqual({ sent: 1, failed: 0 });

      expect(gateway.received).toEqual([{ to: '+33612345678', text: 'Code : 482913' }]);
      const [row] = await rowsOf([id]);
      expect(row!.payload).toBe('');
    } finally {
      await gateway.close();
    }
  });

  test('a gateway refusal is recorded as its status only and retried later', async () => {
    const gateway = await startGateway(503);
    try {
      const outbox = createOutbox({ clock, newId, sealKey });
      const id = await outbox.enqueue(handle.db, {
        channel: 'sms',
        to: '+33612345678',
        text: 'Code : 482913',
      });
      const worker = makeWorker({ sms: createHttpSmsTransport({ url: gateway.url }) });

      expect(await worker.runOnce()).toEqual({ sent: 0, failed: 1 });

      const [row] = await rowsOf([id]);
      expect(row).toMatchObject({
        attempts: 1,
        sent_at: null,
        last_error: 'SmsGatewayError HTTP_503',
      });
    } finally {
      await gateway.close();
    }
  });
});
