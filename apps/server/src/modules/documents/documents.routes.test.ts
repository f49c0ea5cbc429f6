import type { ApiErrorBody, DocumentList, DocumentSummary, Folder } from '@carnet/shared';
import { Readable } from 'node:stream';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { givenActivePatient, signIn } from '../../../test/builders.ts';
import { createTestApp } from '../../../test/test-app.ts';
import type { TestApp, TestClient } from '../../../test/test-app.ts';
import { createDecryptStream } from '../../platform/crypto/envelope.ts';
import { fileAad } from './document-files.ts';
import { filesUnder, pdfBytes, upload } from './documents.test-support.ts';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

async function patient() {
  const who = await givenActivePatient(t);
  return { who, client: await signIn(t, who) };
}

/** Adds a small text document directly through the service (fast: no HTTP). */
async function addDocument(
  patientId: string,
  fields: Record<string, string> & { title: string },
  author: 'patient' | 'professional' | 'system' = 'patient',
) {
  return t.deps.documentUploads.addDocument({
    patientId,
    author:
      author === 'patient'
        ? { type: 'patient' }
        : author === 'professional'
          ? {
              type: 'professional',
              id: 'ps_ndiaye',
              name: 'Dr Adama Ndiaye',
              profession: 'medecin',
            }
          : { type: 'system', id: null, name: 'Assurance Maladie' },
    actor: author === 'patient' ? { type: 'patient', id: patientId } : { type: 'system', id: null },
    fields: { date: '2026-10-01', category: 'CPT_REND', ...fields },
    file: {
      stream: Readable.from([Buffer.from(`Contenu de ${fields.title}`)]),
      fileName: 'note.txt',
      contentType: 'text/plain',
    },
  });
}

async function traceActions(patientId: string) {
  const rows = await t.deps.database.db
    .selectFrom('traces')
    .select(['action', 'target_id'])
    .where('patient_id', '=', patientId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => `${r.action}:${r.target_id ?? ''}`);
}

describe('the list', () => {
  test('is newest first with pinned documents on top, in pages of 50 with the total', async () => {
    t = await createTestApp();
    const { who, client } = await patient();
    for (let i = 0; i < 53; i++)
      await addDocument(who.patient.id, {
        title: `Document ${String(i).padStart(2, '0')}`,
        date: `2026-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`,
      });
    const oldest = await addDocument(who.patient.id, { title: 'Ancien', date: '1999-01-01' });
    await client.send('PATCH', `/api/documents/${oldest}`, { pinned: true });
    const first = (await client.get('/api/documents')).json<DocumentList>();
    expect(first.total).toBe(54);
    expect(first.items).toHaveLength(50);
    expect(first.pageSize).toBe(50);
    expect(first.items[0]!.id).toBe(oldest);
    const dates = first.items.slice(1).map((d: { date: string }) => d.date);
    expect(dates).toEqual([...dates].sort().reverse());
    const second = (await client.get('/api/documents?page=2')).json<DocumentList>();
    expect(second.items).toHaveLength(4);
    const ids = new Set([...first.items, ...second.items].map((d: { id: string }) => d.id));
    expect(ids.size).toBe(54);
  });

  test('filters by category, by who added it, by folder, and sorts by name', async () => {
    t = await createTestApp();
    const { who, client } = await patient();
    const folder = (await client.post('/api/folders', { name: 'Biologie' })).json<Folder>();
    const mine = await addDocument(who.patient.id, {
      title: 'Zinc',
      category: 'BIOLOGIE',
      folderId: folder.id,
    });
    const ps = await addDocument(
      who.patient.id,
      { title: 'Avis', category: 'CPT_REND' },
      'professional',
    );
    const cnam = await addDocument(
      who.patient.id,
      { title: 'Mémo', category: 'DOC_ADM' },
      'system',
    );
    const ids = async (query: string) =>
      (await client.get(`/api/documents?${query}`))
        .json<DocumentList>()
        .items.map((d: { id: string }) => d.id);
    expect(await ids('category=BIOLOGIE')).toEqual([mine]);
    expect(await ids('author=moi')).toEqual([mine]);
    expect(await ids('author=professionnel')).toEqual([ps]);
    expect(await ids('author=assurance-maladie')).toEqual([cnam]);
    expect(await ids(`folderId=${folder.id}`)).toEqual([mine]);
    expect(await ids('sort=name&order=asc')).toEqual([ps, cnam, mine]);
    expect(await ids('sort=name&order=desc')).toEqual([mine, cnam, ps]);
    const professional = (await client.get(`/api/documents/${ps}`)).json<DocumentSummary>();
    expect(professional).toMatchObject({
      author: { type: 'professional', name: 'Dr Adama Ndiaye', profession: 'medecin' },
      editable: false,
      deletable: false,
    });
    const bad = await client.get('/api/documents?category=RECETTES');
    expect(bad.statusCode).toBe(400);
  });

  test('searches titles without regard to accents or case, and treats % and _ as text', async () => {
    t = await createTestApp();
    const { who, client } = await patient();
    const bilan = await addDocument(who.patient.id, { title: 'Résultats d’ÉCHOGRAPHIE' });
    await addDocument(who.patient.id, { title: 'Ordonnance' });
    const percent = await addDocument(who.patient.id, { title: 'Remboursé 100%' });
    const ids = async (q: string) =>
      (await client.get(`/api/documents?q=${encodeURIComponent(q)}`))
        .json<DocumentList>()
        .items.map((d: { id: string }) => d.id);
    expect(await ids('resultats')).toEqual([bilan]);
    expect(await ids('échographie')).toEqual([bilan]);
    expect(await ids('ECHO')).toEqual([bilan]);
    expect(await ids('100%')).toEqual([percent]);
    expect(await ids('%')).toEqual([percent]);
    expect(await ids('_')).toEqual([]);
  });

  test('hides a document a professional made invisible to the patient until its date', async () => {
    t = await createTestApp();
    const { who, client } = await patient();
    const id = await addDocument(who.patient.id, { title: 'Annonce' }, 'professional');
    await t.deps.database.db
      .updateTable('documents')
      .set({ invisible_to_patient_until: '2026-12-27T09:00:00.000Z' })
      .where('id', '=', id)
      .execute();
    expect((await client.get('/api/documents')).json<DocumentList>().total).toBe(0);
    expect((await client.get(`/api/documents/${id}`)).statusCode).toBe(404);
    t.clock.set(new Date('2026-12-27T09:00:01.000Z'));
    const again = await signIn(t, who);
    expect((await again.get('/api/documents')).json<DocumentList>().total).toBe(1);
  });
});

