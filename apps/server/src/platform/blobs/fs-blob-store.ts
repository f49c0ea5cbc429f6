/** Blob store on the local file system, crash-safe: temp file → fsync → rename → fsync folder. */
import { createHash, randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { access, constants, mkdir, open, opendir, rename, rm, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import type { Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';
import type { BlobEntry, BlobStore } from './blob-store.ts';
import { BlobNotFoundError, assertValidBlobKey, isValidBlobKey } from './blob-store.ts';

/** Prefix of the files a `put` writes before renaming them into place. */
export const TEMP_PREFIX = '.tmp-';

const FAN_OUT = /^[0-9a-f]{2}$/;

/** Bytes gathered before one write to the temp file, and read at once when streaming a blob. */
const WRITE_BATCH_BYTES = 256 * 1024;

/**
 * A BlobStore under `root`. A key lives at `root/ab/cd/<key>` where `abcd` starts the SHA-256 of
 * the key: ids share their prefix (`doc_…`), so fanning out on the hash, not on the key's first
 * letters, is what spreads 65,536 folders evenly. "/" in a key becomes "+" in the file name, so
 * a key is one flat file and keys `a` and `a/b` never collide as file and folder.
 */
export function createFsBlobStore(options: { root: string; clock?: Clock }) {
  const root = resolve(options.root);
  const clock = options.clock ?? systemClock;

  const locate = (key: string) => {
    assertValidBlobKey(key);
    const hash = createHash('sha256').update(key).digest('hex');
    const dir = join(root, hash.slice(0, 2), hash.slice(2, 4));
    return { dir, file: join(dir, key.replaceAll('/', '+')) };
  };

  async function* fanOutFolders(): AsyncGenerator<string> {
    for (const first of await folderNames(root)) {
      for (const second of await folderNames(join(root, first))) yield join(root, first, second);
    }
  }

  const store = {
    /** Streams `data` to a temp file beside its target, makes it durable, then renames it into place. */
    async put(key: string, data: Readable): Promise<{ size: number }> {
      let temp: string | undefined;
      let handle: FileHandle | undefined;
      try {
        const { dir, file } = locate(key);
        await makeFolder(dir);
        temp = join(dir, `${TEMP_PREFIX}${randomBytes(12).toString('hex')}`);
        handle = await open(temp, 'wx', 0o600);
        let size = 0;
        // Chunks (64 KiB envelope segments) are gathered and written 256 KiB at a time: fewer
        // system calls and thread-pool round trips per file (PERFORMANCE.md B3).
        let batch: Uint8Array[] = [];
        let batched = 0;
        // for-await propagates a source error, and rejects with ERR_STREAM_PREMATURE_CLOSE when the
        // source is destroyed without one (a client that disconnects mid-upload).
        for await (const chunk of data) {
          const bytes = toBytes(chunk);
          batch.push(bytes);
          batched += bytes.length;
          size += bytes.length;
          if (batched >= WRITE_BATCH_BYTES) {
            await writeAll(handle, Buffer.concat(batch, batched));
            batch = [];
            batched = 0;
          }
        }
        if (batched > 0) await writeAll(handle, Buffer.concat(batch, batched));
        await handle.sync(); // data on disk before the name points to it (SECURITY.md "Durability").
        await handle.close();
        handle = undefined;
        await rename(temp, file); // atomic replacement: readers see the old file or the new one.
        temp = undefined;
        await syncFolder(dir); // the rename itself survives a crash.
        return { size };
      } catch (error) {
        await handle?.close().catch(() => undefined);
        if (temp) await rm(temp, { force: true });
        if (!data.destroyed) data.destroy();
        throw error;
      }
    },

    /** Opens the blob; the returned stream reads the version that existed at open time. */
    async get(key: string): Promise<Readable> {
      const { file } = locate(key);
      try {
        // Opening now (not lazily in the stream) turns a missing blob into an error here, and a
        // concurrent overwrite or delete cannot change what this stream reads.
        const handle = await open(file, 'r');
        return handle.createReadStream({ highWaterMark: WRITE_BATCH_BYTES });
      } catch (error) {
        if (hasCode(error, 'ENOENT')) throw new BlobNotFoundError(key);
        throw error;
      }
    },

    /** Removes the blob if present. */
    async delete(key: string): Promise<void> {
      const { dir, file } = locate(key);
      try {
        await rm(file);
      } catch (error) {
        if (hasCode(error, 'ENOENT')) return;
        throw error;
      }
      await syncFolder(dir);
    },

    /** Whether a blob exists under `key`. */
    async exists(key: string): Promise<boolean> {
      const { file } = locate(key);
      try {
        return (await stat(file)).isFile();
      } catch (error) {
        if (hasCode(error, 'ENOENT')) return false;
        throw error;
      }
    },

    /** Every stored blob; temp files of puts in progress or abandoned are not blobs and are skipped. */
    async *list(): AsyncGenerator<BlobEntry> {
      for await (const dir of fanOutFolders()) {
        for (const entry of await entries(dir)) {
          if (!entry.isFile() || entry.name.startsWith(TEMP_PREFIX)) continue;
          const key = entry.name.replaceAll('+', '/');
          if (!isValidBlobKey(key)) continue;
          const info = await statIfPresent(join(dir, entry.name));
          if (info) yield { key, modifiedAt: info.mtime, size: info.size };
        }
      }
    },

    /** Whether the root folder exists (created if need be) and is writable (readiness probe). */
    async ping(): Promise<boolean> {
      try {
        await mkdir(root, { recursive: true, mode: 0o700 });
        await access(root, constants.R_OK | constants.W_OK);
        return true;
      } catch {
        return false;
      }
    },

    /** Removes temp files older than `olderThanMs` (left by a crash mid-put); returns how many. */
    async sweepTemp(olderThanMs: number): Promise<number> {
      // A recent temp file may belong to a put still streaming: only old ones are orphans.
      const cutoff = clock.now().getTime() - olderThanMs;
      let removed = 0;
      for await (const dir of fanOutFolders()) {
        for (const entry of await entries(dir)) {
          if (!entry.isFile() || !entry.name.startsWith(TEMP_PREFIX)) continue;
          const path = join(dir, entry.name);
          const info = await statIfPresent(path);
          if (info && info.mtime.getTime() < cutoff) {
            await rm(path, { force: true });
            removed++;
          }
        }
      }
      return removed;
    },
  };
  return store satisfies BlobStore;
}

/** The file-system blob store. */
export type FsBlobStore = ReturnType<typeof createFsBlobStore>;

function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  throw new TypeError('blob source must yield bytes');
}

async function writeAll(handle: FileHandle, bytes: Uint8Array) {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

/** mkdir -p, then fsync the parent of every folder it created so the new entries are durable too. */
async function makeFolder(dir: string) {
  const created = await mkdir(dir, { recursive: true, mode: 0o700 });
  if (created === undefined) return;
  for (let path = dir; ; path = dirname(path)) {
    await syncFolder(dirname(path));
    if (path === created || dirname(path) === path) break;
  }
}

async function syncFolder(dir: string) {
  if (process.platform === 'win32') return; // Folders cannot be opened for fsync there.
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function folderNames(dir: string): Promise<string[]> {
  return (await entries(dir))
    .filter((e) => e.isDirectory() && FAN_OUT.test(e.name))
    .map((e) => e.name);
}

async function entries(dir: string): Promise<Dirent[]> {
  const found: Dirent[] = [];
  try {
    // opendir streams entries: a folder holds at most a few thousand, but never all blobs at once.
    for await (const entry of await opendir(dir)) found.push(entry);
  } catch (error) {
    if (!hasCode(error, 'ENOENT')) throw error;
  }
  return found;
}

async function statIfPresent(path: string) {
  try {
    return await stat(path);
  } catch (error) {
    if (hasCode(error, 'ENOENT')) return undefined;
    throw error;
  }
}

function hasCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
