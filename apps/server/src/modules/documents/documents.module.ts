/** Wires the documents services together; deps.ts calls this once. */
import { createDocumentEraser } from './document-erasure.ts';
import { createDocumentExport } from './document-export.ts';
import { createDocumentFiles } from './document-files.ts';
import { createDocumentMaintenanceService } from './document-maintenance.service.ts';
import { createPreviewJobHandler } from './document-previews.job.ts';
import { createDocumentUploadService } from './document-upload.service.ts';
import { createDocumentViewsService } from './document-views.service.ts';
import { createAwaitingNoticeJobHandler } from './document-notices.job.ts';
import type { DocumentsDeps, DocumentsPorts } from './documents.deps.ts';
import { createDocumentsService } from './documents.service.ts';
import { createFoldersService } from './folders.service.ts';
import { createProDocumentWritesService } from './pro-document-writes.service.ts';
import { createProDocumentReadsService } from './pro-documents.service.ts';
import { createProDocumentSearchService } from './pro-documents-search.service.ts';
import { createProDocumentBundleService } from './pro-document-bundle.service.ts';

/** The services of the documents module, and the handlers of its jobs (preview, notice). */
export function createDocumentsModule(deps: DocumentsDeps, ports: DocumentsPorts) {
  const files = createDocumentFiles({
    keyring: deps.keyring,
    blobs: deps.blobs,
    maxPages: deps.previews.limits.maxPages,
  });
  const documents = createDocumentsService(deps, files);
  const uploads = createDocumentUploadService(deps, files);
  const views = createDocumentViewsService(deps, files, documents);
  return {
    files,
    documents,
    uploads,
    views,
    /** The professional side: reads and writes, each decided by the access gate. */
    professional: {
      ...createProDocumentReadsService(deps, ports, views),
      ...createProDocumentWritesService(deps, ports, uploads),
      ...createProDocumentSearchService(deps, ports),
      ...createProDocumentBundleService(deps, ports, uploads),
    },
    folders: createFoldersService(deps),
    previewJob: createPreviewJobHandler(deps, files),
    awaitingNoticeJob: createAwaitingNoticeJobHandler(deps, ports.notifications),
    maintenance: createDocumentMaintenanceService(deps, files),
    /** Data export and erasure of a whole record (lifecycle, issue 14). */
    exportPort: createDocumentExport(deps, files),
    eraser: createDocumentEraser(files),
  };
}

/** The documents module. */
export type DocumentsModule = ReturnType<typeof createDocumentsModule>;
