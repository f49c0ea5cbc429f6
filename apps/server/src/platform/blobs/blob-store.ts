/** Where encrypted document bytes live: one interface, a file-system driver and an S3 driver. */
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
  /** Whether the store answers (the `/ready` probe); a driver without it counts as reachable. */
  ping?(): Promise<boolean>;
  /** Removes the leftovers of puts abandoned more than `olderThanMs` ago; returns how many. */
  sweepTemp?(olderThanMs: number): Promise<number>;
  /** Releases connections (on shutdown). */
  close?(): void;
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

/** True when a write failed because the store is full (disk or quota): answer 507, store nothing. */
export function isStorageFullError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : 0;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** True when the blob store failed (I/O error, S3 answering 5xx or not at all): answer 503. */
export function isStorageUnavailableError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; name?: unknown; $fault?: unknown; $metadata?: unknown };
  if (e.code === 'EIO' || e.code === 'EROFS' || e.code === 'EMFILE') return true;
  if (e.name === 'TimeoutError' || e.name === 'RequestTimeout') return true;
  // AWS SDK service errors carry $fault; server-side ones are the store's trouble, not the user's.
  return e.$fault === 'server' || (e.$metadata !== undefined && e.$fault === undefined);
}
