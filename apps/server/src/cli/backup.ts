/**
 * `carnet backup --out FILE` and `carnet restore --from FILE` for the embedded store (SQLite and
 * the file-system blob store): one archive holding a consistent SQLite snapshot, every blob and the
 * key files, taken while the server serves. PostgreSQL + S3 deployments back up with their own
 * tools (README "Backups").
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { Config } from '../config/config.schema.ts';
import { openConfiguredBlobStore } from '../deps.ts';
import {
  BackupArchiveError,
  createArchiveWriter,
  readArchive,
} from '../platform/backup/backup-archive.ts';
import { BlobNotFoundError } from '../platform/blobs/blob-store.ts';
import { createFsBlobStore } from '../platform/blobs/fs-blob-store.ts';
import { KEY_FILE_NAME } from '../platform/crypto/keyring.ts';
import { SIGNING_KEY_FILE_NAME } from '../platform/crypto/signing-key.ts';
import { openDatabase } from '../platform/db/database.ts';
import { backupSqlite, sqliteDocumentBlobs } from '../platform/db/sqlite-backup.ts';
import { createDocumentsRepository } from '../modules/documents/documents.repository.ts';

const DATABASE_FILE = 'carnet.db';
const KEY_FILES = [KEY_FILE_NAME, SIGNING_KEY_FILE_NAME];

/** What a backup holds. */
export interface BackupReport {
  documents: number;
  blobs: number;
  keyFiles: string[];
  /** Documents deleted by their owner while the backup ran: left out of it. */
  deletedDuringBackup: number;
}

/** Refuses configurations whose data does not live in the data folder. */
function assertEmbedded(config: Config, what: string): void {
  if (config.databaseUrl || config.s3Bucket)
    throw new InvalidArgumentError(
      `${what} covers the embedded store (SQLite and files). With PostgreSQL and S3, use pg_dump or point-in-time recovery and bucket versioning (README, "Backups").`,
    );
}

/** Writes the archive of the data folder to `out` (a new file), while servers keep serving. */
export async function backup(config: Config, out: string): Promise<BackupReport> {
  assertEmbedded(config, 'carnet backup');
  const dataDir = resolve(config.dataDir);
  const databasePath = join(dataDir, DATABASE_FILE);
  if (!existsSync(databasePath))
    throw new InvalidArgumentError(`No database in ${dataDir}: nothing to back up.`);
  const target = resolve(out);
  if (existsSync(target)) throw new InvalidArgumentError(`${target} already exists.`);
  const suffix = randomBytes(6).toString('hex');
  const snapshot = join(dirname(target), `.${basename(target)}.db-${suffix}`);
  const partial = join(dirname(target), `.${basename(target)}.partial-${suffix}`);
  const handle = await open(partial, 'wx', 0o600);
  try {
    // 1. One committed state of the database. Blobs are written before their row commits and
    //    deleted after it, so every version of the snapshot has its blob now…
    await backupSqlite(databasePath, snapshot);
    const versions = sqliteDocumentBlobs(snapshot);
    const archive = createArchiveWriter(handle);
    // 2. …unless its document is deleted while we copy: those are found in step 3.
    const blobs = openConfiguredBlobStore(config);
    const copied = new Set<string>();
    for await (const entry of blobs.list()) {
      let stream;
      try {
        stream = await blobs.get(entry.key);
      } catch (error) {
        if (error instanceof BlobNotFoundError) continue; // deleted since listed
        throw error;
      }
      await archive.add({ type: 'blob', key: entry.key }, stream);
      copied.add(entry.key);
    }
    // 3. A version of the snapshot without its blob: its document was deleted by its owner after
    //    the snapshot (the live row is gone too). It is left out, as it would be a moment later.
    const live = openDatabase({ sqlitePath: databasePath });
    const missing = versions.filter((v) => !copied.has(v.blobKey));
    const deleted = new Map<string, string>();
    try {
      for (const version of missing) {
        const row = await live.db
          .selectFrom('document_versions')
          .select('id')
          .where('id', '=', version.id)
          .executeTakeFirst();
        if (row)
          throw new InvalidArgumentError(
            `Document version ${version.id} has no file in the live store: run \`carnet check\`.`,
          );
        deleted.set(version.documentId, version.patientId);
      }
    } finally {
      await live.close();
    }
    if (deleted.size > 0) {
      const copy = openDatabase({ sqlitePath: snapshot });
      try {
        for (const [documentId, patientId] of deleted)
          await createDocumentsRepository(copy.db).remove(patientId, documentId);
      } finally {
        await copy.close();
      }
      await backupSqlite(snapshot, `${snapshot}-final`);
      await rename(`${snapshot}-final`, snapshot);
    }
    // 4. The key files (absent when the keys come from the environment).
    const keyFiles: string[] = [];
    for (const name of KEY_FILES) {
      const path = join(dataDir, name);
      if (!existsSync(path)) continue;
      await archive.add({ type: 'key-file', name }, Readable.from([await readFile(path)]));
      keyFiles.push(name);
    }
    const snapshotHandle = await open(snapshot, 'r');
    try {
      await archive.add(
        { type: 'database', name: DATABASE_FILE },
        snapshotHandle.createReadStream({ autoClose: false }),
      );
    } finally {
      await snapshotHandle.close();
    }
    await archive.end();
    await handle.sync();
    await handle.close();
    await rename(partial, target);
    return {
      documents: new Set(versions.map((v) => v.documentId)).size - deleted.size,
      blobs: copied.size,
      keyFiles,
      deletedDuringBackup: deleted.size,
    };
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  } finally {
    await rm(snapshot, { force: true });
    await rm(`${snapshot}-final`, { force: true });
    for (const extra of ['-journal', '-wal', '-shm'])
      await rm(`${snapshot}${extra}`, { force: true });
  }
}

