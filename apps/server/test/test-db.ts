/** Opens an isolated, migrated database for a test file: SQLite in memory or a fresh PostgreSQL schema. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../src/platform/db/database.ts';
import type { DatabaseHandle } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';

/** PostgreSQL used by the tests (trust auth, database `test`). */
export const testPostgresUrl =
  process.env.CARNET_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Which store this test run uses (set per vitest project). */
export const testDialect = process.env.CARNET_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

/** A migrated database; `close()` drops the PostgreSQL schema. */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (testDialect === 'sqlite') {
    const handle = openDatabase({ sqlitePath: ':memory:' });
    await migrateToLatest(handle);
    return handle;
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const handle = openDatabase({
    postgresUrl: testPostgresUrl,
    postgresSchema: schema,
    poolSize: 4,
  });
  await underSchemaLock(async (admin) => {
    await admin.query(`create schema ${schema}`);
    await migrateToLatest(handle);
  });
  return {
    ...handle,
    close: async () => {
      // A test may have closed the pool already (database outage tests).
      await handle.close().catch(() => undefined);
      await underSchemaLock((admin) => admin.query(`drop schema ${schema} cascade`));
    },
  };
}

/**
 * Kysely's migrator introspects the catalog of every schema; a schema dropped by another test
 * file at that moment makes it fail. Creating, migrating and dropping test schemas one at a time
 * (a PostgreSQL advisory lock shared by all test processes) removes the race.
 */
async function underSchemaLock<T>(run: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock(724001)');
    return await run(admin);
  } finally {
    await admin.query('select pg_advisory_unlock(724001)').catch(() => undefined);
    await admin.end();
  }
}
