/**
 * What happens after a closure (issue 14): the daily sweep erases a record once its deletion delay
 * (or 10 years of archive) has passed — document keys shredded, blobs and rows gone, traces kept
 * with no title left — and the operator's reactivation restores everything before that.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { givenActivePatient, signIn } from '../../../test/builders.ts';
import { createClient, createTestApp, outboxMessages } from '../../../test/test-app.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { createDecryptStream } from '../../platform/crypto/envelope.ts';
import { sha256Hex } from '../../platform/crypto/secrets.ts';
import { runCheck } from '../../cli/check.ts';
import { fileAad } from '../documents/document-files.ts';
import { filesUnder, pdfBytes, upload } from '../documents/documents.test-support.ts';
import {
  givenGrant,
  givenProfessional,
  signInProfessional,
} from '../../../test/access-builders.ts';
import { sendMessage, startUrl } from '../messaging/messaging.test-support.ts';
import { addEntry, weight } from '../profile/profile.test-support.ts';
import { LIFECYCLE_SWEEP_JOB } from './lifecycle-sweep.job.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ CARNET_DELETION_DELAY_DAYS: '30' });
});
afterEach(async () => {
  await t.close();
});

const DAY = 24 * 3600_000;

/** Inaya with two documents (and, if asked, a profile and a conversation), closed. */
async function givenClosedPatient(requestDeletion: boolean, withProfileAndMessages = false) {
  const inaya = await givenActivePatient(t);
  const client = await signIn(t, inaya);
  for (const title of ['Compte rendu', 'Ordonnance']) {
    const answer = await upload(
      t,
      client,
      {
        filename: `${title}.pdf`,
        contentType: 'application/pdf',
        data: await pdfBytes(title),
      },
      { title, date: '2026-11-20', category: 'CPT_REND' },
    );
    expect(answer.statusCode).toBe(201);
  }
  if (withProfileAndMessages) {
    expect((await addEntry(client, weight(64, '2026-10-01'))).statusCode).toBe(201);
    expect(
      (await client.send('PUT', '/api/profile/targets/poids', { min: 60, max: 68 })).statusCode,
    ).toBe(200);
    expect(
      (await client.send('PUT', '/api/profile/rubriques/handicaps', { masked: true })).statusCode,
    ).toBe(200);
    const ndiaye = await givenProfessional(t, { firstName: 'Adama', lastName: 'Ndiaye' });
    await givenGrant(t, inaya.patient.id, ndiaye.professional.id, 'authorized');
    const started = await sendMessage(
      t,
      await signInProfessional(t, ndiaye),
      startUrl(inaya.patient.id),
      [
        ['subject', 'Résultats'],
        ['body', 'Bonjour, voici vos résultats.'],
      ],
      [{ filename: 'bilan.pdf', contentType: 'application/pdf', data: await pdfBytes('Bilan') }],
    );
    expect(started.statusCode).toBe(201);
  }
  await t.deps.jobWorker.drain();
  const versions = await t.deps.database.db
    .selectFrom('document_versions')
    .selectAll()
    .where('patient_id', '=', inaya.patient.id)
    .execute();
  const answer = await client.post('/api/account/close', {
    password: inaya.password,
    requestDeletion,
  });
  expect(answer.statusCode).toBe(200);
  return { ...inaya, versions };
}

/** Tables holding a record's rows, counted by `patient_id`. */
type RecordTable =
  | 'documents'
  | 'document_versions'
  | 'accounts'
  | 'profile_entries'
  | 'profile_rubriques'
  | 'measure_targets'
  | 'conversations'
  | 'messages'
  | 'message_attachments';

const countOf = async (table: RecordTable, patientId: string) =>
  (
    await t.deps.database.db
      .selectFrom(table)
      .select('patient_id')
      .where('patient_id', '=', patientId)
      .execute()
  ).length;

