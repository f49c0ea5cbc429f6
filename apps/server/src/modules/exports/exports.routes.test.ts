/**
 * Télécharger mes données (issue 14): one export at a time, built by the job worker into an
 * encrypted ZIP (documents byte-identical, FHIR R4 Bundle valid, CSV, PDF), an e-mail when ready,
 * a traced download for the titulaire only during 7 days, and clean failure or resumption.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { givenActivePatient, signIn } from '../../../test/builders.ts';
import { fhirSchemaErrors } from '../../../test/fhir-validator.ts';
import { createClient, createTestApp, outboxMessages } from '../../../test/test-app.ts';
import type { TestApp, TestClient } from '../../../test/test-app.ts';
import { readZip } from '../../../test/zip-reader.ts';
import { pdfBytes, pngBytes, upload } from '../documents/documents.test-support.ts';
import { addEntry, weight } from '../profile/profile.test-support.ts';
import { exportBlobKey } from './exports.service.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const DAY = 24 * 3600_000;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
type ExportBody = { id: string; status: string; progress: number };
const currentOf = async (client: TestClient) =>
  (await client.get('/api/exports/current')).json<{ export: ExportBody | null }>().export;

/** Inaya with a PDF in a folder and a PNG outside, signed in. */
async function givenInayaWithDocuments() {
  const inaya = await givenActivePatient(t);
  const client = await signIn(t, inaya);
  const folder = await client.post('/api/folders', { name: 'Cardiologie / suivi' });
  expect(folder.statusCode).toBe(201);
  const pdf = await pdfBytes('Compte rendu');
  const png = await pngBytes();
  const a = await upload(
    t,
    client,
    { filename: 'cr.pdf', contentType: 'application/pdf', data: pdf },
    {
      title: 'Compte rendu: écho "cœur"',
      date: '2026-11-20',
      category: 'CPT_REND',
      folderId: folder.json<{ id: string }>().id,
    },
  );
  const b = await upload(
    t,
    client,
    { filename: 'radio.png', contentType: 'image/png', data: png },
    {
      title: 'Radio du genou',
      date: '2026-10-02',
      category: 'RADIO_SC',
    },
  );
  expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
  await t.deps.jobWorker.drain();
  return { ...inaya, client, files: { pdf, png } };
}

