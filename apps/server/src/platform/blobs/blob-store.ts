/** Where encrypted document bytes live: one interface, a file-system driver now, S3 later. */
import type { Readable } from 'node:stream';

/** One stored blob as listed. */
export interface BlobEntry {
  key: string;
  modifiedAt: Date;
  size: number;
}

/**
 * A store of immutable-by-replacement byte streams under server-generated keys. A `put` is atomic:
 * readers see the whole old content or the whole new one, and a failed `put` leaves nothing.
 */
export interface BlobStore {
  /** Streams `data` under `key`, replacing any previous blob only once all of it is durable. */
  put(key: string, data: Readable): Promise<{ size: number }>;
  /** Opens the blob for reading; throws BlobNotFoundError if there is none. */
  get(key: string): Promise<Readable>;
  /** Removes the blob; removing a missing blob is not an error (sweeps and retries repeat it). */
  delete(key: string): Promise<void>;
  /** Whether a blob exists under `key`. */
  exists(key: string): Promise<boolean>;
  /** Every blob, in no particular order (for sweeps and `carnet check`). */
  list(): AsyncIterable<BlobEntry>;
}

/** No blob under that key. */
export class BlobNotFoundError extends Error {
  override name = 'BlobNotFoundError';
  constructor(readonly key: string) {
    super(`no blob under key "${key}"`);
  }
}

/** A key that is not a valid server-generated blob key. */
export class InvalidBlobKeyError extends Error {
  override name = 'InvalidBlobKeyError';
  constructor(readonly key: string) {
    super(`invalid blob key ${JSON.stringify(key.slice(0, 80))}`);
  }
}

// Keys are made by the server from random ids (SECURITY.md "Files": never a user-supplied name).
// Lower case, digits, "_", "-" and "/"-separated segments: no dot at all (so no "..", no hidden
// or temp-file name), no empty segment, nothing a file system or an S3 console treats specially.
const KEY = /^[a-z0-9_-]+(?:\/[a-z0-9_-]+)*$/;

/** Whether `key` is an acceptable blob key. */
export function isValidBlobKey(key: string): boolean {
  return typeof key === 'string' && key.length >= 1 && key.length <= 200 && KEY.test(key);
}

/** Throws InvalidBlobKeyError unless `key` is an acceptable blob key. */
export function assertValidBlobKey(key: string): void {
  if (!isValidBlobKey(key)) throw new InvalidBlobKeyError(String(key));
}
