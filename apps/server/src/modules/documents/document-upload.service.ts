/**
 * Adding a document (PRODUCT.md "Add", SECURITY.md "Files" and "Durability"). Two phases so that
 * a crash at any point leaves the whole document or nothing visible:
 *   stage  — stream: inspect (size, type, UTF-8, SHA-256) → encrypt → blob (temp → fsync → rename);
 *   commit — one transaction: rows, trace `document.add`, preview job. The blob is removed if the
 *            commit fails; a crash between the two leaves an orphan blob that `carnet check` sweeps.
 */
import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import type { TraceInput } from '../../platform/audit/trace-store.ts';
import type { Db } from '../../platform/db/schema.ts';
import { createEncryptStream, generateDataKey } from '../../platform/crypto/envelope.ts';
import type { InspectedFile } from '../../platform/files/file-inspector.ts';
import { FileRejectedError, createFileInspector } from '../../platform/files/file-inspector.ts';
import { cleanFileName } from '../../platform/files/file-names.ts';
import { hasPreview } from '../../platform/files/preview-renderer.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import type { DocumentFiles } from './document-files.ts';
import { fileAad, versionBlobKey } from './document-files.ts';
import type { DocumentsDeps } from './documents.deps.ts';
import { PREVIEW_JOB } from './documents.deps.ts';
import { documentsErrors } from './documents.errors.ts';
import { createDocumentsRepository, searchText } from './documents.repository.ts';
import { checkDocumentDate, parseUploadFields, todayInFrance } from './documents.schemas.ts';
import { createFoldersRepository } from './folders.repository.ts';

/** Who added a document; a professional's name is kept as shown at the time of deposit. */
export type DocumentAuthor =
  | { type: 'patient' }
  | { type: 'professional'; id: string; name: string; profession: string | null }
  | { type: 'establishment' | 'system'; id: string | null; name: string };

/** A file written to the blob store, not yet a document. */
export interface StagedUpload {
  patientId: string;
  documentId: string;
  versionId: string;
  blobKey: string;
  fileName: string;
  file: InspectedFile;
  wrappedKey: string;
  kekVersion: string;
}

/**
 * The professional side's hold on a commit: the access gate decides (and traces `document.add`,
 * allowed or denied) inside the commit's transaction, so a block committed meanwhile counts.
 */
export interface CommitGate {
  /** Decides and traces; false: nothing is added, the denial's trace still commits. */
  authorize(
    trx: Db,
    facts: { documentId: string; details: Record<string, string | number | boolean | null> },
  ): Promise<boolean>;
  /** Runs after the rows, in the same transaction (notifications, a notice due later). */
  afterInsert?(trx: Db, documentId: string): Promise<void>;
}

/** The file part of an upload. */
export interface IncomingFile {
  stream: Readable;
  fileName: string;
  /** The declared Content-Type of the part. */
  contentType: string | undefined;
}