describe('Télécharger mes données', () => {
  it('builds an encrypted archive with every document, a valid FHIR bundle, the CSV and the PDF', async () => {
    const inaya = await givenInayaWithDocuments();
    for (const entry of [
      weight(64.5, '2026-10-01'),
      { type: 'allergie', substance: 'Pénicilline', severity: 'severe' } as const,
      { type: 'vaccination', vaccine: 'DTP', date: '2020-05-04', dose: 'rappel' } as const,
    ])
      expect((await addEntry(inaya.client, entry, true)).statusCode).toBe(201);
    const asked = await inaya.client.post('/api/exports', {});
    expect(asked.statusCode).toBe(202);
    expect(asked.json<ExportBody>()).toMatchObject({ status: 'pending', progress: 0 });
    const again = await inaya.client.post('/api/exports', {});
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: { code: string } }>().error.code).toBe('export.already_running');

    await t.deps.jobWorker.drain();
    const ready = await currentOf(inaya.client);
    expect(ready).toMatchObject({ status: 'ready', progress: 100 });
    // Found by subject: the test clock stands still, so mails of one instant have no order.
    const mails = (await outboxMessages(t.deps)).filter(
      (m) =>
        m.to === inaya.email && m.channel === 'email' && m.subject === 'Vos données sont prêtes',
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).not.toMatch(/Compte rendu|Radio|Pénicilline/);

    // At rest the archive is an envelope, not a ZIP.
    const stored: Buffer[] = [];
    for await (const c of await t.deps.blobs.get(exportBlobKey(ready!.id)))
      stored.push(c as Buffer);
    expect(Buffer.concat(stored).subarray(0, 4).toString()).toBe('CRN1');

    const download = await inaya.client.get(`/api/exports/${ready!.id}/download`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    expect(download.headers['cache-control']).toBe('no-store');
    const zip = readZip(download.rawPayload);
    expect([...zip.keys()].sort()).toEqual([
      'documents/2026-10-02 Radio du genou.png',
      'documents/Cardiologie _ suivi/2026-11-20 Compte rendu_ écho _cœur_.pdf',
      'historique.csv',
      'profil.fhir.json',
      'resume.pdf',
    ]);
    expect(sha(zip.get('documents/2026-10-02 Radio du genou.png')!)).toBe(sha(inaya.files.png));
    expect(
      sha(zip.get('documents/Cardiologie _ suivi/2026-11-20 Compte rendu_ écho _cœur_.pdf')!),
    ).toBe(sha(inaya.files.pdf));
    const bundle = JSON.parse(zip.get('profil.fhir.json')!.toString('utf8')) as {
      resourceType: string;
      entry: Array<{ resource: { resourceType: string; id: string } }>;
    };
    expect(fhirSchemaErrors(bundle)).toEqual([]);
    // The validator does reject what R4 forbids (an underscore in an id).
    expect(fhirSchemaErrors({ resourceType: 'Patient', id: 'pat_1' })).not.toEqual([]);
    const types = bundle.entry.map((e) => e.resource.resourceType);
    expect(types.filter((x) => x === 'Patient')).toHaveLength(1);
    expect(types.filter((x) => x === 'DocumentReference')).toHaveLength(2);
    expect(types.filter((x) => x === 'AuditEvent').length).toBeGreaterThan(2);
    // The medical profile, masked entries included, with the synthèse's IPS mapping.
    const profile = bundle.entry
      .map((e) => e.resource as { resourceType: string; id: string } & Record<string, unknown>)
      .filter((r) =>
        ['Observation', 'AllergyIntolerance', 'Immunization'].includes(r.resourceType),
      );
    expect(profile.map((r) => r.resourceType).sort()).toEqual([
      'AllergyIntolerance',
      'Immunization',
      'Observation',
    ]);
    const subject = `Patient/${bundle.entry.find((e) => e.resource.resourceType === 'Patient')!.resource.id}`;
    expect(profile.find((r) => r.resourceType === 'Observation')).toMatchObject({
      subject: { reference: subject },
      valueQuantity: { value: 64.5, code: 'kg' },
    });
    expect(profile.find((r) => r.resourceType === 'AllergyIntolerance')).toMatchObject({
      patient: { reference: subject },
      code: { text: 'Pénicilline' },
    });
    expect(zip.get('historique.csv')!.toString('utf8')).toMatch(/^\uFEFF"Date et heure";"Qui"/);
    expect(zip.get('resume.pdf')!.subarray(0, 5).toString()).toBe('%PDF-');

    const traced = await t.deps.database.db
      .selectFrom('traces')
      .select(['action', 'target_id'])
      .where('patient_id', '=', inaya.patient.id)
      .where('action', 'in', ['export.request', 'export.download'])
      .execute();
    expect(traced.map((r) => r.action).sort()).toEqual(['export.download', 'export.request']);
  });

  it('answers 404 for another person’s export and after 7 days, when the sweep deletes it', async () => {
    const inaya = await givenInayaWithDocuments();
    const id = (await inaya.client.post('/api/exports', {})).json<ExportBody>().id;
    await t.deps.jobWorker.drain();
    const lea = await givenActivePatient(t, { firstName: 'Léa' });
    t.clock.advance(31_000);
    const leaClient = await signIn(t, lea);
    const theirs = await leaClient.get(`/api/exports/${id}/download`);
    const missing = await leaClient.get('/api/exports/exp_nothere/download');
    expect(theirs.statusCode).toBe(404);
    expect(theirs.body).toBe(missing.body);
    expect((await createClient(t.app).get(`/api/exports/${id}/download`)).statusCode).toBe(401);

    t.clock.advance(7 * DAY + 1000);
    const client = await signIn(t, inaya);
    expect((await client.get(`/api/exports/${id}/download`)).statusCode).toBe(404);
    expect((await currentOf(client))?.status).toBe('expired');
    expect(await t.deps.exports.sweepExpired()).toBe(1);
    expect(await t.deps.blobs.exists(exportBlobKey(id))).toBe(false);
  });

  it('a disk full during the export fails cleanly after its retries: no archive offered, a new one can be asked', async () => {
    const inaya = await givenInayaWithDocuments();
    const put = t.deps.blobs.put.bind(t.deps.blobs);
    t.deps.blobs.put = () =>
      Promise.reject(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
    const id = (await inaya.client.post('/api/exports', {})).json<ExportBody>().id;
    const patientId = inaya.patient.id;
    const titulaire = {
      patientId,
      personId: patientId,
      role: 'titulaire' as const,
      actor: { type: 'patient' as const, id: patientId },
    };
    for (let attempt = 0; attempt < 5; attempt++) {
      await t.deps.jobWorker.runOnce();
      expect((await t.deps.exports.current(titulaire))?.status).not.toBe('ready');
      await expect(t.deps.exports.download(titulaire, id)).rejects.toMatchObject({ status: 404 });
      t.clock.advance(31 * 60_000);
    }
    expect((await t.deps.exports.current(titulaire))?.status).toBe('failed');
    expect(await t.deps.blobs.exists(exportBlobKey(id))).toBe(false);
    const client = await signIn(t, inaya);
    t.deps.blobs.put = put;
    expect((await client.post('/api/exports', {})).statusCode).toBe(202);
    await t.deps.jobWorker.drain();
    expect((await currentOf(client))?.status).toBe('ready');
  });

  it('a worker killed during the export leaves it running; the job resumes once its lease expires', async () => {
    const inaya = await givenInayaWithDocuments();
    const id = (await inaya.client.post('/api/exports', {})).json<ExportBody>().id;
    // The worker claimed the job (lease of 5 minutes), marked the export running, then died.
    await t.deps.database.db
      .updateTable('jobs')
      .set({ next_attempt_at: new Date(t.clock.now().getTime() + 5 * 60_000).toISOString() })
      .where('type', '=', 'export.build')
      .execute();
    await t.deps.database.db
      .updateTable('data_exports')
      .set({ status: 'running', progress: 40 })
      .where('id', '=', id)
      .execute();
    await t.deps.jobWorker.runOnce();
    expect((await currentOf(inaya.client))?.status).toBe('running');
    expect((await inaya.client.get(`/api/exports/${id}/download`)).statusCode).toBe(404);
    expect((await inaya.client.post('/api/exports', {})).statusCode).toBe(409);
    t.clock.advance(5 * 60_000 + 1000);
    await t.deps.jobWorker.runOnce();
    expect((await currentOf(inaya.client))?.status).toBe('ready');
    expect((await inaya.client.get(`/api/exports/${id}/download`)).statusCode).toBe(200);
  });

  it('refuses bad input and unauthenticated requests, storing nothing', async () => {
    const inaya = await givenInayaWithDocuments();
    expect((await inaya.client.post('/api/exports', { format: 'zip' })).statusCode).toBe(400);
    expect((await createClient(t.app).post('/api/exports', {})).statusCode).toBe(401);
    expect((await inaya.client.get(`/api/exports/${'x'.repeat(65)}/download`)).statusCode).toBe(
      400,
    );
    expect(await currentOf(inaya.client)).toBeNull();
  });
});
