import type { DocumentList } from '@carnet/shared';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, test } from 'vitest';
import { givenActivePatient, signIn } from '../../../test/builders.ts';
import { createClient, createTestApp } from '../../../test/test-app.ts';
import type { TestApp, TestClient } from '../../../test/test-app.ts';
import { buildApp } from '../../app.ts';
import { createDeps } from '../../deps.ts';
import { createFsBlobStore } from '../../platform/blobs/fs-blob-store.ts';

// The list keeps pages per record version (document-list-cache.ts): each test makes the page
// kept first, then changes the record by another path, and expects the next page to show it.

let t: TestApp;
let other: FastifyInstance | undefined;
afterEach(async () => {
  await other?.close();
  other = undefined;
  await t.close();
});

async function setUp() {
  t = await createTestApp();
  const who = await givenActivePatient(t);
  const client = await signIn(t, who);
  const add = (title: string) =>
    t.deps.documentUploads.addDocument({
      patientId: who.patient.id,
      author: { type: 'patient' },
      actor: { type: 'patient', id: who.patient.id },
      fields: { title, date: '2026-10-01', category: 'CPT_REND' },
      file: {
        stream: Readable.from([Buffer.from(`Contenu de ${title}`)]),
        fileName: 'note.txt',
        contentType: 'text/plain',
      },
    });
  await add('Premier');
  return { who, client, add };
}

async function list(client: TestClient, url = '/api/documents'): Promise<DocumentList> {
  const response = await client.get(url);
  expect(response.statusCode).toBe(200);
  return response.json<DocumentList>();
}

describe('the kept pages of the document list', () => {
  test('a document added after the page was kept shows at once', async () => {
    const { client, add } = await setUp();
    expect((await list(client)).total).toBe(1);
    await add('Deuxième');
    const page = await list(client);
    expect(page.total).toBe(2);
    expect(page.items.map((d) => d.title).sort()).toEqual(['Deuxième', 'Premier']);
  });

  test('an edit, a mask and a deletion through the API show at once', async () => {
    const { client } = await setUp();
    const [doc] = (await list(client)).items;
    expect(
      (await client.send('PATCH', `/api/documents/${doc!.id}`, { title: 'Renommé' })).statusCode,
    ).toBe(200);
    expect((await list(client)).items[0]!.title).toBe('Renommé');
    await client.post('/api/documents/confidentiality', {
      ids: [doc!.id],
      confidentiality: 'masque',
    });
    expect((await list(client)).items[0]!.confidentiality).toBe('masque');
    expect((await client.send('DELETE', `/api/documents/${doc!.id}`)).statusCode).toBe(204);
    expect(await list(client)).toMatchObject({ total: 0, items: [] });
  });

  test('a write that bypasses the services (a preview finished by the worker) shows at once', async () => {
    const { who, client } = await setUp();
    const before = (await list(client)).items[0]!.preview;
    const after = before === 'ready' ? 'failed' : 'ready';
    await t.deps.database.db
      .updateTable('document_versions')
      .set({ preview_status: after })
      .where('patient_id', '=', who.patient.id)
      .execute();
    expect((await list(client)).items[0]!.preview).toBe(after);
  });

  test('a document hidden from the patient until a date appears once that date passes, with no write', async () => {
    const { who, client, add } = await setUp();
    await add('Annonce');
    const until = new Date(t.clock.now().getTime() + 600_000).toISOString();
    await t.deps.database.db
      .updateTable('documents')
      .set({ invisible_to_patient_until: until })
      .where('patient_id', '=', who.patient.id)
      .where('title', '=', 'Annonce')
      .execute();
    expect((await list(client)).items.map((d) => d.title)).toEqual(['Premier']);
    t.clock.advance(600_000 + 1000);
    expect((await list(client)).items.map((d) => d.title).sort()).toEqual(['Annonce', 'Premier']);
  });

  test('each query has its own page, and another patient never gets this one', async () => {
    const { client, add } = await setUp();
    await add('Radio du genou');
    expect((await list(client, '/api/documents?q=genou')).items.map((d) => d.title)).toEqual([
      'Radio du genou',
    ]);
    expect((await list(client)).total).toBe(2);
    const stranger = await signIn(t, await givenActivePatient(t));
    expect(await list(stranger)).toMatchObject({ total: 0, items: [] });
    expect(await list(stranger, '/api/documents?q=genou')).toMatchObject({ total: 0 });
  });

  test('a second server on the same database sees the first one’s writes at once', async () => {
    const { client } = await setUp();
    const deps = createDeps(t.deps.config, {
      database: t.deps.database,
      clock: t.clock,
      keyring: t.deps.keyring,
      blobs: createFsBlobStore({ root: t.blobsDir, clock: t.clock }),
    });
    other = await buildApp(deps);
    const onOther = createClient(other);
    for (const [name, value] of client.cookies) onOther.cookies.set(name, value);
    const [doc] = (await list(onOther)).items;
    expect((await list(client)).items[0]!.title).toBe('Premier');
    expect(
      (await client.send('PATCH', `/api/documents/${doc!.id}`, { title: 'Modifié sur A' }))
        .statusCode,
    ).toBe(200);
    expect((await list(onOther)).items[0]!.title).toBe('Modifié sur A');
  });

  test('a signed-out session gets no kept page', async () => {
    const { client } = await setUp();
    await list(client);
    expect((await client.post('/api/auth/logout')).statusCode).toBeLessThan(300);
    expect((await client.get('/api/documents')).statusCode).toBe(401);
  });
});
