// Renders the first pages of a PDF to PNG in a worker thread, so a slow or hostile PDF never blocks
// the server's event loop and can be stopped (terminate) on timeout or memory limit.
// Plain JavaScript on purpose: on Node 20 a worker thread cannot load TypeScript through tsx.
// Input (workerData): { bytes: Uint8Array, maxPages, maxWidth, maxPixels, maxImagePixels,
// fontDir, cmapDir, wasmDir }. Output (message): { pageCount, pages: Uint8Array[] } or { error }.
import { parentPort, workerData } from 'node:worker_threads';

const { bytes, maxPages, maxWidth, maxPixels, maxImagePixels, fontDir, cmapDir, wasmDir } =
  workerData;

async function render() {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: bytes,
    standardFontDataUrl: fontDir,
    cMapUrl: cmapDir,
    cMapPacked: true,
    wasmUrl: wasmDir,
    // No code generated from the document (fonts compiled to JS), no fonts from the system.
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    // Embedded images above this pixel count are not decoded (decompression bombs).
    maxImageSize: maxImagePixels,
    stopAtErrors: false,
    verbosity: 0,
  });
  const pdf = await task.promise;
  try {
    const pages = [];
    const count = Math.min(pdf.numPages, maxPages);
    for (let n = 1; n <= count; n++) {
      const page = await pdf.getPage(n);
      const base = page.getViewport({ scale: 1 });
      // Scale to the preview width, and down further for pages declaring a huge media box.
      let scale = maxWidth / base.width;
      if (base.width * base.height * scale * scale > maxPixels)
        scale = Math.sqrt(maxPixels / (base.width * base.height));
      const viewport = page.getViewport({ scale });
      const width = Math.max(1, Math.floor(viewport.width));
      const height = Math.max(1, Math.floor(viewport.height));
      // The canvas comes from pdfjs's own factory: its @napi-rs/canvas build matches its Path2D.
      const { canvas, context } = pdf.canvasFactory.create(width, height);
      await page.render({ canvasContext: context, viewport, canvas }).promise;
      pages.push(await canvas.encode('png'));
      pdf.canvasFactory.destroy({ canvas, context });
      page.cleanup();
    }
    return { pageCount: count, pages };
  } finally {
    await pdf.destroy();
  }
}

render().then(
  (result) => parentPort.postMessage(result),
  (error) => parentPort.postMessage({ error: error instanceof Error ? error.name : 'Error' }),
);
