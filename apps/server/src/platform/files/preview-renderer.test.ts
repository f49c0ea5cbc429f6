import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import PDFDocument from 'pdfkit';
import { PreviewError, createPreviewRenderer } from './preview-renderer.ts';

async function pdfBytes(text: string, pages: number): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', resolve));
  for (let i = 0; i < pages; i++) {
    if (i > 0) doc.addPage();
    doc.text(`${text} ${i + 1}`);
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

const reason = (p: Promise<unknown>) =>
  p.then(
    () => 'rendered',
    (e: unknown) => (e instanceof PreviewError ? e.reason : String(e)),
  );

describe('the preview renderer', () => {
  test('renders at most the first pages of a PDF, at the preview width, with a thumbnail', async () => {
    const renderer = createPreviewRenderer({ maxPages: 2, pageWidth: 600 });
    const result = await renderer.render('pdf', await pdfBytes('Bonjour', 4));
    expect(result.kind).toBe('pages');
    expect(result.pages).toHaveLength(2);
    expect((await sharp(result.pages[0]).metadata()).width).toBe(600);
    expect((await sharp(result.thumbnail!).metadata()).width).toBe(240);
  });

  test('stops a PDF that takes longer than its time limit', async () => {
    const renderer = createPreviewRenderer({ timeoutMs: 1 });
    expect(await reason(renderer.render('pdf', await pdfBytes('Lent', 5)))).toBe('timeout');
  });

  test('refuses bytes that are not what their type says, and images over the pixel limit', async () => {
    const renderer = createPreviewRenderer({ maxInputPixels: 10_000 });
    expect(await reason(renderer.render('pdf', Buffer.from('%PDF-1.7 nothing else')))).toBe(
      'unreadable',
    );
    expect(await reason(renderer.render('png', Buffer.from('\x89PNG\r\n\x1a\n garbage')))).toBe(
      'unreadable',
    );
    const big = await sharp({
      create: { width: 200, height: 200, channels: 3, background: '#000' },
    })
      .png()
      .toBuffer();
    expect(await reason(renderer.render('png', big))).toBe('too_large');
    expect(await reason(renderer.render('rtf', Buffer.from('{\\rtf1}')))).toBe('unsupported');
  });
});
