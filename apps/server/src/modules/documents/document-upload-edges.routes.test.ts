import type { DocumentSummary } from '@carnet/shared';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { givenActivePatient, signIn } from '../../../test/builders.ts';
import { createTestApp } from '../../../test/test-app.ts';
import type { TestApp } from '../../../test/test-app.ts';
import {
  defaultFields,
  filesUnder,
  multipart,
  pdfBytes,
  pdfOfSize,
  upload,
} from './documents.test-support.ts';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

async function signedIn(env: Record<string, string> = {}) {
  t = await createTestApp(env);
  const who = await givenActivePatient(t);
  return { who, client: await signIn(t, who) };
}

async function documentCount() {
  const row = await t.deps.database.db
    .selectFrom('documents')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('names are text', () => {
  test.each([
    ['a path', '../../etc/passwd.pdf', 'passwd.pdf'],
    ['a NUL byte', 'bilan\u0000.pdf', 'bilan_.pdf'],
    // Browsers send CR/LF in a file name percent-encoded (HTML §4.10.21.8); raw ones: file-names.test.ts.
    ['CR/LF', 'bilan%0D%0ASet-Cookie: x=1.pdf', 'bilan%0D%0ASet-Cookie: x=1.pdf'],
    ['an RTL override', 'rapport\u202Egnp.pdf', 'rapportgnp.pdf'],
    ['markup', '<img src=x onerror=alert(1)>.pdf', '<img src=x onerror=alert(1)>.pdf'],
    ['accents', 'Résultats d’analyse été.pdf', 'Résultats d’analyse été.pdf'],
  ])(
    'a file name with %s is stored as text and safe in Content-Disposition',
    async (_, filename, stored) => {
      const { client } = await signedIn();
      const res = await upload(t, client, { filename, data: await pdfBytes() });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<DocumentSummary>().fileName).toBe(stored);
      const download = await client.get(
        `/api/documents/${res.json<DocumentSummary>().id}/download`,
      );
      const header = String(download.headers['content-disposition']);
      expect(header).toMatch(
        /^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9!#$&+\-.^_`|~%]+$/,
      );
      // eslint-disable-next-line no-control-regex -- looking for control characters is the point
      expect(header).not.toMatch(/[\r\n\u0000\u202e]/);
      expect(header.split('"')).toHaveLength(3);
      const encoded = /filename\*=UTF-8''(.*)$/.exec(header)![1]!;
      expect(decodeURIComponent(encoded)).toBe(stored.replace(/[/\\]/g, '_'));
    },
  );

  test('a title with markup, NUL or CR/LF is kept as one line of text', async () => {
    const { client } = await signedIn();
    const res = await upload(
      t,
      client,
      { filename: 'a.pdf', data: await pdfBytes() },
      {
        ...defaultFields,
        title: '<script>alert(1)</script>\u0000 bilan\r\nsuite',
      },
    );
    expect(res.json<DocumentSummary>().title).toBe('<script>alert(1)</script>  bilan  suite');
  });
});

describe('a client that disconnects', () => {
  test('in the middle of an upload leaves nothing half-stored', async () => {
    const { client } = await signedIn();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const fields = Object.entries(defaultFields).map(([name, value]) => ({ name, value }));
    const body = multipart([
      ...fields,
      { name: 'file', filename: 'scan.pdf', data: pdfOfSize(4 * 1024 * 1024) },
    ]);
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/documents',
      headers: {
        cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-carnet-request': '1',
        'content-type': body.contentType,
        'content-length': String(body.payload.length),
      },
    });
    request.on('error', () => undefined);
    request.write(body.payload.subarray(0, 1024 * 1024));
    // Wait until the server is writing the temp file, then cut the connection.
    await waitFor(() => filesUnder(t.blobsDir).some((f) => basename(f).startsWith('.tmp-')));
    request.destroy();
    await waitFor(() => filesUnder(t.blobsDir).length === 0);
    expect(await documentCount()).toBe(0);
    const after = await upload(t, client, { filename: 'ok.pdf', data: await pdfBytes() });
    expect(after.statusCode).toBe(201);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('over the limit through a real connection', () => {
  test('the client gets 413 while still sending, and nothing stays on disk', async () => {
    const { client } = await signedIn({ CARNET_MAX_DOCUMENT_BYTES: '1000000' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const fields = Object.entries(defaultFields).map(([name, value]) => ({ name, value }));
    const body = multipart([
      ...fields,
      { name: 'file', filename: 'scan.pdf', data: pdfOfSize(8_000_000) },
    ]);
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/documents',
          headers: {
            cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
            'x-carnet-request': '1',
            'content-type': body.contentType,
            'content-length': String(body.payload.length),
          },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      request.end(body.payload);
    });
    expect(status).toBe(413);
    await waitFor(() => filesUnder(t.blobsDir).length === 0);
    expect(await documentCount()).toBe(0);
  });
});
