import type { DocumentList, ProDocumentList, ProDocumentSummary } from '@carnet/shared';
import { afterEach, describe, expect, it } from 'vitest';
import {
  givenGrant,
  givenProfessional,
  signInProfessional,
} from '../../../test/access-builders.ts';
import { signIn } from '../../../test/builders.ts';
import { createTestApp, outboxMessages } from '../../../test/test-app.ts';
import type { TestApp, TestClient } from '../../../test/test-app.ts';
import { filesUnder } from './documents.test-support.ts';
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

const fields = { title: 'Compte rendu de consultation', date: '2026-11-20', category: 'CPT_REND' };
const DAY = 24 * 3600_000;

async function world() {
  t = await createTestApp();
  return givenInayaAndNdiaye(t);
}

describe('a professional adds a document', () => {
  it('needs no read grant; the author is this PS, the add traced once in the record', async () => {
    const w = await world();
    const added = await proUpload(t, w.ndiayeClient, w.patientId, fields);
    expect(added.statusCode).toBe(201);
    const doc = added.json<ProDocumentSummary>();
    expect(doc).toMatchObject({
      title: 'Compte rendu de consultation',
      category: 'CPT_REND',
      confidentiality: 'visible',
      invisibleToPatient: false,
      mine: true,
      author: { type: 'professional', name: 'Dr Adama Ndiaye', profession: 'medecin' },
    });
    // Without a read grant it still cannot list the record.
    expect((await w.ndiayeClient.get(docsUrl(w.patientId))).statusCode).toBe(404);
    const mine = (await w.patientClient.get('/api/documents')).json<DocumentList>();
    expect(mine.items.find((d) => d.id === doc.id)).toMatchObject({
      author: { type: 'professional', name: 'Dr Adama Ndiaye' },
      editable: false,
      deletable: false,
    });
    const adds = (await tracesOf(t, w.patientId, w.psId)).filter(
      (r) => r.action === 'document.add',
    );
    expect(adds).toEqual([
      expect.objectContaining({ outcome: 'success', mode: 'normal', target_id: doc.id }),
    ]);
  });

  it('a blocked PS is refused with 404, nothing stored, the denial traced', async () => {
    const w = await world();
    await w.patientClient.post(`/api/access/professionals/${w.psId}/block`);
    const blobsBefore = filesUnder(t.blobsDir).length;
    const added = await proUpload(t, w.ndiayeClient, w.patientId, fields);
    expect([added.statusCode, added.json()]).toEqual([404, NOT_FOUND]);
    expect(filesUnder(t.blobsDir)).toHaveLength(blobsBefore);
    const rows = await t.deps.database.db
      .selectFrom('documents')
      .select('id')
      .where('patient_id', '=', w.patientId)
      .execute();
    expect(rows).toHaveLength(2);
    expect((await tracesOf(t, w.patientId, w.psId)).at(-1)).toMatchObject({
      action: 'document.add',
      outcome: 'denied',
    });
    const unknown = await proUpload(t, w.ndiayeClient, 'pat_unknown', fields);
    expect([unknown.statusCode, unknown.body]).toEqual([404, added.body]);
  });

  it('refuses a document both invisible to the patient and masked, and bad fields, storing nothing', async () => {
    const w = await world();
    const blobsBefore = filesUnder(t.blobsDir).length;
    const both = await proUpload(t, w.ndiayeClient, w.patientId, {
      ...fields,
      confidentiality: 'masque',
      invisibleToPatient: 'true',
    });
    expect(both.statusCode).toBe(400);
    expect(both.json()).toMatchObject({ error: { code: 'document.invisible_and_masked' } });
    const missing = await proUpload(t, w.ndiayeClient, w.patientId, { title: 'Sans catégorie' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({
      error: { code: 'request.invalid', fields: { category: 'Ce champ est obligatoire' } },
    });
    const folder = await proUpload(t, w.ndiayeClient, w.patientId, {
      ...fields,
      folderId: 'fol_x',
    });
    expect(folder.statusCode).toBe(400);
    expect(filesUnder(t.blobsDir)).toHaveLength(blobsBefore);
  });
});

describe('only the author changes or deletes a professional’s document', () => {
  it('others get 404 like a missing id, each denial traced not_author', async () => {
    const w = await world();
    await givenGrant(t, w.patientId, w.psId, 'administrator');
    const other = await givenProfessional(t, { lastName: 'Eoso' });
    const theirs = await addDocument(t, w.patientId, {
      title: 'Document du Dr Eoso',
      by: { id: other.professional.id, name: 'Dr Louis Eoso', profession: 'medecin' },
    });
    for (const target of [theirs, w.visibleId]) {
      const patch = await w.ndiayeClient.send('PATCH', `${docsUrl(w.patientId)}/${target}`, {
        confidentiality: 'masque',
      });
      expect([patch.statusCode, patch.json()]).toEqual([404, NOT_FOUND]);
      const del = await w.ndiayeClient.send('DELETE', `${docsUrl(w.patientId)}/${target}`);
      expect([del.statusCode, del.json()]).toEqual([404, NOT_FOUND]);
    }
    const missing = await w.ndiayeClient.send('DELETE', `${docsUrl(w.patientId)}/doc_missing`);
    expect([missing.statusCode, missing.json()]).toEqual([404, NOT_FOUND]);
    const denied = (await tracesOf(t, w.patientId, w.psId)).filter((r) => r.outcome === 'denied');
    expect(denied.map((r) => [r.action, reasonOf(r.details)])).toEqual([
      ['document.mask', 'not_author'],
      ['document.delete', 'not_author'],
      ['document.mask', 'not_author'],
      ['document.delete', 'not_author'],
      ['document.delete', 'deleted'],
    ]);
    const stored = await t.deps.database.db
      .selectFrom('documents')
      .select(['confidentiality', 'deleted_at'])
      .where('id', '=', theirs)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ confidentiality: 'visible', deleted_at: null });
  });

  it('the author masks its document to other PS and unmasks it', async () => {
    const w = await world();
    const eoso = await givenProfessional(t, { lastName: 'Eoso' });
    await givenGrant(t, w.patientId, eoso.professional.id, 'authorized');
    const eosoClient = await signInProfessional(t, eoso);
    const id = (await proUpload(t, w.ndiayeClient, w.patientId, fields)).json<ProDocumentSummary>()
      .id;
    const eosoSees = async () =>
      (await eosoClient.get(docsUrl(w.patientId))).json<ProDocumentList>().items.map((d) => d.id);
    expect(await eosoSees()).toContain(id);
    const masked = await w.ndiayeClient.send('PATCH', `${docsUrl(w.patientId)}/${id}`, {
      confidentiality: 'masque',
    });
    expect(masked.json()).toMatchObject({ id, confidentiality: 'masque', mine: true });
    expect(await eosoSees()).not.toContain(id);
    await w.ndiayeClient.send('PATCH', `${docsUrl(w.patientId)}/${id}`, {
      confidentiality: 'visible',
    });
    expect(await eosoSees()).toContain(id);
    expect(
      (await w.ndiayeClient.send('PATCH', `${docsUrl(w.patientId)}/${id}`, {})).statusCode,
    ).toBe(400);
    const actions = (await tracesOf(t, w.patientId, w.psId)).map((r) => r.action);
    expect(actions).toEqual(['document.add', 'document.mask', 'document.unmask']);
  });

  it('a document cannot be both invisible to the patient and masked to PS, whichever comes first', async () => {
    const w = await world();
    const masked = (
      await proUpload(t, w.ndiayeClient, w.patientId, { ...fields, confidentiality: 'masque' })
    ).json<ProDocumentSummary>().id;
    const hide = await w.ndiayeClient.send('PATCH', `${docsUrl(w.patientId)}/${masked}`, {
      invisibleToPatient: true,
    });
    expect(hide.statusCode).toBe(400);
    expect(hide.json()).toMatchObject({ error: { code: 'document.invisible_and_masked' } });
    const hidden = (
      await proUpload(t, w.ndiayeClient, w.patientId, { ...fields, invisibleToPatient: 'true' })
    ).json<ProDocumentSummary>().id;
    const mask = await w.ndiayeClient.send('PATCH', `${docsUrl(w.patientId)}/${hidden}`, {
      confidentiality: 'masque',
    });
    expect(mask.statusCode).toBe(400);
    const both = await w.ndiayeClient.send('PATCH', `${docsUrl(w.patientId)}/${hidden}`, {
      confidentiality: 'masque',
      invisibleToPatient: false,
    });
    expect(both.json()).toMatchObject({ confidentiality: 'masque', invisibleToPatient: false });
  });

  it('logical deletion: traced, the row stays with deleted_at, neither the PS nor the patient sees it', async () => {
    const w = await world();
    const id = (await proUpload(t, w.ndiayeClient, w.patientId, fields)).json<ProDocumentSummary>()
      .id;
    expect((await w.patientClient.get(`/api/documents/${id}`)).statusCode).toBe(200);
    expect((await w.ndiayeClient.send('DELETE', `${docsUrl(w.patientId)}/${id}`)).statusCode).toBe(
      204,
    );
    const row = await t.deps.database.db
      .selectFrom('documents')
      .select('deleted_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.deleted_at).toBe(t.clock.now().toISOString());
    expect((await w.patientClient.get(`/api/documents/${id}`)).statusCode).toBe(404);
    expect((await w.ndiayeClient.send('DELETE', `${docsUrl(w.patientId)}/${id}`)).statusCode).toBe(
      404,
    );
    expect((await tracesOf(t, w.patientId, w.psId)).slice(1, 2)).toEqual([
      expect.objectContaining({
        action: 'document.delete',
        outcome: 'success',
        target_id: id,
        details: '{"logical":true}',
      }),
    ]);
  });
});

describe('a document invisible to the patient', () => {
  it('is hidden from the titulaire until a month has passed, then shows up by itself', async () => {
    const w = await world();
    const added = await proUpload(t, w.ndiayeClient, w.patientId, {
      ...fields,
      invisibleToPatient: 'true',
    });
    const doc = added.json<ProDocumentSummary>();
    expect(doc).toMatchObject({
      invisibleToPatient: true,
      invisibleUntil: '2026-12-27T09:00:00.000Z',
    });
    const sees = async (client: TestClient) =>
      (await client.get('/api/documents')).json<DocumentList>().items.map((d) => d.id);
    expect(await sees(w.patientClient)).not.toContain(doc.id);
    expect((await w.patientClient.get(`/api/documents/${doc.id}/download`)).statusCode).toBe(404);
    // A fresh sign-in after each jump: a month is longer than a session.
    t.clock.advance(30 * DAY - 60_000);
    expect(await sees(await signIn(t, w.inaya))).not.toContain(doc.id);
    t.clock.advance(60_000);
    const client = await signIn(t, w.inaya);
    expect(await sees(client)).toContain(doc.id);
    expect((await client.get(`/api/documents/${doc.id}/download`)).statusCode).toBe(200);
  });

  it('the patient is told once, after 2 weeks, that a document awaits — without its title', async () => {
    const w = await world();
    await proUpload(t, w.ndiayeClient, w.patientId, { ...fields, invisibleToPatient: 'true' });
    const awaiting = async () =>
      (await outboxMessages(t.deps)).filter(
        (m) => m.channel === 'email' && m.subject === 'Un document vous attend dans votre profil',
      );
    const added = async () =>
      (await outboxMessages(t.deps)).filter(
        (m) => m.channel === 'email' && m.subject === 'Un nouveau document dans votre profil',
      );
    await t.deps.jobWorker.drain();
    expect(await awaiting()).toHaveLength(0);
    expect(await added()).toHaveLength(0);
    t.clock.advance(14 * DAY);
    await t.deps.jobWorker.drain();
    const sent = await awaiting();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe(w.inaya.email);
    const text = sent[0]!.channel === 'email' ? sent[0]!.text : '';
    expect(text).not.toContain('Compte rendu');
    expect(text).toContain('27/12/2026');
    t.clock.advance(DAY);
    await t.deps.jobWorker.drain();
    expect(await awaiting()).toHaveLength(1);
  });

  it('made visible by its author before 2 weeks: no notice, the "document added" e-mail instead', async () => {
    const w = await world();
    const id = (
      await proUpload(t, w.ndiayeClient, w.patientId, { ...fields, invisibleToPatient: 'true' })
    ).json<ProDocumentSummary>().id;
    const shown = await w.ndiayeClient.send('PATCH', `${docsUrl(w.patientId)}/${id}`, {
      invisibleToPatient: false,
    });
    expect(shown.json()).toMatchObject({ invisibleToPatient: false, invisibleUntil: null });
    expect((await w.patientClient.get(`/api/documents/${id}`)).statusCode).toBe(200);
    t.clock.advance(14 * DAY);
    await t.deps.jobWorker.drain();
    const subjects = (await outboxMessages(t.deps)).flatMap((m) =>
      m.channel === 'email' && m.to === w.inaya.email ? [m.subject] : [],
    );
    expect(subjects.filter((s) => s.includes('document'))).toEqual([
      'Un nouveau document dans votre profil',
    ]);
    const actions = (await tracesOf(t, w.patientId, w.psId)).map((r) => r.action);
    expect(actions).toEqual(['document.add', 'document.show_to_patient']);
  });
});
