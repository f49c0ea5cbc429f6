import type { ApiErrorBody, DocumentList, DocumentSummary, Folder } from '@carnet/shared';
import { readFileSync } from 'node:fs';
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
  pngBytes,
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

/** Nothing stored: no row, no blob, no temp file. */
async function expectNothingStored() {
  expect(await documentCount()).toBe(0);
  expect(filesUnder(t.blobsDir)).toEqual([]);
}

describe('adding a document', () => {
  test('a PDF is stored encrypted, traced, queued for preview and downloads byte for byte', async () => {
    const { client, who } = await signedIn();
    const pdf = await pdfBytes('Consultation du 20 novembre');
    const res = await upload(t, client, {
      filename: 'compte-rendu.pdf',
      contentType: 'application/pdf',
      data: pdf,
    });
    expect(res.statusCode).toBe(201);
    const doc = res.json<DocumentSummary>();
    expect(doc).toMatchObject({
      title: 'Compte rendu de consultation',
      date: '2026-11-20',
      category: 'CPT_REND',
      confidentiality: 'visible',
      mimeType: 'application/pdf',
      fileName: 'compte-rendu.pdf',
      size: pdf.length,
      preview: 'pending',
      editable: true,
      deletable: true,
      author: { type: 'patient', name: null },
    });
    const traces = await t.deps.database.db
      .selectFrom('traces')
      .selectAll()
      .where('action', '=', 'document.add')
      .execute();
    expect(traces).toHaveLength(1);
    expect(traces[0]).toMatchObject({
      patient_id: who.patient.id,
      actor_type: 'patient',
      actor_id: who.patient.id,
      target_id: doc.id,
    });
    expect(await t.deps.database.db.selectFrom('jobs').selectAll().execute()).toHaveLength(1);
    const download = await client.get(`/api/documents/${doc.id}/download`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
  });

  test.each([
    ['1 MB', 1024 * 1024],
    ['5 MB', 5 * 1024 * 1024],
  ])(
    'a %s file makes the round trip byte for byte and is not readable on disk',
    async (_, size) => {
      const { client } = await signedIn();
      const data = pdfOfSize(size, size);
      const res = await upload(t, client, { filename: 'scan.pdf', data });
      expect(res.statusCode).toBe(201);
      const download = await client.get(
        `/api/documents/${res.json<DocumentSummary>().id}/download`,
      );
      expect(download.headers['content-length']).toBe(String(size));
      expect(download.rawPayload.equals(data)).toBe(true);
      const [blob] = filesUnder(t.blobsDir);
      const onDisk = readFileSync(blob!);
      expect(onDisk.length).toBeGreaterThan(size);
      // No 32-byte window of the plaintext appears in the stored bytes.
      for (const offset of [0, 9, size >> 1, size - 32])
        expect(onDisk.includes(data.subarray(offset, offset + 32))).toBe(false);
    },
  );

  test('a file of exactly the limit is accepted; one byte more is cut with 413 and leaves nothing on disk', async () => {
    const { client } = await signedIn({ CARNET_MAX_DOCUMENT_BYTES: '200000' });
    const over = await upload(t, client, { filename: 'gros.pdf', data: pdfOfSize(200_001) });
    expect(over.statusCode).toBe(413);
    expect(over.json<ApiErrorBody>().error.code).toBe('document.too_large');
    expect(over.json<ApiErrorBody>().error.message).toContain('Mo');
    await expectNothingStored();
    const exact = await upload(t, client, { filename: 'juste.pdf', data: pdfOfSize(200_000) });
    expect(exact.statusCode).toBe(201);
  });

  test.each([
    [
      'an executable renamed .pdf',
      'facture.pdf',
      'application/pdf',
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00', 'latin1'),
    ],
    [
      'an ELF binary',
      'outil.pdf',
      'application/pdf',
      Buffer.from('\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00', 'latin1'),
    ],
    [
      'an SVG image',
      'radio.svg',
      'image/svg+xml',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ],
    [
      'an SVG renamed .txt',
      'note.txt',
      'text/plain',
      Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'),
    ],
    [
      'an HTML page',
      'page.html',
      'text/html',
      Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'),
    ],
    [
      'an HTML page renamed .txt',
      'page.txt',
      'text/plain',
      Buffer.from('\n  <html><body onload="alert(1)"></body></html>'),
    ],
    [
      'a shell script renamed .txt',
      'script.txt',
      'text/plain',
      Buffer.from('#!/bin/sh\nrm -rf /\n'),
    ],
    [
      'a zip archive',
      'dossier.zip',
      'application/zip',
      Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00\x00', 'latin1'),
    ],
    [
      'a zip renamed .pdf',
      'dossier.pdf',
      'application/pdf',
      Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00\x00', 'latin1'),
    ],
    [
      'a text file with a NUL byte',
      'note.txt',
      'text/plain',
      Buffer.from('Bonjour\u0000docteur, ceci est une note'),
    ],
    [
      'a text file that is not UTF-8',
      'note.txt',
      'text/plain',
      Buffer.from('R\xe9sultats d\xe9taill\xe9s du bilan sanguin', 'latin1'),
    ],
  ])('%s is refused with 415 and nothing stored', async (_, filename, contentType, data) => {
    const { client } = await signedIn();
    const res = await upload(t, client, { filename, contentType, data });
    expect(res.statusCode).toBe(415);
    expect(res.json<ApiErrorBody>().error.code).toBe('document.type_refused');
    expect(res.json<ApiErrorBody>().error.message).toContain('Formats acceptés');
    await expectNothingStored();
  });

  test('a PNG named .pdf, or a PDF declared as an image, is refused as a mismatch', async () => {
    const { client } = await signedIn();
    const png = await upload(t, client, { filename: 'scan.pdf', data: await pngBytes() });
    expect(png.statusCode).toBe(415);
    expect(png.json<ApiErrorBody>().error.code).toBe('document.type_mismatch');
    const pdf = await upload(t, client, {
      filename: 'scan.pdf',
      contentType: 'image/png',
      data: await pdfBytes(),
    });
    expect(pdf.json<ApiErrorBody>().error.code).toBe('document.type_mismatch');
    const noExtension = await upload(t, client, { filename: 'scan', data: await pdfBytes() });
    expect(noExtension.json<ApiErrorBody>().error.code).toBe('document.type_mismatch');
    await expectNothingStored();
  });

  test('every accepted format is stored: JPEG, PNG, TIFF, TXT, RTF', async () => {
    const { client } = await signedIn();
    const sharp = (await import('sharp')).default;
    const image = sharp({ create: { width: 8, height: 8, channels: 3, background: '#123456' } });
    const files = [
      {
        filename: 'photo.JPG',
        contentType: 'image/jpeg',
        data: await image.clone().jpeg().toBuffer(),
      },
      { filename: 'scan.png', contentType: 'image/png', data: await pngBytes() },
      {
        filename: 'scan.tiff',
        contentType: 'image/tiff',
        data: await image.clone().tiff().toBuffer(),
      },
      {
        filename: 'note.txt',
        contentType: 'text/plain',
        data: Buffer.from('\uFEFFTension 12/8, à revoir dans 3 mois.\r\n\tRAS'),
      },
      {
        filename: 'lettre.rtf',
        contentType: 'application/rtf',
        data: Buffer.from('{\\rtf1\\ansi Bonjour}'),
      },
    ];
    for (const file of files) {
      const res = await upload(t, client, file);
      expect(res.statusCode, file.filename).toBe(201);
    }
    const list = (await client.get('/api/documents')).json<DocumentList>();
    expect(list.items.map((d: { mimeType: string }) => d.mimeType).sort()).toEqual([
      'application/rtf',
      'image/jpeg',
      'image/png',
      'image/tiff',
      'text/plain',
    ]);
    const rtf = list.items.find((d: { mimeType: string }) => d.mimeType === 'application/rtf');
    expect(rtf!.preview).toBe('none');
  });

  test('an empty file is refused', async () => {
    const { client } = await signedIn();
    const res = await upload(t, client, { filename: 'vide.pdf', data: Buffer.alloc(0) });
    expect(res.statusCode).toBe(400);
    expect(res.json<ApiErrorBody>().error.code).toBe('document.empty');
    await expectNothingStored();
  });

  test('an unknown category, a future date or an impossible date are refused and nothing is stored', async () => {
    const { client } = await signedIn();
    const file = { filename: 'cr.pdf', data: await pdfBytes() };
    const category = await upload(t, client, file, { ...defaultFields, category: 'RECETTES' });
    expect(category.statusCode).toBe(400);
    expect(category.json<ApiErrorBody>().error.fields).toEqual({ category: 'Catégorie inconnue' });
    const future = await upload(t, client, file, { ...defaultFields, date: '2026-11-28' });
    expect(future.statusCode).toBe(400);
    expect(future.json<ApiErrorBody>().error.code).toBe('document.date_in_future');
    const impossible = await upload(t, client, file, { ...defaultFields, date: '2026-02-30' });
    expect(impossible.json<ApiErrorBody>().error.fields).toEqual({ date: 'Date invalide' });
    const missing = await upload(t, client, file, { date: '2026-11-20' });
    expect(missing.json<ApiErrorBody>().error.fields).toMatchObject({
      title: 'Ce champ est obligatoire',
      category: 'Ce champ est obligatoire',
    });
    const unknown = await upload(t, client, file, { ...defaultFields, owner: 'someone' });
    expect(unknown.statusCode).toBe(400);
    await expectNothingStored();
  });

  test('today is accepted and is the default date', async () => {
    const { client } = await signedIn();
    const res = await upload(
      t,
      client,
      { filename: 'cr.pdf', data: await pdfBytes() },
      {
        title: 'Ordonnance',
        category: 'ORD_SOIN',
      },
    );
    expect(res.statusCode).toBe(201);
    expect(res.json<DocumentSummary>().date).toBe('2026-11-27');
  });

  test('a folder of another patient is answered like a missing folder and nothing is stored', async () => {
    const { client } = await signedIn();
    const other = await givenActivePatient(t);
    const otherClient = await signIn(t, other);
    const folder = (await otherClient.post('/api/folders', { name: 'Cardiologie' })).json<Folder>();
    const res = await upload(
      t,
      client,
      { filename: 'cr.pdf', data: await pdfBytes() },
      {
        ...defaultFields,
        folderId: folder.id,
      },
    );
    expect(res.statusCode).toBe(404);
    expect(res.json<ApiErrorBody>().error.code).toBe('document.folder_not_found');
    await expectNothingStored();
    const mine = (await client.post('/api/folders', { name: 'Cardiologie' })).json<Folder>();
    const ok = await upload(
      t,
      client,
      { filename: 'cr.pdf', data: await pdfBytes() },
      {
        ...defaultFields,
        folderId: mine.id,
      },
    );
    expect(ok.json<DocumentSummary>().folderId).toBe(mine.id);
  });

  test('too many parts, two files, a missing file or an oversized field are refused', async () => {
    const { client } = await signedIn();
    const pdf = await pdfBytes();
    const send = (parts: Parameters<typeof multipart>[0]) => {
      const body = multipart(parts);
      return t.app.inject({
        method: 'POST',
        url: '/api/documents',
        headers: {
          cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          'x-carnet-request': '1',
          'content-type': body.contentType,
        },
        payload: body.payload,
      });
    };
    const many = await send(Array.from({ length: 13 }, (_, i) => ({ name: `f${i}`, value: 'x' })));
    expect(many.statusCode).toBe(413);
    expect(many.json<ApiErrorBody>().error.code).toBe('document.too_many_parts');
    const twoFiles = await send([
      ...Object.entries(defaultFields).map(([name, value]) => ({ name, value })),
      { name: 'file', filename: 'a.pdf', data: pdf },
      { name: 'file2', filename: 'b.pdf', data: pdf },
    ]);
    expect(twoFiles.statusCode).toBe(413);
    expect(twoFiles.json<ApiErrorBody>().error.code).toBe('document.too_many_parts');
    const none = await send(
      Object.entries(defaultFields).map(([name, value]) => ({ name, value })),
    );
    expect(none.statusCode).toBe(400);
    expect(none.json<ApiErrorBody>().error.code).toBe('document.file_missing');
    const longField = await send([
      { name: 'title', value: 'x'.repeat(2000) },
      { name: 'file', filename: 'a.pdf', data: pdf },
    ]);
    expect(longField.statusCode).toBe(400);
    await expectNothingStored();
  });

  test('the file may come before the fields', async () => {
    const { client } = await signedIn();
    const body = multipart([
      { name: 'file', filename: 'a.pdf', data: await pdfBytes() },
      ...Object.entries(defaultFields).map(([name, value]) => ({ name, value })),
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/documents',
      headers: {
        cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-carnet-request': '1',
        'content-type': body.contentType,
      },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(201);
  });

  test('without a session or without the CSRF header, nothing is read', async () => {
    t = await createTestApp();
    const body = multipart([{ name: 'file', filename: 'a.pdf', data: await pdfBytes() }]);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/documents',
      headers: { 'x-carnet-request': '1', 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(anonymous.statusCode).toBe(401);
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/documents',
      headers: { 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(forged.statusCode).toBe(403);
    await expectNothingStored();
  });

  test('the "masquer par défaut" setting applies when the upload does not say', async () => {
    const { client } = await signedIn();
    await client.send('PUT', '/api/documents/settings', { maskNewDocumentsByDefault: true });
    const file = { filename: 'cr.pdf', data: await pdfBytes() };
    expect((await upload(t, client, file)).json<DocumentSummary>().confidentiality).toBe('masque');
    const explicit = await upload(t, client, file, {
      ...defaultFields,
      confidentiality: 'visible',
    });
    expect(explicit.json<DocumentSummary>().confidentiality).toBe('visible');
  });
});