describe('the lifecycle sweep', () => {
  it('carries a deletion request out after the delay: keys shredded, blobs and rows gone, traces kept without titles', async () => {
    const inaya = await givenClosedPatient(true, true);
    const attachmentKeys = (
      await t.deps.database.db
        .selectFrom('message_attachments')
        .select('blob_key')
        .where('patient_id', '=', inaya.patient.id)
        .execute()
    ).map((a) => a.blob_key);
    expect(attachmentKeys).toHaveLength(1);
    const blobKeys = async () => {
      const keys: string[] = [];
      for await (const entry of t.deps.blobs.list()) keys.push(entry.key);
      return keys;
    };
    expect(await blobKeys()).toEqual(expect.arrayContaining(attachmentKeys));
    const saved = [];
    for (const v of inaya.versions) {
      const chunks: Buffer[] = [];
      for await (const chunk of await t.deps.blobs.get(v.blob_key)) chunks.push(chunk as Buffer);
      saved.push({ v, bytes: Buffer.concat(chunks) });
    }
    expect(filesUnder(t.blobsDir).length).toBeGreaterThan(0);

    // Someone else's document stays: its key must not open Inaya's blobs either.
    const lea = await givenActivePatient(t, { firstName: 'Léa' });
    t.clock.advance(31_000);
    const leaClient = await signIn(t, lea);
    expect(
      (
        await upload(t, leaClient, {
          filename: 'a.pdf',
          contentType: 'application/pdf',
          data: await pdfBytes('Léa'),
        })
      ).statusCode,
    ).toBe(201);
    await t.deps.jobWorker.drain();

    t.clock.advance(29 * DAY);
    expect(await t.deps.lifecycleSweep.runNow()).toBe(0);
    expect(await countOf('documents', inaya.patient.id)).toBe(2);

    t.clock.advance(DAY + 1000);
    expect(await t.deps.lifecycle.sweep()).toBe(1);
    expect(await countOf('documents', inaya.patient.id)).toBe(0);
    expect(await countOf('document_versions', inaya.patient.id)).toBe(0);
    expect(await countOf('accounts', inaya.patient.id)).toBe(0);
    for (const table of [
      'profile_entries',
      'profile_rubriques',
      'measure_targets',
      'conversations',
      'messages',
      'message_attachments',
    ] as const)
      expect({ table, rows: await countOf(table, inaya.patient.id) }).toEqual({ table, rows: 0 });
    for (const key of attachmentKeys) expect(await blobKeys()).not.toContain(key);
    for (const v of inaya.versions)
      expect(filesUnder(t.blobsDir).some((f) => f.includes(v.id))).toBe(false);
    const patient = await t.deps.patients.find(inaya.patient.id);
    expect(patient).toMatchObject({ status: 'closed', email: null, mobile: null });

    // No wrapped key of any remaining version opens the saved blobs.
    const keys = await t.deps.database.db
      .selectFrom('document_versions')
      .select(['wrapped_key', 'kek_version'])
      .execute();
    expect(keys).toHaveLength(1);
    for (const { v, bytes } of saved) {
      for (const k of keys) {
        const key = t.deps.keyring.unwrapKey({
          kekVersion: k.kek_version,
          wrapped: Buffer.from(k.wrapped_key, 'base64'),
        });
        const decrypt = createDecryptStream({ key, aad: fileAad(v) });
        await expect(
          new Promise((resolve, reject) => {
            decrypt.on('error', reject).on('finish', resolve).end(bytes);
          }),
        ).rejects.toThrow();
      }
    }

    // Traces stay, the chain verifies, and the history names no document any more.
    const history = await t.deps.history.listForPatient(inaya.patient.id, { tab: 'mes-activites' });
    const added = history.entries.filter((e) => e.action === 'document.add');
    expect(added).toHaveLength(2);
    for (const entry of added) expect(entry.target ?? '').not.toMatch(/Compte rendu|Ordonnance/);
    const traceText = JSON.stringify(
      await t.deps.database.db
        .selectFrom('traces')
        .selectAll()
        .where('patient_id', '=', inaya.patient.id)
        .execute(),
    );
    expect(traceText).not.toMatch(/Compte rendu|Ordonnance/);
    expect((await t.deps.verification.verify()).problems).toEqual([]);
    expect((await runCheck(t.deps, { deep: true })).incidents).toBe(0);

    // The sign-in answer is now the plain one: the account is gone.
    const login = await createClient(t.app).post('/api/auth/login', {
      identifiant: inaya.identifiant,
      password: inaya.password,
    });
    expect(login.statusCode).toBe(401);
  });

  it('also erases the record’s unsent mail and the throttle rows keyed by the person', async () => {
    const inaya = await givenClosedPatient(true);
    const lea = await givenActivePatient(t, { firstName: 'Léa' });
    await t.deps.outbox.enqueue(
      t.deps.database.db,
      { channel: 'sms', to: '+33 6 00 00 00 00', text: 'Carnet : un message pour Léa.' },
      lea.patient.id,
    );
    // A wrong password after the closure counts against her identifiant (and the address).
    const wrong = await createClient(t.app).post('/api/auth/login', {
      identifiant: inaya.identifiant,
      password: 'Pas-le-bon-mot-de-passe',
    });
    expect(wrong.statusCode).toBe(401);
    const db = t.deps.database.db;
    const unsent = async (patientId: string) =>
      (
        await db
          .selectFrom('outbox')
          .select('id')
          .where('patient_id', '=', patientId)
          .where('sent_at', 'is', null)
          .execute()
      ).length;
    const throttleKeys = async () =>
      (await db.selectFrom('throttles').select('key').execute()).map((r) => r.key);
    const idKey = `pw:id:${sha256Hex(inaya.identifiant.trim().toLowerCase())}`;
    // The test worker sends nothing: the closure e-mail and the others are still waiting.
    expect(await unsent(inaya.patient.id)).toBeGreaterThan(0);
    const leaWaiting = await unsent(lea.patient.id);
    expect(leaWaiting).toBe(1);
    expect(await throttleKeys()).toContain(idKey);

    t.clock.advance(31 * DAY);
    expect(await t.deps.lifecycle.sweep()).toBe(1);
    expect(await unsent(inaya.patient.id)).toBe(0);
    expect(await unsent(lea.patient.id)).toBe(leaWaiting);
    const keys = await throttleKeys();
    expect(keys).not.toContain(idKey);
    // A per-address row names nobody: it stays until it expires.
    expect(keys.some((k) => k.startsWith('pw:ip:'))).toBe(true);
  });

  it('keeps a closed record without a deletion request 10 years, then erases it', async () => {
    const inaya = await givenClosedPatient(false);
    t.clock.advance(9 * 365 * DAY);
    expect(await t.deps.lifecycle.sweep()).toBe(0);
    expect(await countOf('documents', inaya.patient.id)).toBe(2);
    t.clock.advance(2 * 365 * DAY);
    expect(await t.deps.lifecycle.sweep()).toBe(1);
    expect(await countOf('documents', inaya.patient.id)).toBe(0);
  });

  it('runs as a daily job that schedules its next run', async () => {
    const inaya = await givenClosedPatient(true);
    await t.deps.lifecycleSweep.ensureScheduled();
    await t.deps.lifecycleSweep.ensureScheduled();
    const queued = () =>
      t.deps.database.db
        .selectFrom('jobs')
        .selectAll()
        .where('type', '=', LIFECYCLE_SWEEP_JOB)
        .execute();
    expect(await queued()).toHaveLength(1);
    t.clock.advance(31 * DAY);
    await t.deps.jobWorker.runOnce();
    expect(await countOf('documents', inaya.patient.id)).toBe(0);
    const [next] = await queued();
    expect(next!.next_attempt_at > t.clock.now().toISOString()).toBe(true);
    expect(new Date(next!.next_attempt_at).getTime() - t.clock.now().getTime()).toBeLessThanOrEqual(
      DAY,
    );
  });
});

