import type { ProDocumentList } from '@carnet/shared';
import { afterEach, describe, expect, it } from 'vitest';
import {
  givenGrant,
  givenProfessional,
  signInProfessional,
} from '../../../test/access-builders.ts';
import { createTestApp } from '../../../test/test-app.ts';
import type { TestApp, TestClient } from '../../../test/test-app.ts';
import {
  NOT_FOUND,
  addDocument,
  docsUrl,
  givenInayaAndNdiaye,
  proUpload,
  reasonOf,
  tracesOf,
} from './pro-documents.test-support.ts';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

const consent = (client: TestClient, patientId: string) =>
  client.post(`/api/pro/patients/${patientId}/consent`, { patientConsents: true });
const list = async (client: TestClient, patientId: string, query = '') =>
  client.get(`${docsUrl(patientId)}${query}`);
const ids = (response: { json: () => unknown }) =>
  (response.json() as ProDocumentList).items.map((d) => d.id).sort();

describe('a professional reads a record’s documents (issue 4 scenario, HTTP)', () => {
  it('Ndiaye, authorized, lists Inaya’s documents without the masked one, and the total excludes it', async () => {
    t = await createTestApp();
    const w = await givenInayaAndNdiaye(t);
    expect((await consent(w.ndiayeClient, w.patientId)).statusCode).toBe(200);
    const response = await list(w.ndiayeClient, w.patientId);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ total: 1, page: 1, pageSize: 50, mode: 'normal' });
    expect(ids(response)).toEqual([w.visibleId]);
    expect(response.json<ProDocumentList>().items[0]).toMatchObject({
      title: 'Compte rendu genou',
      mine: false,
      invisibleToPatient: false,
      invisibleUntil: null,
      author: { type: 'patient', name: null },
    });
    // Search and counts do not reveal it either.
    const search = await list(w.ndiayeClient, w.patientId, '?q=confidentiel');
    expect(search.json()).toMatchObject({ items: [], total: 0 });
    // A direct id answers exactly like a missing one, on every view.
    for (const suffix of [
      '/download',
      '/preview',
      '/preview/text',
      '/thumbnail',
      '/preview/pages/1',
    ]) {
      const masked = await w.ndiayeClient.get(`${docsUrl(w.patientId)}/${w.maskedId}${suffix}`);
      const missing = await w.ndiayeClient.get(`${docsUrl(w.patientId)}/doc_missing${suffix}`);
      expect([masked.statusCode, masked.json()]).toEqual([404, NOT_FOUND]);
      expect([missing.statusCode, missing.body]).toEqual([404, masked.body]);
    }
  });

  it('made administrator, he sees the masked document', async () => {
    t = await createTestApp();
    const w = await givenInayaAndNdiaye(t);
    await consent(w.ndiayeClient, w.patientId);
    const made = await w.patientClient.post(`/api/access/professionals/${w.psId}/administrator`);
    expect(made.statusCode).toBe(200);
    const response = await list(w.ndiayeClient, w.patientId);
    expect(response.json()).toMatchObject({ total: 2 });
    expect(ids(response)).toEqual([w.visibleId, w.maskedId].sort());
    const download = await w.ndiayeClient.get(`${docsUrl(w.patientId)}/${w.maskedId}/download`);
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe('Contenu de Bilan confidentiel');
  });

  it('blocked, his very next request gets 404 on the list, a document and its download, each denial traced', async () => {
    t = await createTestApp();
    const w = await givenInayaAndNdiaye(t);
    await consent(w.ndiayeClient, w.patientId);
    await w.patientClient.post(`/api/access/professionals/${w.psId}/administrator`);
    expect((await list(w.ndiayeClient, w.patientId)).statusCode).toBe(200);
    expect(
      (await w.patientClient.post(`/api/access/professionals/${w.psId}/block`)).statusCode,
    ).toBe(200);
    const listed = await list(w.ndiayeClient, w.patientId);
    expect([listed.statusCode, listed.json()]).toEqual([404, NOT_FOUND]);
    for (const suffix of ['/download', '/preview', '/thumbnail']) {
      const response = await w.ndiayeClient.get(`${docsUrl(w.patientId)}/${w.visibleId}${suffix}`);
      expect([response.statusCode, response.json()]).toEqual([404, NOT_FOUND]);
    }
    const denied = (await tracesOf(t, w.patientId, w.psId)).filter((r) => r.outcome === 'denied');
    expect(denied.map((r) => [r.action, reasonOf(r.details)])).toEqual([
      ['document.list', 'blocked'],
      ['document.download', 'blocked'],
      ['document.read', 'blocked'],
      ['document.read', 'blocked'],
    ]);
  });

  it('unblocked, he still gets 404 until a new consent', async () => {
    t = await createTestApp();
    const w = await givenInayaAndNdiaye(t);
    await consent(w.ndiayeClient, w.patientId);
    await w.patientClient.post(`/api/access/professionals/${w.psId}/block`);
    await w.patientClient.post(`/api/access/professionals/${w.psId}/unblock`);
    expect((await list(w.ndiayeClient, w.patientId)).statusCode).toBe(404);
    expect(
      (await w.ndiayeClient.get(`${docsUrl(w.patientId)}/${w.visibleId}/download`)).statusCode,
    ).toBe(404);
    expect((await consent(w.ndiayeClient, w.patientId)).statusCode).toBe(200);
    expect(ids(await list(w.ndiayeClient, w.patientId))).toEqual([w.visibleId]);
  });

  it('a professional without any grant gets 404, traced denied with no_grant', async () => {
    t = await createTestApp();
    const w = await givenInayaAndNdiaye(t);
    expect((await list(w.ndiayeClient, w.patientId)).json()).toEqual(NOT_FOUND);
    const unknown = await list(w.ndiayeClient, 'pat_unknown');
    expect([unknown.statusCode, unknown.json()]).toEqual([404, NOT_FOUND]);
    expect(await tracesOf(t, w.patientId, w.psId)).toEqual([
      expect.objectContaining({
        action: 'document.list',
        outcome: 'denied',
        details: '{"reason":"no_grant"}',
      }),
    ]);
  });

  it('a record that is not active answers 404 even to an administrator, traced record_inactive', async () => {
    t = await createTestApp();
    const w = await givenInayaAndNdiaye(t);
    await givenGrant(t, w.patientId, w.psId, 'administrator');
    await t.deps.database.db
      .updateTable('patients')
      .set({ status: 'closed' })
      .where('id', '=', w.patientId)
      .execute();
    expect((await list(w.ndiayeClient, w.patientId)).json()).toEqual(NOT_FOUND);
    const download = await w.ndiayeClient.get(`${docsUrl(w.patientId)}/${w.visibleId}/download`);
    expect([download.statusCode, download.json()]).toEqual([404, NOT_FOUND]);
    const reasons = (await tracesOf(t, w.patientId, w.psId)).map((r) => reasonOf(r.details));
    expect(reasons.slice(-2)).toEqual(['record_inactive', 'record_inactive']);
  });

  it('bris de glace is refused once "Autres professionnels" is off, traced in mode urgence', async () => {
    t = await createTestApp();
    const w = await givenInayaAndNdiaye(t);
    const opened = await w.ndiayeClient.post(`/api/pro/patients/${w.patientId}/emergency`, {
      mode: 'bris-de-glace',
      reason: 'Inconscient aux urgences',
    });
    expect(opened.statusCode).toBe(201);
    expect((await list(w.ndiayeClient, w.patientId)).json()).toMatchObject({
      mode: 'urgence',
      total: 1,
    });
    await w.patientClient.send('PUT', '/api/access/emergency', {
      samu: true,
      others: false,
      masked: false,
    });
    expect((await list(w.ndiayeClient, w.patientId)).json()).toEqual(NOT_FOUND);
    expect((await tracesOf(t, w.patientId, w.psId)).at(-1)).toMatchObject({
      action: 'document.list',
      mode: 'urgence',
      outcome: 'denied',
      details: '{"reason":"emergency_others_disabled"}',
    });
  });

  it('a patient’s session cannot use the professional routes', async () => {
    t = await createTestApp();
    const w = await givenInayaAndNdiaye(t);
    expect((await list(w.patientClient, w.patientId)).statusCode).toBe(401);
  });
});

