/**
 * Télécharger mes données on a represented child's profile (issues 13 and 14): the legal
 * representative asks, follows and downloads it on the selected profile; the archive leaves out
 * every INVISIBLE_REPRESENTANTS_LEGAUX document (files, FHIR, history, summary); only the requester
 * downloads it; an aidant is refused (403, traced).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  givenGrant,
  givenProfessional,
  signInProfessional,
} from '../../../test/access-builders.ts';
import { createTestApp, outboxMessages } from '../../../test/test-app.ts';
import type { TestApp, TestClient } from '../../../test/test-app.ts';
import { readZip } from '../../../test/zip-reader.ts';
import {
  givenAdult,
  givenInayaAndLeo,
  giveAidantAccess,
  identityOf,
  receivedInvitation,
  switchTo,
  tracesOfRecord,
} from '../delegations/delegations.test-support.ts';
import { NOT_FOUND, addDocument, proUpload } from '../documents/pro-documents.test-support.ts';
import { fhirId } from './export-contributors.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

type ExportBody = { id: string; status: string };
const currentOf = async (client: TestClient) =>
  (await client.get('/api/exports/current')).json<{ export: ExportBody | null }>().export;
const pdfjsDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: join(pdfjsDir, 'standard_fonts/'),
  }).promise;
  const parts: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    for (const item of (await page.getTextContent()).items) if ('str' in item) parts.push(item.str);
  }
  return parts.join(' ');
}

/** Inaya represents Léo; Ndiaye added a visible and a secret document to Léo's profile. */
async function givenLeoWithSecret() {
  const family = await givenInayaAndLeo(t);
  const ps = await givenProfessional(t, { firstName: 'Adama', lastName: 'Ndiaye' });
  await givenGrant(t, family.leo.id, ps.professional.id, 'authorized');
  const psClient = await signInProfessional(t, ps);
  const secret = await proUpload(t, psClient, family.leo.id, {
    title: 'Consultation confidentielle',
    category: 'CPT_REND',
    invisibleToLegalRepresentatives: 'true',
  });
  expect(secret.statusCode).toBe(201);
  await addDocument(t, family.leo.id, { title: 'Consultation pédiatre' });
  await switchTo(family.inayaClient, family.leo.id);
  return { ...family, secretId: secret.json<{ id: string }>().id };
}

