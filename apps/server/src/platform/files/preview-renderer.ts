/**
 * Previews and thumbnails of stored files, for the background jobs only (never on the request
 * path). Every renderer has limits (SECURITY.md "Files": images with a max pixel count, PDF parsed
 * with limits): PDF pages in a worker thread with a timeout and a heap cap, images through sharp
 * with `limitInputPixels`, text cut to its first 100 KB. Outputs are re-encoded images, so nothing
 * of the original file's structure reaches a browser through a preview.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { TextDecoder } from 'node:util';
import { Worker } from 'node:worker_threads';
import type sharpModule from 'sharp';
import type { AcceptedType } from './file-types.ts';

/** Limits of the renderers. */
export interface PreviewLimits {
  maxPages: number;
  /** Width of a rendered page or image, in pixels. */
  pageWidth: number;
  /** Most pixels of one rendered page. */
  maxPagePixels: number;
  /** Most pixels of an input image (sharp `limitInputPixels`, pdf.js `maxImageSize`). */
  maxInputPixels: number;
  timeoutMs: number;
  /** Heap cap of the PDF worker thread. */
  maxHeapMb: number;
  thumbnailWidth: number;
  textBytes: number;
}

/** Defaults: 5 pages, 1240 px wide (A4 at 150 dpi), 50 MP inputs, 30 s, 100 KB of text. */
export const defaultPreviewLimits: PreviewLimits = {
  maxPages: 5,
  pageWidth: 1240,
  maxPagePixels: 1240 * 1754 * 2,
  maxInputPixels: 50_000_000,
  timeoutMs: 30_000,
  maxHeapMb: 256,
  thumbnailWidth: 240,
  textBytes: 100 * 1024,
};

/** What a renderer produced. */
export interface RenderedPreview {
  kind: 'pages' | 'image' | 'text';
  /** Rendered pages (one for an image), in `previewPageContentType` of the source type. */
  pages: Buffer[];
  /** A WebP about `thumbnailWidth` wide, or null (text). */
  thumbnail: Buffer | null;
  text: string | null;
}

/** The file cannot be previewed (unreadable, too big, too slow): stored anyway, preview `failed`. */
export class PreviewError extends Error {
  override name = 'PreviewError';
  constructor(readonly reason: 'unreadable' | 'too_large' | 'timeout' | 'unsupported') {
    super(`preview failed: ${reason}`);
  }
}

/** Content type of rendered pages: photos stay JPEG (a PNG of a photo is several MB), the rest PNG. */
export function previewPageContentType(type: AcceptedType): 'image/jpeg' | 'image/png' {
  return type === 'jpeg' ? 'image/jpeg' : 'image/png';
}

/** Whether a type has a renderer at all (RTF has none: its preview is `none`). */
export function hasPreview(type: AcceptedType): boolean {
  return type !== 'rtf';
}

const require = createRequire(import.meta.url);
const pdfjsDir = dirname(require.resolve('pdfjs-dist/package.json'));
const workerUrl = new URL('./pdf-render.worker.mjs', import.meta.url);

// sharp is loaded on the first preview, not at start (PERFORMANCE.md B8: cold start).
let sharpLoaded: Promise<typeof sharpModule> | undefined;
const loadSharp = (): Promise<typeof sharpModule> =>
  (sharpLoaded ??= import('sharp').then(({ default: sharp }) => {
    // libvips' operation cache would keep decoded pixels of past previews in memory.
    sharp.cache(false);
    return sharp;
  }));

