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
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const handle = openDatabase({
    postgresUrl: testPostgresUrl,
    postgresSchema: schema,
    poolSize: 4,
  });
  await migrateToLatest(handle);
  return {
    ...handle,
    close: async () => {
      // A test may have closed the pool already (database outage tests).
      await handle.close().catch(() => undefined);
      const c = new pg.Client({ connectionString: testPostgresUrl });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}