describe('another patient', () => {
  test('gets 404 on every route for a document, exactly like a missing one', async () => {
    t = await createTestApp();
    const owner = await patient();
    const intruder = await patient();
    const id = await addDocument(owner.who.patient.id, { title: 'Privé' });
    const requests: Array<
      (c: TestClient, id: string) => Promise<{ statusCode: number; body: string }>
    > = [
      (c, x) => c.get(`/api/documents/${x}`),
      (c, x) => c.get(`/api/documents/${x}/download`),
      (c, x) => c.get(`/api/documents/${x}/preview`),
      (c, x) => c.get(`/api/documents/${x}/preview/pages/1`),
      (c, x) => c.get(`/api/documents/${x}/preview/text`),
      (c, x) => c.get(`/api/documents/${x}/thumbnail`),
      (c, x) => c.send('PATCH', `/api/documents/${x}`, { title: 'Volé' }),
      (c, x) => c.send('DELETE', `/api/documents/${x}`),
      (c, x) => c.post(`/api/documents/${x}/report`, { message: 'test' }),
      (c, x) => c.post('/api/documents/confidentiality', { ids: [x], confidentiality: 'masque' }),
    ];
    for (const send of requests) {
      const theirs = await send(intruder.client, id);
      const missing = await send(intruder.client, 'doc_doesnotexist');
      expect(theirs.statusCode).toBe(404);
      expect(theirs.body).toBe(missing.body);
    }
    const owned = (await owner.client.get(`/api/documents/${id}`)).json<DocumentSummary>();
    expect(owned.title).toBe('Privé');
    expect(owned.confidentiality).toBe('visible');
  });

  test('gets 404 for a folder, and cannot file a document into it', async () => {
    t = await createTestApp();
    const owner = await patient();
    const intruder = await patient();
    const folder = (
      await owner.client.post('/api/folders', { name: 'Mes examens' })
    ).json<Folder>();
    expect(
      (await intruder.client.send('PATCH', `/api/folders/${folder.id}`, { name: 'x' })).statusCode,
    ).toBe(404);
    expect((await intruder.client.send('DELETE', `/api/folders/${folder.id}`)).statusCode).toBe(
      404,
    );
    const doc = await addDocument(intruder.who.patient.id, { title: 'Le mien' });
    const moved = await intruder.client.send('PATCH', `/api/documents/${doc}`, {
      folderId: folder.id,
    });
    expect(moved.statusCode).toBe(404);
    expect(moved.json<ApiErrorBody>().error.code).toBe('document.folder_not_found');
    expect(
      (await intruder.client.get('/api/folders')).json<{ folders: Folder[] }>().folders,
    ).toEqual([]);
  });
});