describe('the export of a represented child’s profile', () => {
  it('a legal representative asks for it, follows it and downloads it without the documents invisible to representatives', async () => {
    const { inaya, inayaClient, leo, secretId } = await givenLeoWithSecret();
    const asked = await inayaClient.post('/api/exports', {});
    expect(asked.statusCode).toBe(202);
    await t.deps.jobWorker.drain();
    const ready = await currentOf(inayaClient);
    expect(ready).toMatchObject({ status: 'ready' });
    const mails = (await outboxMessages(t.deps)).filter(
      (m) => m.channel === 'email' && m.subject === 'Vos données sont prêtes',
    );
    expect(mails.map((m) => m.to)).toEqual([inaya.email]);
    expect(mails[0]!.text).toContain('profil de Léo');

    const download = await inayaClient.get(`/api/exports/${ready!.id}/download`);
    expect(download.statusCode).toBe(200);
    const zip = readZip(download.rawPayload);
    expect([...zip.keys()].filter((k) => k.startsWith('documents/'))).toEqual([
      'documents/2026-10-01 Consultation pédiatre.txt',
    ]);
    for (const name of ['profil.fhir.json', 'historique.csv']) {
      const text = zip.get(name)!.toString('utf8');
      expect(text).not.toContain('confidentielle');
      expect(text).not.toContain(fhirId(secretId));
    }
    const bundle = JSON.parse(zip.get('profil.fhir.json')!.toString('utf8')) as {
      entry: Array<{ resource: { resourceType: string } }>;
    };
    expect(
      bundle.entry.filter((e) => e.resource.resourceType === 'DocumentReference'),
    ).toHaveLength(1);
    // The history keeps the professional's addition, without its title.
    expect(zip.get('historique.csv')!.toString('utf8')).toContain('Ndiaye Adama');
    const summary = await pdfText(zip.get('resume.pdf')!);
    expect(summary).toContain('Consultation pédiatre');
    expect(summary).not.toContain('confidentielle');

    const traces = await tracesOfRecord(t, leo.id);
    for (const action of ['export.request', 'export.download'])
      expect(traces.find((r) => r.action === action)).toMatchObject({
        actor_type: 'legal-representative',
        actor_id: inaya.patient.id,
      });
    // On her own profile, the child's archive is neither shown nor downloadable.
    await switchTo(inayaClient, inaya.patient.id);
    expect(await currentOf(inayaClient)).toBeNull();
    expect((await inayaClient.get(`/api/exports/${ready!.id}/download`)).json()).toEqual(NOT_FOUND);
  });

  it('the titulaire’s own archive still holds every document (the omission is the representative’s only)', async () => {
    const { leo, secretId } = await givenLeoWithSecret();
    // Through the service as the titulaire of the record would (Léo has no account of his own).
    const titulaire = {
      patientId: leo.id,
      personId: leo.id,
      role: 'titulaire' as const,
      actor: { type: 'patient' as const, id: leo.id },
    };
    const asked = await t.deps.exports.request(titulaire);
    await t.deps.jobWorker.drain();
    const opened = await t.deps.exports.download(titulaire, asked.id);
    const chunks: Buffer[] = [];
    for await (const c of opened.stream) chunks.push(c as Buffer);
    const zip = readZip(Buffer.concat(chunks));
    const files = [...zip.keys()].filter((k) => k.startsWith('documents/'));
    expect(files).toHaveLength(2);
    expect(files.some((k) => k.includes('Consultation confidentielle'))).toBe(true);
    expect(zip.get('profil.fhir.json')!.toString('utf8')).toContain(fhirId(secretId));
  });

  it('only the requester downloads it: the second representative gets 404 like a missing export', async () => {
    const { inayaClient, leo } = await givenLeoWithSecret();
    const thomas = await givenAdult(t, { firstName: 'Thomas', lastName: 'Michel' });
    await inayaClient.post('/api/delegations/representatives', identityOf(thomas));
    const invitation = await receivedInvitation(thomas.client);
    expect((await thomas.client.post(`/api/delegations/${invitation}/accept`, {})).statusCode).toBe(
      204,
    );
    const id = (await inayaClient.post('/api/exports', {})).json<ExportBody>().id;
    await t.deps.jobWorker.drain();

    expect((await switchTo(thomas.client, leo.id)).statusCode).toBe(200);
    const theirs = await thomas.client.get(`/api/exports/${id}/download`);
    const missing = await thomas.client.get('/api/exports/exp_nothere/download');
    expect(theirs.statusCode).toBe(404);
    expect(theirs.body).toBe(missing.body);
    expect(await currentOf(thomas.client)).toBeNull();
    expect(
      (await tracesOfRecord(t, leo.id)).filter((r) => r.action === 'export.download'),
    ).toHaveLength(0);
  });

  it('while one representative’s export runs, the other is told it was asked by someone else, not promised an e-mail', async () => {
    const { inayaClient, leo } = await givenLeoWithSecret();
    const thomas = await givenAdult(t, { firstName: 'Thomas', lastName: 'Michel' });
    await inayaClient.post('/api/delegations/representatives', identityOf(thomas));
    const invitation = await receivedInvitation(thomas.client);
    await thomas.client.post(`/api/delegations/${invitation}/accept`, {});
    expect((await inayaClient.post('/api/exports', {})).statusCode).toBe(202);
    await switchTo(thomas.client, leo.id);

    const his = await thomas.client.post('/api/exports', {});
    const hers = await inayaClient.post('/api/exports', {});
    expect(his.statusCode).toBe(409);
    expect(his.json<{ error: { message: string } }>().error.message).toContain(
      'demandée par une autre personne',
    );
    expect(hers.statusCode).toBe(409);
    expect(hers.json<{ error: { message: string } }>().error.message).toContain(
      'Vous recevrez un e-mail',
    );
  });

  it('an aidant may not ask for, follow or download the helped person’s export: 403, traced, nothing stored', async () => {
    const inaya = await givenAdult(t, { firstName: 'Inaya', lastName: 'Michel' });
    const claire = await givenAdult(t, { firstName: 'Claire', lastName: 'Martin' });
    await giveAidantAccess(inaya, claire);
    const own = (await inaya.client.post('/api/exports', {})).json<ExportBody>().id;
    await t.deps.jobWorker.drain();
    await switchTo(claire.client, inaya.patient.id);

    for (const response of [
      await claire.client.post('/api/exports', {}),
      await claire.client.get('/api/exports/current'),
      await claire.client.get(`/api/exports/${own}/download`),
    ]) {
      expect(response.statusCode).toBe(403);
      expect(response.json<{ error: { code: string } }>().error.code).toBe('delegation.forbidden');
    }
    const rows = await t.deps.database.db.selectFrom('data_exports').select('id').execute();
    expect(rows.map((r) => r.id)).toEqual([own]);
    const denied = (await tracesOfRecord(t, inaya.patient.id)).filter(
      (r) => r.action === 'record.export',
    );
    expect(denied).toHaveLength(3);
    expect(denied[0]).toMatchObject({
      actor_type: 'aidant',
      actor_id: claire.patient.id,
      outcome: 'denied',
    });
  });
});
