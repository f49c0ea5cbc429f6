import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, expect, test } from 'vitest';
import { createTestDatabase } from '../../test/test-db.ts';
import { parseConfig } from '../config/config.schema.ts';
import { createDeps } from '../deps.ts';
import type { AppDeps } from '../deps.ts';
import { createFsBlobStore } from '../platform/blobs/fs-blob-store.ts';
import { createManualClock } from '../platform/clock.ts';
import { loadKeyring } from '../platform/crypto/keyring.ts';
import type { DatabaseHandle } from '../platform/db/database.ts';
import { filesUnder } from '../modules/documents/documents.test-support.ts';
import { rotateKeys, rewrapKeys } from './keys.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function depsOn(dataDir: string, database: DatabaseHandle): Promise<AppDeps> {
  const clock = createManualClock();
  return createDeps(parseConfig({ CARNET_DATA_DIR: dataDir }), {
    database,
    clock,
    keyring: loadKeyring({ dataDir }),
    blobs: createFsBlobStore({ root: join(dataDir, 'blobs'), clock }),
  });
}

test('rotation re-wraps every data key with the new version, leaves blobs alone, and every document still decrypts', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'carnet-keys-'));
  const database = await createTestDatabase();
  cleanups.push(
    () => rmSync(dataDir, { recursive: true, force: true }),
    () => database.close(),
  );
  const deps = await depsOn(dataDir, database);
  const patient = await deps.activation.createActivatedProfile({
    ins: '288047512345617',
    firstName: 'Inaya',
    lastName: 'Michel',
    birthDate: '1988-04-12',
    email: 'i.michel@example.org',
    mobile: null,
    identifiant: 'inaya.michel',
    password: 'Carnet-demo-2026',
  });
  for (let i = 0; i < 7; i++)
    await deps.documentUploads.addDocument({
      patientId: patient.id,
      author: { type: 'patient' },
      actor: { type: 'patient', id: patient.id },
      fields: { title: `Note ${i}`, date: '2026-01-01', category: 'AUTR_DOC' },
      file: {
        stream: Readable.from([Buffer.from(`note ${i}`)]),
        fileName: 'note.txt',
        contentType: 'text/plain',
      },
    });
  const blobsBefore = filesUnder(join(dataDir, 'blobs')).map((f) => [f, readFileSync(f)] as const);
  const before = await database.db
    .selectFrom('document_versions')
    .select(['id', 'wrapped_key', 'kek_version'])
    .execute();
  expect(new Set(before.map((r) => r.kek_version))).toEqual(new Set(['v1']));

  const result = await rotateKeys(deps, { rewrap: true });
  expect(result).toEqual({ kekVersion: 'v2', rewrapped: 7 });
  const after = await database.db
    .selectFrom('document_versions')
    .select(['id', 'wrapped_key', 'kek_version'])
    .execute();
  expect(new Set(after.map((r) => r.kek_version))).toEqual(new Set(['v2']));
  for (const row of after)
    expect(row.wrapped_key).not.toBe(before.find((b) => b.id === row.id)!.wrapped_key);
  for (const [file, bytes] of blobsBefore) expect(readFileSync(file).equals(bytes)).toBe(true);

  // A fresh process reading the key file decrypts everything, and has nothing left to re-wrap.
  const restarted = await depsOn(dataDir, database);
  expect(restarted.keyring.currentVersion).toBe('v2');
  const check = await restarted.documentMaintenance.check({ deep: true });
  expect(check).toMatchObject({ versions: 7, missingBlobs: [], corrupted: [] });
  expect(await rewrapKeys(restarted)).toEqual({ kekVersion: 'v2', rewrapped: 0 });
  const traces = await database.db
    .selectFrom('traces')
    .select('action')
    .where('action', '=', 'keys.rewrap')
    .execute();
  expect(traces).toHaveLength(1);
});

test('rotation with --no-rewrap only adds the key; rewrap then moves every key', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'carnet-keys-'));
  const database = await createTestDatabase();
  cleanups.push(
    () => rmSync(dataDir, { recursive: true, force: true }),
    () => database.close(),
  );
  const deps = await depsOn(dataDir, database);
  const patient = await deps.activation.createActivatedProfile({
    ins: '288047512345617',
    firstName: 'Inaya',
    lastName: 'Michel',
    birthDate: '1988-04-12',
    email: 'i.michel@example.org',
    mobile: null,
    identifiant: 'inaya.michel',
    password: 'Carnet-demo-2026',
  });
  await deps.documentUploads.addDocument({
    patientId: patient.id,
    author: { type: 'patient' },
    actor: { type: 'patient', id: patient.id },
    fields: { title: 'Note', date: '2026-01-01', category: 'AUTR_DOC' },
    file: {
      stream: Readable.from([Buffer.from('note')]),
      fileName: 'note.txt',
      contentType: 'text/plain',
    },
  });
  expect(await rotateKeys(deps, { rewrap: false })).toEqual({ kekVersion: 'v2', rewrapped: 0 });
  expect(await rewrapKeys(deps)).toEqual({ kekVersion: 'v2', rewrapped: 1 });
});
