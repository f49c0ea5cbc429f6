/**
 * `kill -9` during `carnet keys rotate`: the new key is in the key file, some or none of the data
 * keys are re-wrapped with it. After the crash every document still opens (`carnet check --deep`
 * in a new process), and `carnet keys rewrap` then a second rotation complete.
 *
 * The kill lands at a known point, not at a random moment: the test holds a database lock the
 * rotation must wait for (SQLite: the write lock, before the first batch; PostgreSQL: a row of the
 * second batch, after the first one committed), and kills once the rotation is waiting on it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { afterAll, expect, test } from 'vitest';
import {
  createPostgresDatabase,
  removeTempDirs,
  runCarnet,
  spawnCarnet,
  tempDir,
} from '../../test/processes.ts';
import { testDialect } from '../../test/test-db.ts';
import { parseConfig } from '../config/config.schema.ts';
import { createDeps } from '../deps.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';

let drop = async () => {};
afterAll(async () => {
  await drop();
  removeTempDirs();
}, 30_000);

/** The rotation's rewrap batch size (document-maintenance.service.ts). */
const BATCH = 200;

async function until(what: string, condition: () => boolean | Promise<boolean>) {
  for (let i = 0; !(await condition()); i++) {
    if (i > 600) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('every document still opens after kill -9 during a key rotation, and rotation completes afterwards', async () => {
  const dataDir = tempDir('carnet-keys-crash-');
  const env: Record<string, string> = { CARNET_DATA_DIR: dataDir };
  let databaseUrl = '';
  if (testDialect === 'postgres') {
    const database = await createPostgresDatabase('keys_crash');
    drop = database.drop;
    databaseUrl = database.url;
    env.CARNET_DATABASE_URL = databaseUrl;
  }
  // PostgreSQL: more than one batch, so the kill can land between two committed batches.
  const documents = testDialect === 'postgres' ? BATCH + 40 : 20;
  const deps = createDeps(parseConfig(env));
  await migrateToLatest(deps.database);
  const patient = await deps.activation.createActivatedProfile({
    ins: '288047512345617',
    firstName: 'Inaya',
    lastName: 'Michel',
    birthDate: '1988-04-12',
    email: 'i.michel@example.org',
    mobile: null,
    identifiant: 'inaya.michel',
    password: 'Carnet-demo-2026',
  });
  for (let i = 0; i < documents; i++)
    await deps.documentUploads.addDocument({
      patientId: patient.id,
      author: { type: 'patient' },
      actor: { type: 'patient', id: patient.id },
      fields: { title: `Note ${i}`, date: '2026-01-01', category: 'AUTR_DOC' },
      file: {
        stream: Readable.from([Buffer.from(`note ${i} `.repeat(50))]),
        fileName: 'note.txt',
        contentType: 'text/plain',
      },
    });
  const versionsUnder = async (kek: string) =>
    (
      await deps.database.db
        .selectFrom('document_versions')
        .select('id')
        .where('kek_version', '=', kek)
        .execute()
    ).length;

  // Hold the lock, start the rotation, kill it while it waits.
  let release: () => Promise<void>;
  if (testDialect === 'postgres') {
    const locker = new pg.Client({ connectionString: databaseUrl });
    await locker.connect();
    await locker.query('begin');
    await locker.query(
      `select id from document_versions where id = (select id from document_versions order by id offset ${BATCH + 20} limit 1) for update`,
    );
    release = async () => {
      await locker.query('rollback');
      await locker.end();
    };
  } else {
    const locker = new SqliteDatabase(join(dataDir, 'carnet.db'));
    locker.exec('begin immediate');
    release = async () => {
      locker.exec('rollback');
      locker.close();
      return Promise.resolve();
    };
  }
  const rotation = spawnCarnet(['keys', 'rotate'], env);
  const exited = new Promise<string | null>((r) =>
    rotation.once('exit', (_c, signal) => r(signal)),
  );
  const keyFile = join(dataDir, 'master.key');
  await until('the new key', () => readFileSync(keyFile, 'utf8').includes('"current": "v2"'));
  if (testDialect === 'postgres')
    await until('the first batch', async () => (await versionsUnder('v2')) === BATCH);
  rotation.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  await release();

  // Half-way: the key file has both versions, the rows are under one or the other.
  const moved = await versionsUnder('v2');
  expect(moved).toBe(testDialect === 'postgres' ? BATCH : 0);
  expect(await versionsUnder('v1')).toBe(documents - moved);
  await deps.database.close();

  const check = await runCarnet(['check', '--deep'], env);
  expect(check.stdout).toContain(`Document versions checked: ${documents}`);
  expect(check.stdout).toContain('Versions that do not decrypt or match their SHA-256: 0');
  expect(check.code).toBe(0);

  const rewrap = await runCarnet(['keys', 'rewrap'], env);
  expect(rewrap.stdout).toContain(`${documents - moved} data key(s) re-wrapped with v2`);
  expect(rewrap.code).toBe(0);
  const again = await runCarnet(['keys', 'rotate'], env);
  expect(again.stdout).toContain(`Master key v3 is now current; ${documents} data key(s)`);
  expect(again.code).toBe(0);
  const final = await runCarnet(['check', '--deep'], env);
  expect(final.stdout).toContain('Versions that do not decrypt or match their SHA-256: 0');
  expect(final.code).toBe(0);
}, 240_000);
