/**
 * The encrypted bytes of document versions (SECURITY.md "Data at rest"): one random data key per
 * version, wrapped by the current KEK; the file and everything derived from it (pages, thumbnail,
 * text) are envelopes under that key, each with additional data naming patient, document, version
 * and part, so no blob decrypts in another place. Deleting the wrapped key shreds them all.
 */
import { Readable, pipeline } from 'node:stream';
import type { BlobStore } from '../../platform/blobs/blob-store.ts';
import { BlobNotFoundError } from '../../platform/blobs/blob-store.ts';
import { createDecryptStream, createEncryptStream } from '../../platform/crypto/envelope.ts';
import type { Keyring } from '../../platform/crypto/keyring.ts';
import type { DocumentVersionsTable } from '../../platform/db/schema-documents.ts';
import { documentsErrors } from './documents.errors.ts';

/** A part derived from a version by the preview job. */
export type DerivedPart = 'thumbnail' | 'text' | `page-${number}`;

/** The facts of a version that name and unlock its blobs. */
export type VersionKeyFacts = Pick<
  DocumentVersionsTable,
  'id' | 'patient_id' | 'document_id' | 'version' | 'blob_key' | 'wrapped_key' | 'kek_version'
>;

/** Blob key of a version's file: server-generated ids only (SECURITY.md "Files"). */
export const versionBlobKey = (versionId: string): string => `documents/${versionId}`;

/** Blob key of a derived part. */
export const derivedBlobKey = (versionId: string, part: DerivedPart): string =>
  `documents/${versionId}/${part}`;

/** The version a blob key belongs to, or undefined for keys that are not document blobs. */
export function versionIdOfBlobKey(key: string): string | undefined {
  const match = /^documents\/([a-z0-9_]+)(?:\/[a-z0-9-]+)?$/.exec(key);
  return match?.[1];
}

/** Additional data of a version's file. */
export const fileAad = (v: Pick<VersionKeyFacts, 'patient_id' | 'document_id' | 'version'>) =>
  `carnet/doc/v1|${v.patient_id}|${v.document_id}|${v.version}`;

/** Additional data of a derived part: distinct from the file's, so parts cannot be swapped. */
export const derivedAad = (
  v: Pick<VersionKeyFacts, 'patient_id' | 'document_id' | 'version'>,
  part: DerivedPart,
) => `carnet/doc-derived/v1|${v.patient_id}|${v.document_id}|${v.version}|${part}`;

/** Every derived part a version may have, for deletion. */
export function possibleDerivedParts(maxPages: number): DerivedPart[] {
  const pages = Array.from({ length: maxPages }, (_, i) => `page-${i + 1}` as const);
  return ['thumbnail', 'text', ...pages];
}

/** Creates the helpers over the keyring and the blob store. */
export function createDocumentFiles(deps: {
  keyring: Keyring;
  blobs: BlobStore;
  maxPages: number;
}) {
  const { keyring, blobs } = deps;

  const unwrap = (v: VersionKeyFacts): Buffer => {
    if (v.wrapped_key === '') throw documentsErrors.unavailable();
    return keyring.unwrapKey({
      kekVersion: v.kek_version,
      wrapped: Buffer.from(v.wrapped_key, 'base64'),
    });
  };

  const open = async (key: string, dataKey: Buffer, aad: string): Promise<Readable> => {
    let source: Readable;
    try {
      source = await blobs.get(key);
    } catch (error) {
      if (error instanceof BlobNotFoundError) throw documentsErrors.unavailable();
      throw error;
    }
    // pipeline destroys both sides on error: an altered blob ends the response, never half-valid.
    return pipeline(source, createDecryptStream({ key: dataKey, aad }), () => undefined);
  };

  return {
    /** Wraps a fresh data key with the current KEK, in the columns' form. */
    wrap(dataKey: Buffer): Pick<DocumentVersionsTable, 'wrapped_key' | 'kek_version'> {
      const wrapped = keyring.wrapKey(dataKey);
      return { wrapped_key: wrapped.wrapped.toString('base64'), kek_version: wrapped.kekVersion };
    },
    unwrap,
    /** The plaintext of a version's file, streamed and authenticated segment by segment. */
    openFile(v: VersionKeyFacts): Promise<Readable> {
      return open(v.blob_key, unwrap(v), fileAad(v));
    },
    /** The plaintext of a derived part. */
    openDerived(v: VersionKeyFacts, part: DerivedPart): Promise<Readable> {
      return open(derivedBlobKey(v.id, part), unwrap(v), derivedAad(v, part));
    },
    /** Encrypts and stores a derived part. */
    async putDerived(v: VersionKeyFacts, dataKey: Buffer, part: DerivedPart, bytes: Buffer) {
      const encrypted = pipeline(
        Readable.from([bytes]),
        createEncryptStream({ key: dataKey, aad: derivedAad(v, part) }),
        () => undefined,
      );
      await blobs.put(derivedBlobKey(v.id, part), encrypted);
    },
    /** Removes the derived parts of a version. */
    async removeDerived(versionId: string): Promise<void> {
      for (const part of possibleDerivedParts(deps.maxPages))
        await blobs.delete(derivedBlobKey(versionId, part));
    },
    /** Removes the file and its derived parts (after the rows are gone: the database decides). */
    async removeAll(v: Pick<VersionKeyFacts, 'id' | 'blob_key'>): Promise<void> {
      await blobs.delete(v.blob_key);
      for (const part of possibleDerivedParts(deps.maxPages))
        await blobs.delete(derivedBlobKey(v.id, part));
    },
  };
}

/** The document files helpers. */
export type DocumentFiles = ReturnType<typeof createDocumentFiles>;
