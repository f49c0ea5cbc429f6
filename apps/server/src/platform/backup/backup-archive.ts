/**
 * The backup archive: one file, written as a stream (never a whole blob in memory), every entry
 * checked by SHA-256 on restore, and an end marker so a truncated file is refused.
 *
 * Layout: the magic line, then entries; each entry is a length-prefixed JSON header, its bytes as
 * length-prefixed chunks ended by an empty chunk, then the SHA-256 of the bytes. The last entry is
 * `{ "type": "end", "entries": n }`.
 */
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';

const MAGIC = Buffer.from('CARNET-BACKUP 1\n', 'utf8');
const MAX_HEADER = 64 * 1024;
const MAX_CHUNK = 16 * 1024 * 1024;

/** What an entry holds: the SQLite snapshot, a key file, or a document blob. */
export type EntryHeader =
  | { type: 'database'; name: string }
  | { type: 'key-file'; name: string }
  | { type: 'blob'; key: string };

/** The archive or one of its entries is damaged or truncated. */
export class BackupArchiveError extends Error {
  override name = 'BackupArchiveError';
}

/** Writes an archive to an open file handle. */
export function createArchiveWriter(handle: FileHandle) {
  let entries = 0;
  const write = async (bytes: Uint8Array) => {
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
      offset += bytesWritten;
    }
  };
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const header = async (value: object) => {
    const json = Buffer.from(JSON.stringify(value), 'utf8');
    await write(u32(json.length));
    await write(json);
  };
  let started = false;
  const start = async () => {
    if (started) return;
    started = true;
    await write(MAGIC);
  };

  return {
    /** Appends one entry, streaming `data`; returns its size. */
    async add(entry: EntryHeader, data: AsyncIterable<unknown>): Promise<number> {
      await start();
      await header(entry);
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of data) {
        const bytes = chunk as Buffer;
        if (bytes.length === 0) continue;
        for (let i = 0; i < bytes.length; i += MAX_CHUNK) {
          const piece = bytes.subarray(i, i + MAX_CHUNK);
          await write(u32(piece.length));
          await write(piece);
        }
        hash.update(bytes);
        size += bytes.length;
      }
      await write(u32(0));
      await write(hash.digest());
      entries++;
      return size;
    },
    /** Writes the end marker; the archive is complete only after it. */
    async end(): Promise<number> {
      await start();
      await header({ type: 'end', entries });
      return entries;
    },
  };
}

/** One entry being read: its header and a stream of its bytes (consume it before the next). */
export interface ArchiveEntry {
  header: EntryHeader;
  data: Readable;
}

/**
 * Reads an archive entry by entry. Each entry's stream fails with BackupArchiveError when its
 * bytes do not match the recorded SHA-256; the iteration fails on a missing end marker.
 */
export async function* readArchive(handle: FileHandle): AsyncGenerator<ArchiveEntry> {
  let position = 0;
  const read = async (length: number): Promise<Buffer> => {
    const buffer = Buffer.alloc(length);
    let offset = 0;
    while (offset < length) {
      const { bytesRead } = await handle.read(buffer, offset, length - offset, position);
      if (bytesRead === 0) throw new BackupArchiveError('the backup file is truncated');
      offset += bytesRead;
      position += bytesRead;
    }
    return buffer;
  };
  const u32 = async () => (await read(4)).readUInt32BE();

  if (!(await read(MAGIC.length)).equals(MAGIC))
    throw new BackupArchiveError('not a Carnet backup file');
  let count = 0;
  for (;;) {
    const length = await u32();
    if (length > MAX_HEADER) throw new BackupArchiveError('damaged entry header');
    const parsed = JSON.parse((await read(length)).toString('utf8')) as
      EntryHeader | { type: 'end'; entries: number };
    if (parsed.type === 'end') {
      if (parsed.entries !== count) throw new BackupArchiveError('entries are missing');
      return;
    }
    async function* bytes() {
      const hash = createHash('sha256');
      for (;;) {
        const size = await u32();
        if (size === 0) break;
        if (size > MAX_CHUNK) throw new BackupArchiveError('damaged entry');
        const chunk = await read(size);
        hash.update(chunk);
        yield chunk;
      }
      if (!hash.digest().equals(await read(32)))
        throw new BackupArchiveError('an entry does not match its checksum');
    }
    const data = Readable.from(bytes(), { objectMode: false });
    yield { header: parsed, data };
    // A caller that skipped an entry still moves past it (and checks it).
    if (!data.readableEnded) for await (const _ of data);
    count++;
  }
}