describe('editing', () => {
  test('the patient renames, re-dates, re-categorises, files and masks an own document; each is traced', async () => {
    t = await createTestApp();
    const { who, client } = await patient();
    const id = await addDocument(who.patient.id, { title: 'Scan' });
    const folder = (await client.post('/api/folders', { name: 'Radiologie' })).json<Folder>();
    const res = await client.send('PATCH', `/api/documents/${id}`, {
      title: 'Radio du genou',
      date: '2026-09-15',
      category: 'RADIO_SC',
      folderId: folder.id,
      confidentiality: 'masque',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      title: 'Radio du genou',
      date: '2026-09-15',
      category: 'RADIO_SC',
      folderId: folder.id,
      confidentiality: 'masque',
    });
    expect(await traceActions(who.patient.id)).toEqual(
      expect.arrayContaining([`document.update:${id}`, `document.mask:${id}`]),
    );
    const unmask = await client.send('PATCH', `/api/documents/${id}`, {
      confidentiality: 'visible',
    });
    expect(unmask.json<DocumentSummary>().confidentiality).toBe('visible');
    expect(await traceActions(who.patient.id)).toContain(`document.unmask:${id}`);
    const future = await client.send('PATCH', `/api/documents/${id}`, { date: '2027-01-01' });
    expect(future.json<ApiErrorBody>().error.code).toBe('document.date_in_future');
    const unknown = await client.send('PATCH', `/api/documents/${id}`, { owner: 'x' });
    expect(unknown.statusCode).toBe(400);
  });

  test("a professional's document accepts only masking and pinning, with the guide's message", async () => {
    t = await createTestApp();
    const { who, client } = await patient();
    const id = await addDocument(who.patient.id, { title: 'Compte rendu' }, 'professional');
    for (const change of [
      { title: 'Autre' },
      { date: '2026-01-01' },
      { category: 'AUTR_DOC' },
      { folderId: null },
    ]) {
      const res = await client.send('PATCH', `/api/documents/${id}`, change);
      expect(res.statusCode).toBe(403);
      expect(res.json<ApiErrorBody>().error).toEqual({
        code: 'document.read_only',
        message:
          'Ce document a été ajouté par un professionnel de santé. Il ne peut pas être modifié ou supprimé.',
      });
    }
    const mask = await client.send('PATCH', `/api/documents/${id}`, {
      confidentiality: 'masque',
      pinned: true,
    });
    expect(mask.statusCode).toBe(200);
    expect(mask.json()).toMatchObject({
      confidentiality: 'masque',
      pinned: true,
      title: 'Compte rendu',
    });
    const del = await client.send('DELETE', `/api/documents/${id}`);
    expect(del.statusCode).toBe(403);
    expect(del.json<ApiErrorBody>().error.code).toBe('document.read_only');
    const report = await client.post(`/api/documents/${id}/report`, {
      message: 'Ce n’est pas mon examen.',
    });
    expect(report.statusCode).toBe(202);
    expect(await traceActions(who.patient.id)).toContain(`document.report:${id}`);
    expect(
      await t.deps.database.db.selectFrom('document_reports').selectAll().execute(),
    ).toHaveLength(1);
  });

  test('masks and unmasks a selection at once, all or nothing', async () => {
    t = await createTestApp();
    const { who, client } = await patient();
    const other = await patient();
    const a = await addDocument(who.patient.id, { title: 'A' });
    const b = await addDocument(who.patient.id, { title: 'B' }, 'professional');
    const foreign = await addDocument(other.who.patient.id, { title: 'C' });
    const refused = await client.post('/api/documents/confidentiality', {
      ids: [a, foreign],
      confidentiality: 'masque',
    });
    expect(refused.statusCode).toBe(404);
    expect((await client.get(`/api/documents/${a}`)).json<DocumentSummary>().confidentiality).toBe(
      'visible',
    );
    const masked = await client.post('/api/documents/confidentiality', {
      ids: [a, b, a],
      confidentiality: 'masque',
    });
    expect(masked.json()).toEqual({ updated: 2 });
    const again = await client.post('/api/documents/confidentiality', {
      ids: [a, b],
      confidentiality: 'masque',
    });
    expect(again.json()).toEqual({ updated: 0 });
    const list = (await client.get('/api/documents')).json<DocumentList>();
    expect(
      list.items.every((d: { confidentiality: string }) => d.confidentiality === 'masque'),
    ).toBe(true);
    expect(
      (await traceActions(who.patient.id)).filter((x) => x.startsWith('document.mask')),
    ).toHaveLength(2);
  });
});