/** Creates the upload service. */
export function createDocumentUploadService(deps: DocumentsDeps, files: DocumentFiles) {
  const refusal = (error: unknown): unknown =>
    error instanceof FileRejectedError
      ? documentsErrors.fromRejection(error.reason, deps.maxDocumentBytes)
      : error;

  async function discard(staged: Pick<StagedUpload, 'blobKey' | 'versionId'>): Promise<void> {
    await deps.blobs.delete(staged.blobKey);
  }

  /** Streams the file into the blob store, encrypted; nothing is left on disk if it fails. */
  async function stage(patientId: string, incoming: IncomingFile): Promise<StagedUpload> {
    const documentId = deps.newId('doc');
    const versionId = deps.newId('ver');
    const blobKey = versionBlobKey(versionId);
    const dataKey = generateDataKey();
    const inspector = createFileInspector({
      maxBytes: deps.maxDocumentBytes,
      fileName: incoming.fileName,
      contentType: incoming.contentType,
    });
    let piped: (error: Error | undefined) => void = () => undefined;
    const pipelineDone = new Promise<Error | undefined>((resolve) => (piped = resolve));
    const encrypted = pipeline(
      incoming.stream,
      inspector.stream,
      createEncryptStream({
        key: dataKey,
        aad: fileAad({ patient_id: patientId, document_id: documentId, version: 1 }),
      }),
      (error) => piped(error ?? undefined),
    );
    try {
      await deps.blobs.put(blobKey, encrypted);
    } catch (putError) {
      const pipeError = await pipelineDone;
      // The inspector's verdict explains the failure better than the store's premature close.
      const known = [pipeError, putError].find(
        (e) => e instanceof FileRejectedError || e instanceof AppError,
      );
      throw refusal(known ?? putError);
    }
    await pipelineDone;
    const wrapped = files.wrap(dataKey);
    dataKey.fill(0);
    return {
      patientId,
      documentId,
      versionId,
      blobKey,
      fileName: cleanFileName(incoming.fileName),
      file: inspector.result(),
      wrappedKey: wrapped.wrapped_key,
      kekVersion: wrapped.kek_version,
    };
  }

  /** What one commit writes: a staged file, its metadata, its author and the professional's gate. */
  interface CommitInput {
    staged: StagedUpload;
    fields: Record<string, unknown>;
    author: DocumentAuthor;
    actor: TraceInput['actor'];
    /** Professional side: the gate's decision replaces the `document.add` trace written here. */
    gate?: CommitGate | undefined;
    /** Set by a PS pending an announcement consultation (ISO-8601), null otherwise. */
    invisibleToPatientUntil?: string | null | undefined;
    /** Set by a PS for a minor: invisible to the legal representatives. */
    invisibleToLegalRepresentatives?: boolean | undefined;
  }

  /** Writes one document's rows, trace and preview job in `trx`; false when the gate denies. */
  async function writeRows(trx: Db, input: CommitInput, now: Date): Promise<boolean> {
    const { staged, author } = input;
    const patientId = staged.patientId;
    const meta = parseUploadFields(input.fields);
    const date = checkDocumentDate(meta.date ?? todayInFrance(now), now);
    const at = now.toISOString();
    const folders = createFoldersRepository(trx);
    const folderId = meta.folderId ? meta.folderId : null;
    if (folderId && !(await folders.find(patientId, folderId)))
      throw documentsErrors.folderNotFound();
    const confidentiality =
      meta.confidentiality ?? ((await folders.maskNewByDefault(patientId)) ? 'masque' : 'visible');
    const preview = hasPreview(staged.file.type) ? 'pending' : 'none';
    const details = { mimeType: staged.file.mimeType, size: staged.file.size, confidentiality };
    if (input.gate) {
      const allowed = await input.gate.authorize(trx, {
        documentId: staged.documentId,
        details: { ...details, invisibleToPatient: Boolean(input.invisibleToPatientUntil) },
      });
      if (!allowed) return false;
    }
    await createDocumentsRepository(trx).insert(
      {
        id: staged.documentId,
        patient_id: patientId,
        title: meta.title,
        title_search: searchText(meta.title),
        doc_date: date,
        category: meta.category,
        confidentiality,
        invisible_to_patient_until: input.invisibleToPatientUntil ?? null,
        invisible_to_legal_reps: input.invisibleToLegalRepresentatives ? 1 : 0,
        folder_id: folderId,
        pinned: 0,
        author_type: author.type,
        author_id: author.type === 'patient' ? patientId : author.id,
        author_name: author.type === 'patient' ? null : author.name,
        author_profession: author.type === 'professional' ? author.profession : null,
        current_version: 1,
        created_at: at,
        updated_at: at,
        deleted_at: null,
      },
      {
        id: staged.versionId,
        patient_id: patientId,
        document_id: staged.documentId,
        version: 1,
        blob_key: staged.blobKey,
        mime_type: staged.file.mimeType,
        file_name: staged.fileName,
        size: staged.file.size,
        sha256: staged.file.sha256,
        sha1: staged.file.sha1,
        wrapped_key: staged.wrappedKey,
        kek_version: staged.kekVersion,
        preview_status: preview,
        preview_kind: null,
        page_count: 0,
        has_thumbnail: 0,
        created_at: at,
      },
    );
    if (!input.gate)
      await deps.traces.append(trx, {
        patientId,
        actor: input.actor,
        action: 'document.add',
        target: { type: 'document', id: staged.documentId },
        details,
      });
    if (preview === 'pending')
      await deps.jobs.enqueue(trx, {
        type: PREVIEW_JOB,
        patientId,
        payload: { versionId: staged.versionId },
      });
    await input.gate?.afterInsert?.(trx, staged.documentId);
    return true;
  }

  /**
   * Commits several staged files as documents in ONE transaction (FHIR ITI-65: all or nothing,
   * with their traces). Any error rolls every row and trace back and removes every blob; a gate
   * denial (decided on the first document) commits only the denial's trace, then answers 404.
   */
  async function commitMany(
    inputs: CommitInput[],
    options: {
      /** More rows of the same action, written in its transaction once every document is. */
      afterAll?: (trx: Db, documentIds: string[]) => Promise<void>;
    } = {},
  ): Promise<string[]> {
    let allowed = true;
    try {
      const now = deps.clock.now();
      await deps.db.transaction().execute(async (trx) => {
        for (const input of inputs) {
          allowed = await writeRows(trx, input, now);
          if (!allowed) return;
        }
        await options.afterAll?.(
          trx,
          inputs.map((input) => input.staged.documentId),
        );
      });
    } catch (error) {
      for (const input of inputs) await discard(input.staged);
      throw error;
    }
    if (!allowed) {
      // Denied like a missing record (ACCESS.md): the bytes go, the denial's trace stays.
      for (const input of inputs) await discard(input.staged);
      throw notFound();
    }
    deps.jobs.notify();
    return inputs.map((input) => input.staged.documentId);
  }

  /** Validates the metadata and writes the rows, trace and preview job in one transaction. */
  async function commit(input: CommitInput): Promise<string> {
    const [id] = await commitMany([input]);
    return id ?? input.staged.documentId;
  }

  return {
    stage,
    commit,
    commitMany,
    discard,
    /**
     * Adds a document in one call, for callers that have the metadata before the file: seed data,
     * the professional side, FHIR. Returns the new document id.
     */
    async addDocument(input: {
      patientId: string;
      author: DocumentAuthor;
      actor: TraceInput['actor'];
      fields: Record<string, unknown>;
      file: IncomingFile;
      invisibleToLegalRepresentatives?: boolean;
    }): Promise<string> {
      // Fail before writing a byte when the metadata is already wrong.
      parseUploadFields(input.fields);
      const staged = await stage(input.patientId, input.file);
      return commit({
        staged,
        fields: input.fields,
        author: input.author,
        actor: input.actor,
        invisibleToLegalRepresentatives: input.invisibleToLegalRepresentatives,
      });
    },
  };
}

/** The upload service. */
export type DocumentUploadService = ReturnType<typeof createDocumentUploadService>;