/** Creates the renderer. */
export function createPreviewRenderer(overrides: Partial<PreviewLimits> = {}) {
  const limits = { ...defaultPreviewLimits, ...overrides };
  const thumbnailOf = async (page: Buffer) =>
    (await loadSharp())(page, { limitInputPixels: limits.maxInputPixels })
      .resize({ width: limits.thumbnailWidth, withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();

  async function renderImage(type: 'jpeg' | 'png' | 'tiff', bytes: Buffer) {
    const sharp = await loadSharp();
    const input = { limitInputPixels: limits.maxInputPixels, failOn: 'error' as const };
    let pageCount = 1;
    if (type === 'tiff') {
      const meta = await sharp(bytes, input).metadata();
      pageCount = Math.min(meta.pages ?? 1, limits.maxPages);
    }
    const pages: Buffer[] = [];
    for (let page = 0; page < pageCount; page++) {
      // .rotate() applies the EXIF orientation; re-encoding drops every metadata (GPS…).
      const image = sharp(bytes, { ...input, page, pages: 1 })
        .rotate()
        .resize({
          width: limits.pageWidth,
          height: limits.pageWidth * 2,
          fit: 'inside',
          withoutEnlargement: true,
        });
      pages.push(await (type === 'jpeg' ? image.jpeg({ quality: 85 }) : image.png()).toBuffer());
    }
    return {
      kind: type === 'tiff' ? ('pages' as const) : ('image' as const),
      pages,
      thumbnail: await thumbnailOf(pages[0]!),
      text: null,
    };
  }

  function renderPdfPages(bytes: Buffer): Promise<Buffer[]> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(workerUrl, {
        workerData: {
          bytes: new Uint8Array(bytes),
          maxPages: limits.maxPages,
          maxWidth: limits.pageWidth,
          maxPixels: limits.maxPagePixels,
          maxImagePixels: limits.maxInputPixels,
          fontDir: `${join(pdfjsDir, 'standard_fonts')}/`,
          cmapDir: `${join(pdfjsDir, 'cmaps')}/`,
          wasmDir: `${join(pdfjsDir, 'wasm')}/`,
        },
        resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb },
        stdout: true,
        stderr: true,
      });
      let settled = false;
      const finish = (error: Error | undefined, pages?: Buffer[]) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        if (error) reject(error);
        else resolve(pages ?? []);
      };
      const timer = setTimeout(() => finish(new PreviewError('timeout')), limits.timeoutMs);
      worker.on('message', (message: { pages?: Uint8Array[]; error?: string }) => {
        if (!message.pages || message.pages.length === 0)
          return finish(new PreviewError('unreadable'));
        finish(
          undefined,
          message.pages.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)),
        );
      });
      worker.on('error', (error: NodeJS.ErrnoException) =>
        finish(
          new PreviewError(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'too_large' : 'unreadable'),
        ),
      );
      worker.on('exit', () => finish(new PreviewError('unreadable')));
    });
  }

  function renderText(bytes: Buffer): RenderedPreview {
    // A streaming decode keeps an incomplete last character back instead of showing U+FFFD.
    const text = new TextDecoder('utf-8').decode(bytes.subarray(0, limits.textBytes), {
      stream: true,
    });
    return { kind: 'text', pages: [], thumbnail: null, text: text.replace(/^\uFEFF/, '') };
  }

  return {
    limits,
    /** Renders the preview of a whole file (≤ the upload limit); throws PreviewError when it cannot. */
    async render(type: AcceptedType, bytes: Buffer): Promise<RenderedPreview> {
      try {
        switch (type) {
          case 'txt':
            return renderText(bytes);
          case 'pdf': {
            const pages = await renderPdfPages(bytes);
            return { kind: 'pages', pages, thumbnail: await thumbnailOf(pages[0]!), text: null };
          }
          case 'jpeg':
          case 'png':
          case 'tiff':
            return await renderImage(type, bytes);
          default:
            throw new PreviewError('unsupported');
        }
      } catch (error) {
        if (error instanceof PreviewError) throw error;
        // sharp and pdf.js describe bad input with plain Errors: the file is the problem.
        const message = error instanceof Error ? error.message : '';
        throw new PreviewError(/pixel limit/i.test(message) ? 'too_large' : 'unreadable');
      }
    },
  };
}

/** The preview renderer. */
export type PreviewRenderer = ReturnType<typeof createPreviewRenderer>;
