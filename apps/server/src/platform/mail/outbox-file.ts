/**
 * Local delivery for development and air-gapped installs: mail and SMS become files in
 * `<data>/outbox/`, written atomically (SECURITY.md "Durability": temp → fsync → rename → fsync dir).
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** The slice of a pino logger the file transports use (one line per file, never the content). */
export interface InfoLogger {
  info(obj: object | string, msg?: string): void;
}

/** `<ISO timestamp>-<id>.<ext>`; colons become dashes so the name is valid on every file system. */
export function outboxFileName(at: Date, id: string | undefined, ext: string): string {
  const safeId = (id ?? randomUUID()).replace(/[^A-Za-z0-9_-]/g, '_');
  return `${at.toISOString().replace(/:/g, '-')}-${safeId}.${ext}`;
}

/** Writes `data` to `dir/name` atomically, readable only by the server (it may carry codes). */
export async function writeOutboxFile(
  dir: string,
  name: string,
  data: string | Buffer,
): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, name);
  // A dot-prefixed temp name in the same directory: rename is atomic there, readers skip it.
  const temp = join(dir, `.${name}.${randomUUID()}.tmp`);
  try {
    const file = await open(temp, 'wx', 0o600);
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
  return path;
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
