/** `carnet check` on the S3 blob store: missing blobs are incidents, old orphans are removed. */
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { givenActivePatient } from '../../test/builders.ts';
import { startTestS3 } from '../../test/s3-server.ts';
import type { TestS3 } from '../../test/s3-server.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { createS3BlobStore } from '../platform/blobs/s3-blob-store.ts';
import type { S3BlobStore } from '../platform/blobs/s3-blob-store.ts';
import { runCheck } from './check.ts';

let s3: TestS3;
let store: S3BlobStore;
let t: TestApp;
beforeAll(async () => {
  s3 = await startTestS3();
  store = createS3BlobStore({
    bucket: s3.bucket,
    endpoint: s3.endpoint,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
  });
});
afterEach(async () => {
  await t.close();
});
afterAll(async () => {
  store.close();
  await s3.close();
});

async function addNote(patientId: string, text: string) {
  return t.deps.documentUploads.addDocument({
    patientId,
    author: { type: 'patient' },
    actor: { type: 'patient', id: patientId },
    fields: { title: 'Note', date: '2026-01-01', category: 'AUTR_DOC' },
    file: {
      stream: Readable.from([Buffer.from(text)]),
      fileName: 'note.txt',
      contentType: 'text/plain',
    },
  });
}

test('on S3: every document decrypts, a missing blob is an incident, old orphans are removed and young ones kept', async () => {
  t = await createTestApp({}, { blobs: store });
  // The bucket's times are real ones: the test clock starts now.
  t.clock.set(new Date());
  const { patient } = await givenActivePatient(t);
  const kept = await addNote(patient.id, 'gardé');
  const lost = await addNote(patient.id, 'perdu');
  const versionOf = (documentId: string) =>
    t.deps.database.db
      .selectFrom('document_versions')
      .selectAll()
      .where('document_id', '=', documentId)
      .executeTakeFirstOrThrow();
  const healthy = await runCheck(t.deps, { deep: true });
  expect(healthy.incidents).toBe(0);
  expect(healthy.report.versions).toBe(2);

  const lostVersion = await versionOf(lost);
  await store.delete(lostVersion.blob_key);
  // Orphans: blobs of versions that have no row (an upload cut before its commit).
  const orphan = `documents/ver_orphan${Date.now()}`;
  await store.put(orphan, Readable.from([Buffer.from('x')]));
  const young = await runCheck(t.deps, { deep: true });
  expect(young.report.missingBlobs).toEqual([lostVersion.id]);
  expect(young.report.orphansKept).toBeGreaterThanOrEqual(1);
  expect(young.incidents).toBe(1);
  expect(await store.exists(orphan)).toBe(true);

  t.clock.advance(2 * 3600_000);
  const later = await runCheck(t.deps, { deep: true });
  expect(later.report.orphansRemoved).toBeGreaterThanOrEqual(1);
  expect(await store.exists(orphan)).toBe(false);
  expect(await store.exists((await versionOf(kept)).blob_key)).toBe(true);
  expect(later.report.corrupted).toEqual([]);
});
