// Vaccination reminders end to end (issue 11): the job queued with the vaccination, run on its due
// day by the job worker, the mail delivered through the outbox to a real SMTP server (smtp-server)
// that is down first and back later — sent exactly once, lost never, without any health data.
import type { ParsedMail } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { givenActivePatient } from '../../../test/builders.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { createTestApp } from '../../../test/test-app.ts';
import type { SmtpPeer } from '../../../test/smtp-peer.ts';
import { startSmtp } from '../../../test/smtp-peer.ts';
import { createSmtpTransport } from '../../platform/mail/mail-transport.ts';
import { createOutboxWorker } from '../../platform/mail/outbox-worker.ts';
import { VACCINATION_REMINDER_JOB } from './profile.deps.ts';

let t: TestApp;
let smtp: SmtpPeer;
let inbox: ParsedMail[];
let patientId: string;

beforeEach(async () => {
  t = await createTestApp({ CARNET_PUBLIC_URL: 'https://carnet.example' });
  t.clock.set(new Date('2026-12-07T10:00:00Z'));
  patientId = (await givenActivePatient(t)).patient.id;
  inbox = [];
  smtp = await startSmtp({ inbox });
});
afterEach(async () => {
  await smtp.close();
  await t.close();
});

const outboxWorker = () =>
  createOutboxWorker({
    db: t.deps.database.db,
    clock: t.clock,
    sealKey: t.deps.keyring.deriveKey('carnet/outbox'),
    mail: createSmtpTransport({
      url: `smtp://127.0.0.1:${smtp.port}`,
      from: 'Carnet <ne-pas-repondre@carnet.test>',
    }),
    sms: { send: () => Promise.reject(new Error('no SMS in this test')) },
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    random: () => 0.5,
  });

const flu = (nextDue: string) => ({
  entry: {
    type: 'vaccination' as const,
    vaccine: 'GRIPPE' as const,
    date: '2026-10-20',
    dose: 'primo' as const,
    nextDue,
  },
});
const reminders = () => inbox.filter((m) => m.subject === 'Vous avez un rappel');

describe('vaccination reminders', () => {
  it('queued while SMTP is down, the reminder arrives exactly once on its due day, without the vaccine', async () => {
    await t.deps.profile.add(patientId, flu('2027-01-10'));
    // Not due yet: the job waits.
    expect(await t.deps.jobWorker.runOnce()).toEqual({ done: 0, failed: 0 });
    const port = smtp.port;
    await smtp.close();
    t.clock.set(new Date('2027-01-10T10:00:00Z'));
    expect(await t.deps.jobWorker.runOnce()).toEqual({ done: 1, failed: 0 });
    const worker = outboxWorker();
    // The sign-in-free patient has no other mail pending: one failure, the reminder.
    expect((await worker.runOnce()).failed).toBeGreaterThanOrEqual(1);
    smtp = await startSmtp({ inbox, port });
    t.clock.advance(6_000);
    await worker.runOnce();
    // The same job delivered twice (an expired lease) and a fresh worker send nothing more.
    await t.deps.jobHandlers[VACCINATION_REMINDER_JOB].run({
      id: 'job_again',
      type: VACCINATION_REMINDER_JOB,
      patientId,
      payload: {
        entryId: (await t.deps.profile.get(patientId)).rubriques.find(
          (r) => r.code === 'vaccinations',
        )!.entries[0]!.id,
        due: '2027-01-10',
      },
      attempts: 0,
    });
    t.clock.advance(60_000);
    await outboxWorker().runOnce();
    expect(reminders()).toHaveLength(1);
    const mail = reminders()[0]!;
    expect(`${mail.text}${String(mail.html)}`).not.toMatch(/grippe|vaccin/i);
  });

  it('respects the "Rappels" preference', async () => {
    await t.deps.notifications.setPreferences(patientId, {
      messages: true,
      documentsByProfessional: true,
      reminders: false,
    });
    await t.deps.profile.add(patientId, flu('2027-01-10'));
    t.clock.set(new Date('2027-01-11T10:00:00Z'));
    expect(await t.deps.jobWorker.runOnce()).toEqual({ done: 1, failed: 0 });
    await outboxWorker().runOnce();
    expect(reminders()).toHaveLength(0);
  });

  it('a deleted vaccination or a moved rappel sends only what is still due', async () => {
    const deleted = await t.deps.profile.add(patientId, flu('2027-01-10'));
    await t.deps.profile.remove(patientId, deleted.id);
    const moved = await t.deps.profile.add(patientId, flu('2027-01-10'));
    await t.deps.profile.update(patientId, moved.id, flu('2027-02-01'));
    t.clock.set(new Date('2027-01-20T10:00:00Z'));
    await t.deps.jobWorker.runOnce();
    await outboxWorker().runOnce();
    expect(reminders()).toHaveLength(0);
    t.clock.set(new Date('2027-02-01T10:00:00Z'));
    await t.deps.jobWorker.runOnce();
    await outboxWorker().runOnce();
    expect(reminders()).toHaveLength(1);
  });
});