/** Restores an archive into the (absent or empty) data folder; nothing is left if it fails. */
export async function restore(config: Config, from: string): Promise<{ blobs: number }> {
  assertEmbedded(config, 'carnet restore');
  const dataDir = resolve(config.dataDir);
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0)
    throw new InvalidArgumentError(
      `${dataDir} is not empty: restore only into a new or empty data folder.`,
    );
  const staging = `${dataDir}.restoring-${randomBytes(6).toString('hex')}`;
  await mkdir(staging, { recursive: true, mode: 0o700 });
  const handle = await open(resolve(from), 'r');
  let blobs = 0;
  let database = false;
  try {
    const store = createFsBlobStore({ root: join(staging, 'blobs') });
    for await (const { header, data } of readArchive(handle)) {
      if (header.type === 'blob') {
        await store.put(header.key, data);
        blobs++;
      } else if (
        (header.type === 'database' && header.name === DATABASE_FILE) ||
        (header.type === 'key-file' && KEY_FILES.includes(header.name))
      ) {
        await writeDurably(join(staging, header.name), data);
        database ||= header.type === 'database';
      } else {
        throw new BackupArchiveError('unexpected entry in the backup file');
      }
    }
    if (!database) throw new BackupArchiveError('the backup file holds no database');
    if (existsSync(dataDir)) await rmdir(dataDir);
    await rename(staging, dataDir);
    return { blobs };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (error instanceof BackupArchiveError) throw new InvalidArgumentError(error.message);
    throw error;
  } finally {
    await handle.close();
  }
}

async function writeDurably(path: string, data: Readable): Promise<void> {
  const file = await open(path, 'wx', 0o600);
  try {
    for await (const chunk of data) await file.write(chunk as Buffer);
    await file.sync();
  } finally {
    await file.close();
  }
}

/** Registers `carnet backup --out FILE` and `carnet restore --from FILE`. */
export function registerBackupCommands(program: Command, config: Config): void {
  program
    .command('backup')
    .description('write a consistent backup of the embedded store (SQLite, files, key files)')
    .requiredOption('--out <file>', 'the backup file to create')
    .action(async (o: { out: string }) => {
      const report = await backup(config, o.out);
      process.stdout.write(
        `Backup written to ${resolve(o.out)}: ${report.documents} document(s), ${report.blobs} file(s), key files: ${report.keyFiles.join(', ') || 'none (CARNET_MASTER_KEY / CARNET_TRACE_SIGNING_KEY: keep them apart)'}.\n` +
          (report.deletedDuringBackup > 0
            ? `${report.deletedDuringBackup} document(s) deleted by their owner during the backup are left out.\n`
            : '') +
          'It holds the keys that open every document: keep it encrypted and access-controlled.\n',
      );
    });
  program
    .command('restore')
    .description('restore a backup into a new, empty data folder (CARNET_DATA_DIR)')
    .requiredOption('--from <file>', 'the backup file')
    .action(async (o: { from: string }) => {
      const report = await restore(config, o.from);
      process.stdout.write(
        `Restored into ${resolve(config.dataDir)} (${report.blobs} file(s)). Start the server on it, then run \`carnet check --deep\` and \`carnet traces verify\`.\n`,
      );
    });
}
