/**
 * The encrypted parts of messages (SECURITY.md "Data at rest", issue 12). Subjects and bodies are
 * sealed with a per-record key derived from the keyring (AES-256-GCM, additional data naming the
 * row, so a sealed value cannot be moved to another row or record). Attachments go through the
 * documents' pipeline pieces — byte inspection, envelope encryption under a fresh data key wrapped
 * by the current KEK, the blob store — with their own additional data, so an attachment blob never
 * decrypts as a document version or the other way round.
 */
import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import type { BlobStore } from '../../platform/blobs/blob-store.ts';
import { BlobNotFoundError } from '../../platform/blobs/blob-store.ts';
import {
  createDecryptStream,
  createEncryptStream,
  generateDataKey,
} from '../../platform/crypto/envelope.ts';
import type { Keyring } from '../../platform/crypto/keyring.ts';
import { openText, sealText } from '../../platform/crypto/sealed.ts';
import type { MessageAttachmentsTable } from '../../platform/db/schema-messaging.ts';
import type { InspectedFile } from '../../platform/files/file-inspector.ts';
import { FileRejectedError, createFileInspector } from '../../platform/files/file-inspector.ts';
import { cleanFileName } from '../../platform/files/file-names.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { messagingErrors } from './messaging.errors.ts';

/** Blob key of an attachment: server-generated ids only, outside the documents' prefix. */
export const attachmentBlobKey = (attachmentId: string): string => `messages/${attachmentId}`;

/** The attachment a blob key belongs to, or undefined for another domain's blob. */
export function attachmentIdOfBlobKey(key: string): string | undefined {
  return /^messages\/(att_[a-zA-Z0-9_-]+)$/.exec(key)?.[1];
}

/** Additional data of an attachment's file: distinct from documents' `carnet/doc/v1|…`. */
export const attachmentAad = (patientId: string, attachmentId: string) =>
  `carnet/msg-att/v1|${patientId}|${attachmentId}`;

/** A file incoming for a message. */
export interface IncomingAttachment {
  stream: Readable;
  fileName: string;
  contentType: string | undefined;
}

/** An attachment written to the blob store, not yet part of a message. */
export interface StagedAttachment {
  id: string;
  patientId: string;
  blobKey: string;
  fileName: string;
  file: InspectedFile;
  wrappedKey: string;
  kekVersion: string;
}

/** Creates the sealing and attachment helpers. */
export function createMessageFiles(deps: {
  keyring: Keyring;
  blobs: BlobStore;
  newId: (prefix: string) => string;
}) {
  const { keyring, blobs } = deps;
  // One key per record, derived: HKDF info names the purpose and the record (NIST SP 800-108).
  const recordKey = (patientId: string) => keyring.deriveKey(`carnet/messages:${patientId}`);

  return {
    /** Seals a subject or body for `row` ("conversation:<id>", "message:<id>") of a record. */
    seal(patientId: string, row: string, text: string): string {
      return sealText(recordKey(patientId), text, `carnet/msg/v1|${patientId}|${row}`);
    },
    /** Opens what `seal` produced for the same record and row. */
    open(patientId: string, row: string, sealed: string): string {
      return openText(recordKey(patientId), sealed, `carnet/msg/v1|${patientId}|${row}`);
    },

    /**
     * Streams one file through the inspector (type, size ≤ `maxBytes`, SHA-256) and the envelope
     * into the blob store. A refused or interrupted file leaves no blob; the inspector's
     * FileRejectedError is rethrown for the caller to word.
     */
    async stage(
      patientId: string,
      incoming: IncomingAttachment,
      maxBytes: number,
    ): Promise<StagedAttachment> {
      const id = deps.newId('att');
      const blobKey = attachmentBlobKey(id);
      const dataKey = generateDataKey();
      const inspector = createFileInspector({
        maxBytes,
        fileName: incoming.fileName,
        contentType: incoming.contentType,
      });
      let piped: (error: Error | undefined) => void = () => undefined;
      const pipelineDone = new Promise<Error | undefined>((resolve) => (piped = resolve));
      const encrypted = pipeline(
        incoming.stream,
        inspector.stream,
        createEncryptStream({ key: dataKey, aad: attachmentAad(patientId, id) }),
        (error) => piped(error ?? undefined),
      );
      try {
        await blobs.put(blobKey, encrypted);
      } catch (putError) {
        const pipeError = await pipelineDone;
        await blobs.delete(blobKey);
        throw (
          [pipeError, putError].find(
            (e) => e instanceof FileRejectedError || e instanceof AppError,
          ) ?? putError
        );
      }
      await pipelineDone;
      const wrapped = keyring.wrapKey(dataKey);
      dataKey.fill(0);
      return {
        id,
        patientId,
        blobKey,
        fileName: cleanFileName(incoming.fileName),
        file: inspector.result(),
        wrappedKey: wrapped.wrapped.toString('base64'),
        kekVersion: wrapped.kekVersion,
      };
    },

    /** The same data key wrapped again under the current KEK (`carnet keys rewrap`). */
    rewrap(row: Pick<MessageAttachmentsTable, 'wrapped_key' | 'kek_version'>) {
      const key = keyring.unwrapKey({
        kekVersion: row.kek_version,
        wrapped: Buffer.from(row.wrapped_key, 'base64'),
      });
      const wrapped = keyring.wrapKey(key);
      key.fill(0);
      return { wrapped_key: wrapped.wrapped.toString('base64'), kek_version: wrapped.kekVersion };
    },

    /** The version new data keys are wrapped with. */
    get currentKekVersion(): string {
      return keyring.currentVersion;
    },

    /** Removes staged blobs that will not be committed (a missing blob is not an error). */
    async discard(staged: readonly Pick<StagedAttachment, 'blobKey'>[]): Promise<void> {
      for (const s of staged) await blobs.delete(s.blobKey);
    },

    /** The plaintext of a stored attachment, authenticated segment by segment as it streams. */
    async openAttachment(
      row: Pick<
        MessageAttachmentsTable,
        'id' | 'patient_id' | 'blob_key' | 'wrapped_key' | 'kek_version'
      >,
    ): Promise<Readable> {
      const key = keyring.unwrapKey({
        kekVersion: row.kek_version,
        wrapped: Buffer.from(row.wrapped_key, 'base64'),
      });
      let source: Readable;
      try {
        source = await blobs.get(row.blob_key);
      } catch (error) {
        if (error instanceof BlobNotFoundError) throw messagingErrors.unavailable();
        throw error;
      }
      return pipeline(
        source,
        createDecryptStream({ key, aad: attachmentAad(row.patient_id, row.id) }),
        () => undefined,
      );
    },
  };
}

/** The message files helpers. */
export type MessageFiles = ReturnType<typeof createMessageFiles>;