describe('deleting', () => {
  test('removes rows and blobs for good, destroys the data key and keeps the trace', async () => {
    t = await createTestApp();
    const { who, client } = await patient();
    const up = await upload(t, client, { filename: 'cr.pdf', data: await pdfBytes('À supprimer') });
    const id = up.json<DocumentSummary>().id;
    await t.deps.jobWorker.drain();
    const version = await t.deps.database.db
      .selectFrom('document_versions')
      .selectAll()
      .where('document_id', '=', id)
      .executeTakeFirstOrThrow();
    const blobs = filesUnder(t.blobsDir);
    expect(blobs.length).toBeGreaterThan(1); // the file, its pages and thumbnail
    const ciphertext = readFileSync(blobs.find((f) => f.endsWith(version.id))!);
    const keep = await addDocument(who.patient.id, { title: 'Gardé' });

    const res = await client.send('DELETE', `/api/documents/${id}`);
    expect(res.statusCode).toBe(204);
    expect((await client.get(`/api/documents/${id}`)).statusCode).toBe(404);
    expect(filesUnder(t.blobsDir).some((f) => f.includes(version.id))).toBe(false);
    const rows = await t.deps.database.db.selectFrom('document_versions').selectAll().execute();
    expect(rows.map((r) => r.document_id)).toEqual([keep]);
    expect(await traceActions(who.patient.id)).toContain(`document.delete:${id}`);
    // No key left in the database opens the saved ciphertext (crypto-shredding).
    for (const row of rows) {
      const key = t.deps.documentFiles.unwrap(row);
      const decrypt = createDecryptStream({ key, aad: fileAad(version) });
      await expect(
        new Promise((resolve, reject) => {
          decrypt.on('error', reject).on('finish', resolve).end(ciphertext);
          decrypt.resume();
        }),
      ).rejects.toThrow(/authentication/);
    }
  });
});

describe('settings and folders', () => {
  test('"masquer par défaut" is off, can be turned on, and is traced', async () => {
    t = await createTestApp();
    const { who, client } = await patient();
    expect((await client.get('/api/documents/settings')).json()).toEqual({
      maskNewDocumentsByDefault: false,
    });
    const put = await client.send('PUT', '/api/documents/settings', {
      maskNewDocumentsByDefault: true,
    });
    expect(put.json()).toEqual({ maskNewDocumentsByDefault: true });
    expect((await client.get('/api/documents/settings')).json()).toEqual({
      maskNewDocumentsByDefault: true,
    });
    expect(await traceActions(who.patient.id)).toContain('document.settings_update:');
  });

  test('folders are created, counted, renamed, and deleted without deleting their documents', async () => {
    t = await createTestApp();
    const { who, client } = await patient();
    const created = await client.post('/api/folders', { name: '  Cardiologie ' });
    expect(created.statusCode).toBe(201);
    const folder = created.json<Folder>();
    expect(folder).toMatchObject({ name: 'Cardiologie', documentCount: 0 });
    const doc = await addDocument(who.patient.id, { title: 'ECG', folderId: folder.id });
    expect((await client.get('/api/folders')).json<{ folders: Folder[] }>().folders).toEqual([
      { id: folder.id, name: 'Cardiologie', documentCount: 1 },
    ]);
    const renamed = await client.send('PATCH', `/api/folders/${folder.id}`, { name: 'Cœur' });
    expect(renamed.json()).toEqual({ id: folder.id, name: 'Cœur', documentCount: 1 });
    expect((await client.post('/api/folders', { name: '' })).statusCode).toBe(400);
    expect((await client.send('DELETE', `/api/folders/${folder.id}`)).statusCode).toBe(204);
    expect((await client.get(`/api/documents/${doc}`)).json<DocumentSummary>().folderId).toBeNull();
    expect((await client.get('/api/folders')).json<{ folders: Folder[] }>().folders).toEqual([]);
    const actions = await traceActions(who.patient.id);
    for (const a of ['folder.create', 'folder.rename', 'folder.delete'])
      expect(actions).toContain(`${a}:${folder.id}`);
  });
});
