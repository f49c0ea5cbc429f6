import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, expect, test } from 'vitest';
import { givenActivePatient } from '../../test/builders.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { filesUnder } from '../modules/documents/documents.test-support.ts';
import { runCheck } from './check.ts';

let t: TestApp;
afterEach(async () => {
  await t.close();
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

const versionOf = (documentId: string) =>
  t.deps.database.db
    .selectFrom('document_versions')
    .selectAll()
    .where('document_id', '=', documentId)
    .executeTakeFirstOrThrow();

const blobFile = (versionId: string) => filesUnder(t.blobsDir).find((f) => f.endsWith(versionId))!;

test('a healthy store has no incident', async () => {
  t = await createTestApp();
  const { patient } = await givenActivePatient(t);
  await addNote(patient.id, 'a');
  await addNote(patient.id, 'b');
  const { incidents, report, text } = await runCheck(t.deps, { deep: true });
  expect(incidents).toBe(0);
  expect(report.versions).toBe(2);
  expect(text).toContain('No incident.');
});

test('a row whose blob is missing is an incident', async () => {
  t = await createTestApp();
  const { patient } = await givenActivePatient(t);
  const id = await addNote(patient.id, 'a');
  const version = await versionOf(id);
  rmSync(blobFile(version.id));
  const { incidents, report, text } = await runCheck(t.deps, { deep: false });
  expect(incidents).toBe(1);
  expect(report.missingBlobs).toEqual([version.id]);
  expect(text).toContain(`missing blob: ${version.id}`);
});

test('deep check finds a blob altered on disk', async () => {
  t = await createTestApp();
  const { patient } = await givenActivePatient(t);
  const version = await versionOf(await addNote(patient.id, 'contenu'));
  const file = blobFile(version.id);
  const bytes = readFileSync(file);
  bytes[bytes.length - 1]! ^= 1;
  writeFileSync(file, bytes);
  expect((await runCheck(t.deps, { deep: false })).incidents).toBe(0);
  const deep = await runCheck(t.deps, { deep: true });
  expect(deep.report.corrupted).toEqual([version.id]);
  expect(deep.incidents).toBe(1);
});

test('orphan blobs older than an hour and stale temp files are removed; young orphans are kept', async () => {
  t = await createTestApp();
  const { patient } = await givenActivePatient(t);
  const kept = await versionOf(await addNote(patient.id, 'gardé'));
  const now = t.clock.now().getTime();
  await t.deps.blobs.put('documents/ver_old', Readable.from([Buffer.from('x')]));
  await t.deps.blobs.put('documents/ver_old/thumbnail', Readable.from([Buffer.from('x')]));
  await t.deps.blobs.put('documents/ver_young', Readable.from([Buffer.from('x')]));
  await t.deps.blobs.put('exports/not-a-document', Readable.from([Buffer.from('x')]));
  const age = (key: string, ms: number) => {
    const file = filesUnder(t.blobsDir).find((f) => f.endsWith(key.replaceAll('/', '+')))!;
    utimesSync(file, new Date(now - ms), new Date(now - ms));
    return file;
  };
  age('documents/ver_old', 2 * 3600_000);
  age('documents/ver_old/thumbnail', 2 * 3600_000);
  age('documents/ver_young', 10 * 60_000);
  age('exports/not-a-document', 5 * 3600_000);
  age(`documents/${kept.id}`, 5 * 3600_000);
  const temp = join(dirname(blobFile(kept.id)), '.tmp-abandoned');
  mkdirSync(dirname(temp), { recursive: true });
  writeFileSync(temp, 'half');
  utimesSync(temp, new Date(now - 2 * 3600_000), new Date(now - 2 * 3600_000));

  const { incidents, report } = await runCheck(t.deps, { deep: true });
  expect(incidents).toBe(0);
  expect(report).toMatchObject({
    orphansRemoved: 2,
    orphansKept: 1,
    tempFilesRemoved: 1,
    missingBlobs: [],
  });
  expect(await t.deps.blobs.exists('documents/ver_old')).toBe(false);
  expect(await t.deps.blobs.exists('documents/ver_young')).toBe(true);
  expect(await t.deps.blobs.exists('exports/not-a-document')).toBe(true);
  expect(await t.deps.blobs.exists(`documents/${kept.id}`)).toBe(true);
});
