/**
 * Reading a document's bytes: download (decrypt + stream, never a whole-file buffer) and the
 * previews the background job rendered. Download and preview are traced as reads; page images and
 * thumbnails are parts of a read already traced (the preview or the list) and are not.
 */
import type { DocumentPreview } from '@carnet/shared';
import type { Readable } from 'node:stream';
import { acceptedTypes } from '../../platform/files/file-types.ts';
import type { AcceptedType } from '../../platform/files/file-types.ts';
import { previewPageContentType } from '../../platform/files/preview-renderer.ts';
import type { DocumentFiles, VersionKeyFacts } from './document-files.ts';
import type { DocumentsDeps } from './documents.deps.ts';
import { documentsErrors } from './documents.errors.ts';
import type { DocumentActor } from './documents.policy.ts';
import { traceActor } from './documents.policy.ts';
import type { DocumentRow } from './documents.repository.ts';
import { createDocumentsRepository } from './documents.repository.ts';
import type { DocumentsService } from './documents.service.ts';

/** A file ready to stream. */
export interface OpenedFile {
  stream: Readable;
  contentType: string;
  fileName: string;
  size: number;
}

/** The accepted type of a stored MIME type. */
export function typeOfMime(mimeType: string): AcceptedType | undefined {
  return (Object.keys(acceptedTypes) as AcceptedType[]).find(
    (t) => acceptedTypes[t].mimeType === mimeType,
  );
}

/** Creates the views service. */
export function createDocumentViewsService(
  deps: DocumentsDeps,
  files: DocumentFiles,
  documents: Pick<DocumentsService, 'getVisible'>,
) {
  const { db } = deps;

  async function versionOf(row: DocumentRow): Promise<VersionKeyFacts> {
    const version = await createDocumentsRepository(db).findVersion(row.version_id);
    if (!version) throw documentsErrors.unavailable();
    return version;
  }

  async function readTraced(actor: DocumentActor, id: string, action: string, part?: string) {
    return db.transaction().execute(async (trx) => {
      const row = await documents.getVisible(actor, id, trx);
      await deps.traces.append(trx, {
        patientId: actor.patientId,
        actor: traceActor(actor),
        action,
        target: { type: 'document', id },
        ...(part ? { details: { part } } : {}),
      });
      return row;
    });
  }

  const ready = (row: DocumentRow) => {
    if (row.preview_status !== 'ready') throw documentsErrors.previewNotReady();
  };

  /**
   * What each view serves from a row already allowed (and traced when it is a read). The patient's
   * methods below and the professional side (pro-documents.service) share them, so headers and
   * behaviour are the same for both.
   */
  const open = {
    async download(row: DocumentRow): Promise<OpenedFile> {
      const stream = await files.openFile(await versionOf(row));
      return {
        stream,
        contentType: row.mime_type,
        fileName: row.file_name,
        size: Number(row.size),
      };
    },
    preview(row: DocumentRow): DocumentPreview {
      return {
        status: row.preview_status,
        kind: row.preview_status === 'ready' ? row.preview_kind : null,
        pageCount: row.preview_status === 'ready' ? Number(row.page_count) : 0,
      };
    },
    async page(row: DocumentRow, n: number) {
      ready(row);
      if (row.preview_kind === 'text' || n < 1 || n > Number(row.page_count))
        throw documentsErrors.previewNotReady();
      const type = typeOfMime(row.mime_type);
      if (!type) throw documentsErrors.previewNotReady();
      const stream = await files.openDerived(await versionOf(row), `page-${n}`);
      return { stream, contentType: previewPageContentType(type) };
    },
    async thumbnail(row: DocumentRow) {
      ready(row);
      if (row.has_thumbnail !== 1) throw documentsErrors.previewNotReady();
      return { stream: await files.openDerived(await versionOf(row), 'thumbnail') };
    },
    async text(row: DocumentRow) {
      ready(row);
      if (row.preview_kind !== 'text') throw documentsErrors.previewNotReady();
      return { stream: await files.openDerived(await versionOf(row), 'text') };
    },
  };

  return {
    open,

    /** The original file, decrypted as it streams; traced `document.download`. */
    async download(actor: DocumentActor, id: string): Promise<OpenedFile> {
      return open.download(await readTraced(actor, id, 'document.download'));
    },

    /** What preview exists; traced `document.read`. */
    async preview(actor: DocumentActor, id: string): Promise<DocumentPreview> {
      return open.preview(await readTraced(actor, id, 'document.read', 'preview'));
    },

    /** Rendered page `n` (1-based) of a ready preview. */
    async page(actor: DocumentActor, id: string, n: number) {
      return open.page(await documents.getVisible(actor, id), n);
    },

    /** The thumbnail (WebP), 404 until the job made one. */
    async thumbnail(actor: DocumentActor, id: string) {
      return open.thumbnail(await documents.getVisible(actor, id));
    },

    /** The first 100 KB of a text document; traced `document.read`. */
    async text(actor: DocumentActor, id: string) {
      return open.text(await readTraced(actor, id, 'document.read', 'text'));
    },
  };
}

/** The views service. */
export type DocumentViewsService = ReturnType<typeof createDocumentViewsService>;
