/** Test helpers of the documents module: multipart bodies, sample files, blob folder listing. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import type { TestApp, TestClient } from '../../../test/test-app.ts';

/** One part of a multipart body. */
export type Part =
  | { name: string; value: string }
  | { name: string; filename: string; contentType?: string; data: Buffer };

/** A multipart/form-data body (RFC 7578) with its content type. */
export function multipart(parts: Part[]): { payload: Buffer; contentType: string } {
  const boundary = `----carnet${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`;
    if ('filename' in part) {
      // Non-ASCII or control characters go through RFC 5987 `filename*`, as curl and browsers may.
      const plain = /^[\x20-\x7e]*$/.test(part.filename) && !part.filename.includes('"');
      head += plain
        ? `; filename="${part.filename}"`
        : `; filename*=UTF-8''${encodeURIComponent(part.filename)}`;
      head += `\r\nContent-Type: ${part.contentType ?? 'application/octet-stream'}`;
    }
    chunks.push(Buffer.from(`${head}\r\n\r\n`, 'utf8'));
    chunks.push('filename' in part ? part.data : Buffer.from(part.value, 'utf8'));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** The default fields of an upload. */
export const defaultFields = {
  title: 'Compte rendu de consultation',
  date: '2026-11-20',
  category: 'CPT_REND',
};

/** Posts one upload with the client's session. */
export async function upload(
  t: TestApp,
  client: TestClient,
  file: { filename: string; contentType?: string; data: Buffer } | null,
  fields: Record<string, string> = defaultFields,
) {
  const parts: Part[] = Object.entries(fields).map(([name, value]) => ({ name, value }));
  if (file) parts.push({ name: 'file', ...file });
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
}

/** A real PDF of `pages` pages (pdfkit). */
export async function pdfBytes(text = 'Compte rendu', pages = 1): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', compress: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', resolve));
  for (let i = 0; i < pages; i++) {
    if (i > 0) doc.addPage();
    doc.fontSize(18).text(`${text} — page ${i + 1}`, 72, 72);
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** A PDF-looking file of exactly `size` bytes: a real header, then filler (preview fails). */
export function pdfOfSize(size: number, seed = 1): Buffer {
  const bytes = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = x & 0xff;
  }
  Buffer.from('%PDF-1.7\n').copy(bytes);
  return bytes;
}

/** A small PNG. */
export function pngBytes(width = 64, height = 48): Promise<Buffer> {
  return sharp({
    create: { width, height, channels: 3, background: { r: 200, g: 40, b: 90 } },
  })
    .png()
    .toBuffer();
}

/** Every file under a folder, temp files included (to show nothing is left on disk). */
export function filesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else found.push(path);
    }
  };
  walk(dir);
  return found;
}
