/**
 * "Télécharger mes données": every document the requester may see now (same scope as the list:
 * no logically deleted one, none still invisible to the patient, none invisible to the legal
 * representatives when one of them asked), with its folder and a way to
 * open its original file, decrypted as a download would be.
 */
import type { Readable } from 'node:stream';
import type { DocumentFiles } from './document-files.ts';
import type { DocumentsDeps } from './documents.deps.ts';
import { documentScope } from './documents.policy.ts';
import { createDocumentsRepository } from './documents.repository.ts';
import { documentsErrors } from './documents.errors.ts';
import { createFoldersRepository } from './folders.repository.ts';

/** One document of the export. */
export interface ExportedDocument {
  id: string;
  title: string;
  /** "Date du document", YYYY-MM-DD. */
  date: string;
  category: string;
  folderName: string | null;
  authorName: string | null;
  authorType: string;
  mimeType: string;
  fileName: string;
  size: number;
  sha256: string;
  createdAt: string;
  /** The original file, decrypted and authenticated while it streams. */
  open(): Promise<Readable>;
}

const PAGE = 200;

/** Creates the export port of the documents module. */
export function createDocumentExport(deps: DocumentsDeps, files: DocumentFiles) {
  return {
    /**
     * Every document the requester may see, oldest first: a legal representative's archive
     * leaves out the INVISIBLE_REPRESENTANTS_LEGAUX ones (ACCESS.md "Patient side").
     */
    async listForExport(
      patientId: string,
      viewer: { legalRepresentative: boolean } = { legalRepresentative: false },
    ): Promise<ExportedDocument[]> {
      const repository = createDocumentsRepository(deps.db);
      const scope = documentScope(
        viewer.legalRepresentative
          ? { type: 'patient', patientId, acting: { role: 'representant-legal', personId: '' } }
          : { type: 'patient', patientId },
        deps.clock.now(),
      );
      const folders = new Map(
        (await createFoldersRepository(deps.db).list(patientId)).map((f) => [f.id, f.name]),
      );
      const out: ExportedDocument[] = [];
      for (let offset = 0; ; offset += PAGE) {
        const { rows } = await repository.list(scope, {
          sort: 'date',
          order: 'asc',
          pinnedFirst: false,
          offset,
          limit: PAGE,
        });
        for (const row of rows) {
          const version = await repository.findVersion(row.version_id);
          if (!version) continue;
          out.push({
            id: row.id,
            title: row.title,
            date: row.doc_date,
            category: row.category,
            folderName: row.folder_id ? (folders.get(row.folder_id) ?? null) : null,
            authorName: row.author_name,
            authorType: row.author_type,
            mimeType: row.mime_type,
            fileName: row.file_name,
            size: Number(row.size),
            sha256: version.sha256,
            createdAt: row.created_at,
            open: async () => {
              if (version.wrapped_key === '') throw documentsErrors.unavailable();
              return files.openFile(version);
            },
          });
        }
        if (rows.length < PAGE) return out;
      }
    },
  };
}

/** The export port. */
export type DocumentExport = ReturnType<typeof createDocumentExport>;
