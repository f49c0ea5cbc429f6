/** Applies the numbered migrations (apps/server/migrations) on either dialect. */
import { Migrator } from 'kysely';
import type { Migration, MigrationResultSet } from 'kysely';
import { migrations } from '../../../migrations/index.ts';
import type { DatabaseHandle } from './database.ts';

/** Brings the schema to the latest migration; throws with the failing migration's name. */
export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  const provider = {
    getMigrations: () =>
      Promise.resolve(
        Object.fromEntries(
          Object.entries(migrations).map(([name, m]): [string, Migration] => [
            name,
            {
              up: (db) => m.up(db, handle.dialect),
              ...(m.down ? { down: (db) => m.down!(db, handle.dialect) } : {}),
            },
          ]),
        ),
      ),
  };
  const migrator = new Migrator({
    db: handle.db,
    provider,
    migrationTableName: 'carnet_migrations',
    migrationLockTableName: 'carnet_migrations_lock',
    // Without a schema, Kysely's existence check sees the tables of every schema.
    ...(handle.dialect === 'postgres' ? { migrationTableSchema: handle.schema ?? 'public' } : {}),
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed`, { cause: result.error });
  }
  return (result.results ?? []).map((r) => r.migrationName);
}
