import type { DocumentList, DocumentPreview, DocumentSummary } from '@carnet/shared';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterEach, describe, expect, test } from 'vitest';
import { givenActivePatient, signIn } from '../../../test/builders.ts';
import { createTestApp } from '../../../test/test-app.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { filesUnder, pdfBytes, pngBytes, upload } from './documents.test-support.ts';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

async function uploaded(file: { filename: string; contentType?: string; data: Buffer }) {
  t = await createTestApp();
  const who = await givenActivePatient(t);
  const client = await signIn(t, who);
  const res = await upload(t, client, file);
  expect(res.statusCode, res.body).toBe(201);
  return { client, id: res.json<DocumentSummary>().id, who };
}

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** A tiny PNG whose header claims 100,000 × 100,000 pixels (a decompression bomb's shape). */
function hugePixelPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(100_000, 0);
  ihdr.writeUInt32BE(100_000, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(4096))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('previews', () => {
  test('are made by the background job, not on upload: pending first, then pages and a thumbnail', async () => {
    const { client, id } = await uploaded({
      filename: 'cr.pdf',
      data: await pdfBytes('Compte rendu', 7),
    });
    const before = await client.get(`/api/documents/${id}/preview`);
    expect(before.json()).toEqual({ status: 'pending', kind: null, pageCount: 0 });
    expect((await client.get(`/api/documents/${id}/thumbnail`)).statusCode).toBe(404);

    expect(await t.deps.jobWorker.drain()).toBe(1);
    const after = await client.get(`/api/documents/${id}/preview`);
    expect(after.json()).toEqual({ status: 'ready', kind: 'pages', pageCount: 5 });
    for (let n = 1; n <= 5; n++) {
      const page = await client.get(`/api/documents/${id}/preview/pages/${n}`);
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toBe('image/png');
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect((await sharp(page.rawPayload).metadata()).width).toBe(1240);
    }
    expect((await client.get(`/api/documents/${id}/preview/pages/6`)).statusCode).toBe(404);
    const thumbnail = await client.get(`/api/documents/${id}/thumbnail`);
    expect(thumbnail.headers['content-type']).toBe('image/webp');
    const meta = await sharp(thumbnail.rawPayload).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.width).toBe(240);
    expect((await client.get('/api/documents')).json<DocumentList>().items[0]!.preview).toBe(
      'ready',
    );
    // Derived files are encrypted too: nothing on disk is a readable PNG or WebP.
    for (const file of filesUnder(t.blobsDir)) {
      const head = readFileSync(file).subarray(0, 4).toString('latin1');
      expect(head).toBe('CRN1');
    }
  });

  test('a photo is turned upright and re-encoded without its metadata', async () => {
    const photo = await sharp({
      create: { width: 40, height: 20, channels: 3, background: '#884422' },
    })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const { client, id } = await uploaded({
      filename: 'photo.jpg',
      contentType: 'image/jpeg',
      data: photo,
    });
    await t.deps.jobWorker.drain();
    expect((await client.get(`/api/documents/${id}/preview`)).json()).toEqual({
      status: 'ready',
      kind: 'image',
      pageCount: 1,
    });
    const page = await client.get(`/api/documents/${id}/preview/pages/1`);
    expect(page.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(page.rawPayload).metadata();
    expect([meta.width, meta.height]).toEqual([20, 40]);
    expect(meta.exif).toBeUndefined();
  });

  test('a PNG and a TIFF get an image and a page', async () => {
    const { client, id } = await uploaded({ filename: 'scan.png', data: await pngBytes(300, 200) });
    const tiff = await upload(t, client, {
      filename: 'scan.tif',
      data: await sharp(await pngBytes(300, 200))
        .tiff()
        .toBuffer(),
    });
    await t.deps.jobWorker.drain();
    expect((await client.get(`/api/documents/${id}/preview`)).json<DocumentPreview>().kind).toBe(
      'image',
    );
    expect(
      (await client.get(`/api/documents/${tiff.json<DocumentSummary>().id}/preview`)).json(),
    ).toEqual({
      status: 'ready',
      kind: 'pages',
      pageCount: 1,
    });
  });

  test('a text shows its first 100 KB as sandboxed plain text', async () => {
    const text = `Bilan\n${'é'.repeat(80_000)}`;
    const { client, id } = await uploaded({ filename: 'bilan.txt', data: Buffer.from(text) });
    await t.deps.jobWorker.drain();
    expect((await client.get(`/api/documents/${id}/preview`)).json()).toEqual({
      status: 'ready',
      kind: 'text',
      pageCount: 0,
    });
    const res = await client.get(`/api/documents/${id}/preview/text`);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain('sandbox');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.rawPayload.length).toBeLessThanOrEqual(100 * 1024);
    expect(res.body).toBe(text.slice(0, res.body.length));
    expect(res.body.length).toBeGreaterThan(50_000);
    expect((await client.get(`/api/documents/${id}/thumbnail`)).statusCode).toBe(404);
  });

  test('an RTF file has no preview, and says so', async () => {
    const { client, id } = await uploaded({
      filename: 'lettre.rtf',
      data: Buffer.from('{\\rtf1\\ansi Bonjour}'),
    });
    expect(await t.deps.jobWorker.drain()).toBe(0);
    expect((await client.get(`/api/documents/${id}/preview`)).json()).toEqual({
      status: 'none',
      kind: null,
      pageCount: 0,
    });
  });

  test('a truncated PDF is stored, its preview fails, and it still downloads', async () => {
    const pdf = (await pdfBytes('Tronqué', 3)).subarray(0, 400);
    const { client, id } = await uploaded({ filename: 'tronque.pdf', data: pdf });
    await t.deps.jobWorker.drain();
    expect((await client.get(`/api/documents/${id}/preview`)).json<DocumentPreview>().status).toBe(
      'failed',
    );
    const download = await client.get(`/api/documents/${id}/download`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
  });

  test('a huge-pixel image is stored, its preview is refused, and it still downloads', async () => {
    const png = hugePixelPng();
    const { client, id } = await uploaded({ filename: 'bombe.png', data: png });
    await t.deps.jobWorker.drain();
    expect((await client.get(`/api/documents/${id}/preview`)).json<DocumentPreview>().status).toBe(
      'failed',
    );
    expect((await client.get(`/api/documents/${id}/preview/pages/1`)).statusCode).toBe(404);
    expect((await client.get(`/api/documents/${id}/download`)).rawPayload.equals(png)).toBe(true);
  });

  test('opening a preview is traced as a read', async () => {
    const { client, id, who } = await uploaded({ filename: 'cr.pdf', data: await pdfBytes() });
    await client.get(`/api/documents/${id}/preview`);
    await client.get(`/api/documents/${id}/download`);
    const actions = await t.deps.database.db
      .selectFrom('traces')
      .select('action')
      .where('patient_id', '=', who.patient.id)
      .where('target_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'document.add',
      'document.read',
      'document.download',
    ]);
  });
});
