/**
 * The blob store failing under an upload (SECURITY.md "Durability"): a full disk (ENOSPC) before
 * or in the middle of the write, and an S3 endpoint going away mid-upload. Each gives a clear
 * error in the API's shape, stores nothing (no row, no blob, no temp file), and the service works
 * again as soon as the store does.
 */
import type { DocumentList } from '@carnet/shared';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { givenActivePatient, signIn } from '../../../test/builders.ts';
import { faultyBlobStore, fsError } from '../../../test/faults.ts';
import type { PutFault } from '../../../test/faults.ts';
import { startTestS3 } from '../../../test/s3-server.ts';
import type { TestS3 } from '../../../test/s3-server.ts';
import { createTestApp } from '../../../test/test-app.ts';
import type { TestApp, TestClient } from '../../../test/test-app.ts';
import type { BlobStore } from '../../platform/blobs/blob-store.ts';
import { createFsBlobStore } from '../../platform/blobs/fs-blob-store.ts';
import { createS3BlobStore } from '../../platform/blobs/s3-blob-store.ts';
import type { S3BlobStore } from '../../platform/blobs/s3-blob-store.ts';
import { filesUnder, pdfOfSize, upload } from './documents.test-support.ts';

let t: TestApp;
let fault: PutFault | undefined;
afterEach(async () => {
  fault = undefined;
  await t.close();
});

async function documentCount() {
  const row = await t.deps.database.db
    .selectFrom('documents')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  const versions = await t.deps.database.db
    .selectFrom('document_versions')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n) + Number(versions.n);
}

async function blobKeys(store: BlobStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const entry of store.list()) keys.push(entry.key);
  return keys;
}

const pdf = (size: number, seed: number) => ({
  filename: 'examen.pdf',
  contentType: 'application/pdf',
  data: pdfOfSize(size, seed),
});

async function signedIn(blobs: (blobsDir: string) => BlobStore, env: Record<string, string> = {}) {
  const holder: { store?: BlobStore } = {};
  // The store needs the app's temp folder: build the app, then swap its store for the faulty one.
  t = await createTestApp(env, {
    blobs: faultyBlobStore(
      {
        put: (k, d) => holder.store!.put(k, d),
        get: (k) => holder.store!.get(k),
        delete: (k) => holder.store!.delete(k),
        exists: (k) => holder.store!.exists(k),
        list: () => holder.store!.list(),
        ping: () => holder.store?.ping?.() ?? Promise.resolve(true),
      },
      () => fault,
    ),
  });
  holder.store = blobs(t.blobsDir);
  const who = await givenActivePatient(t);
  return signIn(t, who);
}

async function listed(client: TestClient) {
  return (await client.get('/api/documents')).json<DocumentList>().items;
}

describe('a full disk', () => {
  test('refused before the first byte is written: 507 storage.full, nothing stored, works once space is back', async () => {
    const client = await signedIn((dir) => createFsBlobStore({ root: dir }));
    fault = { afterBytes: 0, error: () => fsError('ENOSPC') };
    const res = await upload(t, client, pdf(200_000, 1));
    expect(res.statusCode).toBe(507);
    expect(res.json()).toEqual({
      error: { code: 'storage.full', message: expect.stringContaining('espace de stockage') },
    });
    expect(await documentCount()).toBe(0);
    expect(filesUnder(t.blobsDir)).toEqual([]);

    fault = undefined;
    expect((await upload(t, client, pdf(200_000, 2))).statusCode).toBe(201);
    expect(await listed(client)).toHaveLength(1);
  });

  test('filling up in the middle of the write: no row, no blob, no temp file left', async () => {
    const client = await signedIn((dir) => createFsBlobStore({ root: dir }));
    fault = { afterBytes: 300_000, error: () => fsError('ENOSPC') };
    const res = await upload(t, client, pdf(1_000_000, 3));
    expect(res.statusCode).toBe(507);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('storage.full');
    expect(await documentCount()).toBe(0);
    expect(filesUnder(t.blobsDir)).toEqual([]);
  });

  test('an I/O error of the disk answers 503 service.unavailable and stores nothing', async () => {
    const client = await signedIn((dir) => createFsBlobStore({ root: dir }));
    fault = { afterBytes: 100_000, error: () => fsError('EIO') };
    const res = await upload(t, client, pdf(500_000, 4));
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      error: { code: 'service.unavailable', message: expect.any(String) },
    });
    expect(await documentCount()).toBe(0);
    expect(filesUnder(t.blobsDir)).toEqual([]);
  });
});

describe('an S3 endpoint stopped mid-upload', () => {
  let s3: TestS3;
  let store: S3BlobStore;
  beforeAll(async () => {
    s3 = await startTestS3();
    store = createS3BlobStore({
      bucket: s3.bucket,
      endpoint: s3.endpoint,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
    });
  });
  afterAll(async () => {
    store.close();
    await s3.close();
  });

  test('answers 503 with the error shape, leaves no object and no row, and works once S3 is back', async () => {
    const maxBytes = String(16 * 1024 * 1024);
    const client = await signedIn(() => store, { CARNET_MAX_DOCUMENT_BYTES: maxBytes });
    const before = await blobKeys(store);
    // A 12 MB file is a multipart upload of 5 MB parts: S3 goes away after the first part.
    fault = {
      afterBytes: 6 * 1024 * 1024,
      error: () => new Error('unused'),
      onReached: () => s3.stop(),
    };
    const res = await upload(t, client, pdf(12 * 1024 * 1024, 5));
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      error: { code: 'service.unavailable', message: expect.any(String) },
    });
    expect(await documentCount()).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(503);

    fault = undefined;
    await s3.start();
    expect(await blobKeys(store)).toEqual(before); // nothing half-stored under any key
    expect((await t.app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);
    const again = await upload(t, client, pdf(12 * 1024 * 1024, 6));
    expect(again.statusCode).toBe(201);
    const [doc] = await listed(client);
    const download = await client.get(`/api/documents/${doc!.id}/download`);
    expect(download.rawPayload.equals(pdfOfSize(12 * 1024 * 1024, 6))).toBe(true);
  });
});
