import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { FileRejectedError, createFileInspector } from './file-inspector.ts';
import { agreesWith, sniff } from './file-types.ts';

async function inspect(chunks: Buffer[], fileName: string, maxBytes = 1000, contentType?: string) {
  const inspector = createFileInspector({ maxBytes, fileName, contentType });
  let passed = 0;
  await pipeline(
    Readable.from(chunks),
    inspector.stream,
    new Writable({
      write(chunk: Buffer, _e, done) {
        passed += chunk.length;
        done();
      },
    }),
  ).catch((error: unknown) => {
    throw Object.assign(error as Error, { passed });
  });
  return { ...inspector.result(), passed };
}

const reason = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e: unknown) => (e instanceof FileRejectedError ? e.reason : String(e)),
  );

describe('sniffing', () => {
  test.each([
    ['%PDF-1.4', 'pdf'],
    ['\xff\xd8\xff\xe0', 'jpeg'],
    ['\x89PNG\r\n\x1a\n', 'png'],
    ['II*\x00', 'tiff'],
    ['MM\x00*', 'tiff'],
    ['{\\rtf1', 'rtf'],
  ])('%j is %s', (head, type) => {
    expect(sniff(Buffer.from(head, 'latin1'))).toEqual({ kind: 'binary', type });
  });

  test.each([
    'MZ\x90\x00',
    '\x7fELF',
    'PK\x03\x04',
    '\x1f\x8b\x08\x00',
    'GIF89a',
    '<svg>',
    '\uFEFF <html>',
    '<?xml version="1.0"?>',
    '#!/usr/bin/env node',
  ])('%j is refused', (head) => {
    expect(sniff(Buffer.from(head, head.startsWith('\uFEFF') ? 'utf8' : 'latin1')).kind).toBe(
      'refused',
    );
  });

  test('the declared type may be absent or generic, never contradictory; the extension is required', () => {
    expect(agreesWith('pdf', { fileName: 'a.PDF', contentType: undefined })).toBe(true);
    expect(agreesWith('pdf', { fileName: 'a.pdf', contentType: 'application/octet-stream' })).toBe(
      true,
    );
    expect(
      agreesWith('pdf', { fileName: 'a.pdf', contentType: 'application/pdf; charset=x' }),
    ).toBe(true);
    expect(agreesWith('pdf', { fileName: 'a.pdf', contentType: 'text/html' })).toBe(false);
    expect(agreesWith('pdf', { fileName: 'a.png', contentType: 'application/pdf' })).toBe(false);
    expect(agreesWith('pdf', { fileName: 'pdf', contentType: 'application/pdf' })).toBe(false);
    expect(agreesWith('jpeg', { fileName: 'photo.jpeg', contentType: 'image/jpeg' })).toBe(true);
  });
});

describe('the inspector', () => {
  test('passes the bytes through, decides the type and hashes them, across tiny chunks', async () => {
    const data = Buffer.from('%PDF-1.7\n' + 'x'.repeat(500));
    const chunks = [...data].map((b) => Buffer.of(b));
    const result = await inspect(chunks, 'a.pdf');
    expect(result).toMatchObject({
      type: 'pdf',
      mimeType: 'application/pdf',
      size: data.length,
      passed: data.length,
    });
    expect(result.sha256).toBe(createHash('sha256').update(data).digest('hex'));
  });

  test('cuts at limit + 1 byte without passing anything beyond the limit', async () => {
    const error = await inspect([Buffer.alloc(600, 0x20), Buffer.alloc(401, 0x20)], 'a.txt').catch(
      (e: unknown) => e as FileRejectedError & { passed: number },
    );
    expect(error).toBeInstanceOf(FileRejectedError);
    expect((error as FileRejectedError).reason).toBe('too_large');
    expect((error as { passed: number }).passed).toBeLessThanOrEqual(1000);
    expect((await inspect([Buffer.alloc(1000, 0x41)], 'a.txt')).size).toBe(1000);
  });

  test('refuses empty files, short unknown files, and text that turns binary or invalid late', async () => {
    expect(await reason(inspect([], 'a.txt'))).toBe('empty');
    expect(await reason(inspect([Buffer.from('MZ')], 'a.pdf'))).toBe('type_refused');
    expect(await reason(inspect([Buffer.from('ok')], 'a.txt'))).toBe('accepted');
    const late = [Buffer.from('a'.repeat(100)), Buffer.from('b\u0000c')];
    expect(await reason(inspect(late, 'a.txt'))).toBe('type_refused');
    const c1 = [Buffer.from('a'.repeat(100)), Buffer.from('\u0085')];
    expect(await reason(inspect(c1, 'a.txt'))).toBe('type_refused');
    const split = Buffer.from('a'.repeat(30) + 'é');
    expect(await reason(inspect([split.subarray(0, 31), split.subarray(31)], 'a.txt'))).toBe(
      'accepted',
    );
    expect(await reason(inspect([Buffer.from('a'.repeat(30)), Buffer.of(0xc3)], 'a.txt'))).toBe(
      'type_refused',
    );
    expect(await reason(inspect([Buffer.from('%PDF-1.4 and more bytes')], 'a.txt'))).toBe(
      'type_mismatch',
    );
  });
});