describe('emergency access to documents', () => {
  it('a SAMU régulateur sees the documents in urgence, masked ones only with the third toggle, none after SAMU off', async () => {
    t = await createTestApp();
    const w = await givenInayaAndNdiaye(t);
    const samu = await givenProfessional(t, { lastName: 'Samu', isRegulator: true });
    const samuClient = await signInProfessional(t, samu);
    expect((await list(samuClient, w.patientId)).statusCode).toBe(404);
    const opened = await samuClient.post(`/api/pro/patients/${w.patientId}/emergency`, {
      mode: 'samu',
      reason: 'Détresse respiratoire',
    });
    expect(opened.statusCode).toBe(201);
    const first = await list(samuClient, w.patientId);
    expect(first.json()).toMatchObject({ total: 1, mode: 'urgence' });
    expect(
      (await samuClient.get(`${docsUrl(w.patientId)}/${w.maskedId}/download`)).statusCode,
    ).toBe(404);
    await w.patientClient.send('PUT', '/api/access/emergency', {
      samu: true,
      others: true,
      masked: true,
    });
    expect(ids(await list(samuClient, w.patientId))).toEqual([w.visibleId, w.maskedId].sort());
    const download = await samuClient.get(`${docsUrl(w.patientId)}/${w.maskedId}/download`);
    expect(download.statusCode).toBe(200);
    await w.patientClient.send('PUT', '/api/access/emergency', {
      samu: false,
      others: true,
      masked: true,
    });
    expect((await list(samuClient, w.patientId)).json()).toEqual(NOT_FOUND);
    const traces = await tracesOf(t, w.patientId, samu.professional.id);
    expect(traces.filter((r) => r.action === 'document.download')).toEqual([
      expect.objectContaining({ mode: 'urgence', outcome: 'denied' }),
      expect.objectContaining({ mode: 'urgence', outcome: 'success' }),
    ]);
    expect(traces.at(-1)).toMatchObject({
      action: 'document.list',
      outcome: 'denied',
      mode: 'urgence',
    });
    expect(JSON.parse(traces.at(-1)!.details)).toEqual({ reason: 'emergency_samu_disabled' });
  });
});

