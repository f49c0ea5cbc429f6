/** Wires the documents services together; deps.ts calls this once. */
import { createDocumentFiles } from './document-files.ts';
import { createDocumentMaintenanceService } from './document-maintenance.service.ts';
import { createPreviewJobHandler } from './document-previews.job.ts';
import { createDocumentUploadService } from './document-upload.service.ts';
import { createDocumentViewsService } from './document-views.service.ts';
import type { DocumentsDeps } from './documents.deps.ts';
import { createDocumentsService } from './documents.service.ts';
import { createFoldersService } from './folders.service.ts';

/** The services of the documents module, and the handler of its preview job. */
export function createDocumentsModule(deps: DocumentsDeps) {
  const files = createDocumentFiles({
    keyring: deps.keyring,
    blobs: deps.blobs,
    maxPages: deps.previews.limits.maxPages,
  });
  const documents = createDocumentsService(deps, files);
  return {
    files,
    documents,
    uploads: createDocumentUploadService(deps, files),
    views: createDocumentViewsService(deps, files, documents),
    folders: createFoldersService(deps),
    previewJob: createPreviewJobHandler(deps, files),
    maintenance: createDocumentMaintenanceService(deps, files),
  };
}

/** The documents module. */
export type DocumentsModule = ReturnType<typeof createDocumentsModule>;