describe('reactivation', () => {
  const codeIn = async (to: string) => {
    const codes = (await outboxMessages(t.deps))
      .filter((m) => m.to === to)
      .map((m) => /([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(m.text)?.[1])
      .filter((code) => code !== undefined);
    expect(codes).toHaveLength(1);
    return codes[0]!;
  };

  it('sends a new code provisoire; activation restores everything and cancels the pending deletion', async () => {
    const inaya = await givenClosedPatient(true);
    const closed = await t.deps.patients.find(inaya.patient.id);
    await t.deps.closure.reactivate(closed!.ins);
    const activationCode = await codeIn(inaya.email);
    // Its own wording, not the first activation's; still no health data.
    const mail = (await outboxMessages(t.deps)).find(
      (m) => m.to === inaya.email && m.channel === 'email' && m.text.includes(activationCode),
    );
    expect(mail).toMatchObject({ subject: 'Réactivation de votre profil Carnet' });
    expect(mail!.text).toMatch(/réactivation de votre profil Carnet, clôturé/);
    expect(mail!.text).not.toMatch(/Compte rendu|Ordonnance/);
    const answer = await createClient(t.app).post('/api/auth/activate', {
      activationCode,
      ins: closed!.ins,
      birthDate: closed!.birth_date,
      identifiant: 'inaya.de.retour',
      password: 'Bleu-horizon-lointain-77',
      acceptTerms: true,
    });
    expect(answer.statusCode).toBe(201);
    expect(await t.deps.lifecycle.find(inaya.patient.id)).toBeUndefined();
    t.clock.advance(100 * DAY);
    expect(await t.deps.lifecycle.sweep()).toBe(0);
    const client = await signIn(t, {
      identifiant: 'inaya.de.retour',
      password: 'Bleu-horizon-lointain-77',
      email: inaya.email,
    });
    const list = await client.get('/api/documents');
    expect(list.json<{ total: number }>().total).toBe(2);
    const actions = (
      await t.deps.database.db
        .selectFrom('traces')
        .select('action')
        .where('patient_id', '=', inaya.patient.id)
        .execute()
    ).map((r) => r.action);
    expect(actions).toContain('account.reopen');
  });

  it('refuses a deleted profile, an active one and an unknown INS clearly', async () => {
    const inaya = await givenClosedPatient(true);
    const ins = (await t.deps.patients.find(inaya.patient.id))!.ins;
    t.clock.advance(31 * DAY);
    await t.deps.lifecycle.sweep();
    await expect(t.deps.closure.reactivate(ins)).rejects.toMatchObject({
      code: 'reactivation.erased',
      message: expect.stringMatching(/supprimées.*ne peut pas être réactivé/),
    });
    const other = await givenActivePatient(t);
    await expect(t.deps.closure.reactivate(other.patient.ins)).rejects.toMatchObject({
      code: 'reactivation.not_closed',
    });
    await expect(t.deps.closure.reactivate('188047512345699')).rejects.toMatchObject({
      code: 'patient.not_found',
    });
    expect(
      await outboxMessages(t.deps).then((m) =>
        m.filter(
          (x) => x.channel === 'email' && x.subject === 'Réactivation de votre profil Carnet',
        ),
      ),
    ).toHaveLength(0);
  });
});
