/**
 * Graceful shutdown: SIGTERM while an upload is streaming lets it finish (201, stored whole), the
 * workers stop, and the process exits 0; the document is there after a restart.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import {
  createPostgresDatabase,
  httpClient,
  removeTempDirs,
  signInOver,
  startCarnet,
  stopCarnet,
  tempDir,
} from '../../test/processes.ts';
import type { CarnetServer } from '../../test/processes.ts';
import { testDialect } from '../../test/test-db.ts';
import { multipart, pdfOfSize } from '../modules/documents/documents.test-support.ts';
import { TEMP_PREFIX } from '../platform/blobs/fs-blob-store.ts';

let server: CarnetServer | undefined;
let dropDatabase = async () => {};
afterAll(async () => {
  await stopCarnet(server, 'SIGKILL');
  await dropDatabase();
  removeTempDirs();
}, 30_000);

/** Whether a put is streaming into the blob folder (its temp file exists). */
function putInProgress(blobsDir: string): boolean {
  const walk = (dir: string): boolean => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return false;
    }
    return entries.some((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.startsWith(TEMP_PREFIX),
    );
  };
  return walk(blobsDir);
}

test('an upload in flight at SIGTERM completes, then the process exits 0', async () => {
  const env: Record<string, string> = { CARNET_DATA_DIR: tempDir('carnet-shutdown-') };
  if (testDialect === 'postgres') {
    const database = await createPostgresDatabase('shutdown');
    dropDatabase = database.drop;
    env.CARNET_DATABASE_URL = database.url;
  }
  server = await startCarnet(env, { seedDemo: true });
  const inaya = httpClient(server.url);
  await signInOver(inaya, [server.dataDir]);

  const data = pdfOfSize(3 * 1024 * 1024, 9);
  const body = multipart([
    { name: 'title', value: 'Arrêt en cours' },
    { name: 'date', value: '2026-01-15' },
    { name: 'category', value: 'AUTR_DOC' },
    { name: 'file', filename: 'arret.pdf', contentType: 'application/pdf', data },
  ]);
  const half = Math.floor(body.payload.length / 2);
  let response: Promise<{ status: number; text: string }> | undefined;
  const request = httpRequest(`${server.url}/api/documents`, {
    method: 'POST',
    agent: false,
    headers: {
      cookie: inaya.state.cookie,
      'x-carnet-request': '1',
      'content-type': body.contentType,
      'content-length': String(body.payload.length),
    },
  });
  response = new Promise((resolve, reject) => {
    request.on('response', (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    request.on('error', reject);
  });
  request.write(body.payload.subarray(0, half));
  // Wait until the server is writing the file: the upload is truly in flight.
  const blobsDir = join(server.dataDir, 'blobs');
  for (let i = 0; !putInProgress(blobsDir); i++) {
    if (i > 300) throw new Error('the upload never started');
    await new Promise((r) => setTimeout(r, 50));
  }
  const exited = new Promise<number | null>((r) => server!.child.once('exit', (code) => r(code)));
  server.child.kill('SIGTERM');
  // The listener closes at once; the connection in flight is served to its end.
  for (let i = 0; i < 100; i++) {
    const refused = await fetch(`${server.url}/health`).then(
      () => false,
      () => true,
    );
    if (refused) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  request.end(body.payload.subarray(half));
  const answered = await response;
  expect(answered.status, answered.text).toBe(201);
  const id = (JSON.parse(answered.text) as { id: string }).id;
  expect(await exited).toBe(0);
  response = undefined;

  server = await startCarnet(env);
  const again = httpClient(server.url, inaya.state.cookie);
  const download = await again('GET', `/api/documents/${id}/download`);
  expect(download.status).toBe(200);
  expect(createHash('sha256').update(download.bytes).digest('hex')).toBe(
    createHash('sha256').update(data).digest('hex'),
  );
  expect(await stopCarnet(server)).toBe(0);
  server = undefined;
}, 180_000);
