/**
 * The background job that renders a version's preview pages, text and thumbnail (never on the
 * request path). A file the renderer cannot handle gets `failed` and stays downloadable; other
 * errors (database, disk) are retried by the job worker, then `failed` after the last attempt.
 */
import type { JobHandler } from '../../platform/jobs/job-worker.ts';
import { PreviewError } from '../../platform/files/preview-renderer.ts';
import type { DerivedPart, DocumentFiles } from './document-files.ts';
import { typeOfMime } from './document-views.service.ts';
import type { DocumentsDeps } from './documents.deps.ts';
import { createDocumentsRepository } from './documents.repository.ts';

/** Creates the handler of PREVIEW_JOB. */
export function createPreviewJobHandler(deps: DocumentsDeps, files: DocumentFiles): JobHandler {
  const repository = () => createDocumentsRepository(deps.db);

  const markFailed = (versionId: string) =>
    repository().setPreview(versionId, {
      preview_status: 'failed',
      preview_kind: null,
      page_count: 0,
      has_thumbnail: 0,
    });

  return {
    async run(job) {
      const versionId = String(job.payload.versionId);
      const version = await repository().findVersion(versionId);
      // Deleted since, or already done by a worker whose completion raced this one: nothing to do.
      if (!version || version.preview_status !== 'pending') return;
      const type = typeOfMime(version.mime_type);
      if (!type) {
        await markFailed(versionId);
        return;
      }
      // The renderers need random access (pdf.js) or the whole image (sharp): the plaintext of
      // one version, at most CARNET_MAX_DOCUMENT_BYTES, is held while one job runs.
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of await files.openFile(version)) {
        const bytes = chunk as Buffer;
        total += bytes.length;
        if (total > deps.maxDocumentBytes * 2) throw new Error('version larger than the limit');
        chunks.push(bytes);
      }
      let rendered;
      try {
        rendered = await deps.previews.render(type, Buffer.concat(chunks, total));
      } catch (error) {
        if (!(error instanceof PreviewError)) throw error;
        await markFailed(versionId);
        return;
      }
      const dataKey = files.unwrap(version);
      try {
        const parts: Array<[DerivedPart, Buffer]> = rendered.pages.map((page, i) => [
          `page-${i + 1}`,
          page,
        ]);
        if (rendered.thumbnail) parts.push(['thumbnail', rendered.thumbnail]);
        if (rendered.text !== null) parts.push(['text', Buffer.from(rendered.text, 'utf8')]);
        for (const [part, bytes] of parts) await files.putDerived(version, dataKey, part, bytes);
      } finally {
        dataKey.fill(0);
      }
      const recorded = await repository().setPreview(versionId, {
        preview_status: 'ready',
        preview_kind: rendered.kind,
        page_count: rendered.pages.length,
        has_thumbnail: rendered.thumbnail ? 1 : 0,
      });
      // Deleted while rendering: its derived parts must not outlive it.
      if (!recorded && !(await repository().findVersion(versionId)))
        await files.removeDerived(versionId);
    },
    async giveUp(job) {
      await markFailed(String(job.payload.versionId));
    },
  };
}
