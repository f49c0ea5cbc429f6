// Delivery of the notifications through the outbox to a real SMTP server (smtp-server), mails read
// back with a MIME parser (SECURITY.md "Durability": an SMTP outage delays mail and loses none).
import type { ParsedMail } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { givenActivePatient } from '../../../test/builders.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { createTestApp } from '../../../test/test-app.ts';
import type { SmtpPeer } from '../../../test/smtp-peer.ts';
import { startSmtp } from '../../../test/smtp-peer.ts';
import type { Db, ProfessionalsTable } from '../../platform/db/schema.ts';
import { createSmtpTransport } from '../../platform/mail/mail-transport.ts';
import type { WorkerLogger } from '../../platform/mail/outbox-worker.ts';
import { createOutboxWorker } from '../../platform/mail/outbox-worker.ts';
import type { SmsTransport } from '../../platform/sms/sms-transport.ts';
import { createProfessionalsService } from '../professionals/professionals.service.ts';

const quiet: WorkerLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
const noSms: SmsTransport = { send: () => Promise.reject(new Error('no SMS in this test')) };

let t: TestApp;
let smtp: SmtpPeer;
let inbox: ParsedMail[];
let patientId: string;
let email: string;
let ndiaye: ProfessionalsTable;
let samu: ProfessionalsTable;

beforeEach(async () => {
  t = await createTestApp({ CARNET_PUBLIC_URL: 'https://carnet.example' });
  const inaya = await givenActivePatient(t);
  patientId = inaya.patient.id;
  email = inaya.email;
  const { db } = t.deps.database;
  const directory = createProfessionalsService({ db, clock: t.clock, newId: t.deps.newId });
  const make = (rpps: string, lastName: string, isRegulator: boolean) =>
    directory.create(db, {
      rpps,
      lastName,
      firstName: 'Test',
      profession: 'medecin',
      specialty: 'Cardiologie',
      isRegulator,
      email: `${lastName.toLowerCase()}@example.org`,
    });
  ndiaye = await make('10000000045', 'Ndiaye', false);
  samu = await make('10000000078', 'Samu', true);
  // The codes of the sign-in of the test builders are already in the outbox: sent and set aside.
  await db
    .updateTable('outbox')
    .set({ sent_at: t.clock.now().toISOString(), payload: '' })
    .execute();
  inbox = [];
  smtp = await startSmtp({ inbox });
});
afterEach(async () => {
  await smtp.close();
  await t.close();
});

/** A worker as `carnet serve` builds it, on the same outbox key; a fresh one after a "crash". */
const freshWorker = () =>
  createOutboxWorker({
    db: t.deps.database.db,
    clock: t.clock,
    sealKey: t.deps.keyring.deriveKey('carnet/outbox'),
    mail: createSmtpTransport({
      url: `smtp://127.0.0.1:${smtp.port}`,
      from: 'Carnet <ne-pas-repondre@carnet.test>',
    }),
    sms: noSms,
    logger: quiet,
    random: () => 0.5,
  });

/** Commits an action of another module that calls the notifications in its transaction. */
const action = (work: (trx: Db) => Promise<unknown>) =>
  t.deps.database.db.transaction().execute(work);

const received = () =>
  inbox.map((m) => `${m.to && 'text' in m.to ? m.to.text : ''} | ${m.subject}`).sort();

describe('notifications over SMTP', () => {
  it('queued while the SMTP server is down, each arrives exactly once when it is back', async () => {
    const port = smtp.port;
    await smtp.close();
    await action((trx) =>
      t.deps.notifications.professionalAccessed(trx, { patientId, professionalId: ndiaye.id }),
    );
    await action((trx) =>
      t.deps.notifications.professionalAccessed(trx, { patientId, professionalId: ndiaye.id }),
    );
    await action((trx) =>
      t.deps.notifications.emergencyAccess(trx, {
        patientId,
        professionalId: samu.id,
        mode: 'samu',
        medecinTraitantId: ndiaye.id,
      }),
    );
    await action((trx) =>
      t.deps.notifications.documentAddedByProfessional(trx, {
        patientId,
        professionalId: ndiaye.id,
      }),
    );
    const worker = freshWorker();

    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 4 });

    smtp = await startSmtp({ inbox, port });
    t.clock.advance(6_000); // the first retry comes 5 s (± 20 %) after the failure
    expect(await worker.runOnce()).toEqual({ sent: 4, failed: 0 });
    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 0 });
    expect(await freshWorker().runOnce()).toEqual({ sent: 0, failed: 0 });

    expect(received()).toEqual([
      `${email} | Accès en urgence à votre profil`,
      `${email} | Un nouveau document dans votre profil`,
      `${email} | Un professionnel de santé a consulté votre profil`,
      'ndiaye@example.org | Accès en urgence au profil d’un de vos patients',
    ]);
    expect(new Set(inbox.map((m) => m.messageId)).size).toBe(4);
    for (const mail of inbox) {
      expect(mail.text).toMatch(/https:\/\/carnet\.example\/\S+/);
      expect(mail.html).toMatch(/<a href="https:\/\/carnet\.example\/[^"]+">/);
      expect(`${mail.text}${String(mail.html)}`).not.toMatch(/Ndiaye|Samu|Cardiologie/);
    }
  });

  it('loses nothing when the process dies between the action and the send', async () => {
    // The action commits with its outbox row; the process "dies" before any worker ran.
    await action((trx) =>
      t.deps.notifications.newDevice(trx, { patientId, device: 'Firefox sur Linux' }),
    );
    await action((trx) => t.deps.notifications.closure(trx, { patientId }));

    // A new process starts: a fresh worker, with nothing but the database.
    expect(await freshWorker().runOnce()).toEqual({ sent: 2, failed: 0 });

    expect(received()).toEqual([
      `${email} | Nouvelle connexion à votre compte Carnet`,
      `${email} | Votre profil Carnet a été clôturé`,
    ]);
  });

  it('sends nothing for a notification the patient switched off, and sends it once on again', async () => {
    const documentAdded = () =>
      action((trx) =>
        t.deps.notifications.documentAddedByProfessional(trx, {
          patientId,
          professionalId: ndiaye.id,
        }),
      );
    await t.deps.notifications.setPreferences(patientId, {
      messages: true,
      documentsByProfessional: false,
      reminders: true,
    });
    await documentAdded();

    expect(await freshWorker().runOnce()).toEqual({ sent: 0, failed: 0 });
    expect(inbox).toHaveLength(0);

    await t.deps.notifications.setPreferences(patientId, {
      messages: true,
      documentsByProfessional: true,
      reminders: true,
    });
    await documentAdded();
    expect(await freshWorker().runOnce()).toEqual({ sent: 1, failed: 0 });
    expect(received()).toEqual([`${email} | Un nouveau document dans votre profil`]);
  });
});