describe('which documents a professional sees', () => {
  it('a pédicure-podologue does not see a CPT_REND (matrice d’habilitation), in the list or by id', async () => {
    t = await createTestApp();
    const w = await givenInayaAndNdiaye(t);
    const ordonnance = await addDocument(t, w.patientId, {
      title: 'Ordonnance',
      category: 'ORD_SOIN',
    });
    const podo = await givenProfessional(t, { lastName: 'Pied', profession: 'pedicure-podologue' });
    await givenGrant(t, w.patientId, podo.professional.id, 'authorized');
    const client = await signInProfessional(t, podo);
    const response = await list(client, w.patientId);
    expect(response.json()).toMatchObject({ total: 1 });
    expect(ids(response)).toEqual([ordonnance]);
    expect((await list(client, w.patientId, '?category=CPT_REND')).json()).toMatchObject({
      total: 0,
    });
    const direct = await client.get(`${docsUrl(w.patientId)}/${w.visibleId}/download`);
    expect([direct.statusCode, direct.json()]).toEqual([404, NOT_FOUND]);
    const traces = await tracesOf(t, w.patientId, podo.professional.id);
    expect(JSON.parse(traces.at(-1)!.details)).toEqual({ reason: 'matrix' });
  });

  it('the author always sees its own document, even masked and outside its matrix', async () => {
    t = await createTestApp();
    const w = await givenInayaAndNdiaye(t);
    const podo = await givenProfessional(t, { lastName: 'Pied', profession: 'pedicure-podologue' });
    await givenGrant(t, w.patientId, podo.professional.id, 'authorized');
    const own = await addDocument(t, w.patientId, {
      title: 'Compte rendu podologique',
      category: 'CPT_REND',
      confidentiality: 'masque',
      by: { id: podo.professional.id, name: 'Lucie Pied', profession: 'pedicure-podologue' },
    });
    const client = await signInProfessional(t, podo);
    const response = await list(client, w.patientId);
    expect(ids(response)).toEqual([own]);
    expect(response.json<ProDocumentList>().items[0]).toMatchObject({
      mine: true,
      confidentiality: 'masque',
      author: { type: 'professional', name: 'Lucie Pied', profession: 'pedicure-podologue' },
    });
    expect((await client.get(`${docsUrl(w.patientId)}/${own}/download`)).statusCode).toBe(200);
  });

  it('a document another PS made invisible to the patient is visible to PS; a deleted one to nobody', async () => {
    t = await createTestApp();
    const w = await givenInayaAndNdiaye(t);
    await consent(w.ndiayeClient, w.patientId);
    const other = await givenProfessional(t, { lastName: 'Eoso' });
    await givenGrant(t, w.patientId, other.professional.id, 'authorized');
    const otherClient = await signInProfessional(t, other);
    const fields = {
      title: 'Résultat à annoncer',
      category: 'BIOLOGIE',
      invisibleToPatient: 'true',
    };
    const added = await proUpload(t, otherClient, w.patientId, fields);
    expect(added.statusCode).toBe(201);
    const hidden = added.json<{ id: string }>().id;
    const seen = await list(w.ndiayeClient, w.patientId);
    expect(ids(seen)).toEqual([w.visibleId, hidden].sort());
    expect(seen.json<ProDocumentList>().items.find((d) => d.id === hidden)).toMatchObject({
      invisibleToPatient: true,
      mine: false,
    });
    expect((await otherClient.send('DELETE', `${docsUrl(w.patientId)}/${hidden}`)).statusCode).toBe(
      204,
    );
    expect(ids(await list(w.ndiayeClient, w.patientId))).toEqual([w.visibleId]);
    expect(ids(await list(otherClient, w.patientId))).toEqual([w.visibleId]);
    expect((await otherClient.get(`${docsUrl(w.patientId)}/${hidden}/download`)).statusCode).toBe(
      404,
    );
  });

  it('downloads and previews with the same headers and bytes as the patient’s, traced in mode normal', async () => {
    t = await createTestApp();
    const w = await givenInayaAndNdiaye(t);
    await consent(w.ndiayeClient, w.patientId);
    await t.deps.jobWorker.drain();
    const pro = await w.ndiayeClient.get(`${docsUrl(w.patientId)}/${w.visibleId}/download`);
    const own = await w.patientClient.get(`/api/documents/${w.visibleId}/download`);
    expect(pro.statusCode).toBe(200);
    expect(pro.body).toBe(own.body);
    for (const header of [
      'content-type',
      'content-disposition',
      'content-length',
      'x-content-type-options',
      'cache-control',
      'content-security-policy',
    ])
      expect(pro.headers[header]).toEqual(own.headers[header]);
    const preview = await w.ndiayeClient.get(`${docsUrl(w.patientId)}/${w.visibleId}/preview`);
    expect(preview.json()).toEqual({
      status: 'ready',
      kind: 'text',
      pageCount: expect.any(Number),
    });
    const text = await w.ndiayeClient.get(`${docsUrl(w.patientId)}/${w.visibleId}/preview/text`);
    expect(text.body).toBe('Contenu de Compte rendu genou');
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    const traces = await tracesOf(t, w.patientId, w.psId);
    expect(traces.map((r) => [r.action, r.mode, r.outcome, r.target_id])).toEqual([
      ['access.consent', 'normal', 'success', null],
      ['document.download', 'normal', 'success', w.visibleId],
      ['document.read', 'normal', 'success', w.visibleId],
      ['document.read', 'normal', 'success', w.visibleId],
    ]);
  });
});
