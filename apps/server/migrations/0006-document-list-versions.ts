/**
 * Fast document list (PERFORMANCE.md B1): a per-record version of the list, bumped by triggers on
 * every write to `documents` and `document_versions` whatever the code path, so a server may keep
 * a page it built and serve it again while the version is unchanged (several servers stay right:
 * the version lives in the database). Plus a covering index for the list's total and for the next
 * time a document hidden from the patient becomes visible.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { MigrationDialect } from './index.ts';

const tables = ['documents', 'document_versions'] as const;

/** Creates `document_list_versions`, its triggers and `documents_visible_idx`. */
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await db.schema
    .createTable('document_list_versions')
    .addColumn('patient_id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('documents_visible_idx')
    .on('documents')
    .columns(['patient_id', 'invisible_to_patient_until'])
    .where(sql<boolean>`deleted_at is null`)
    .execute();

  if (dialect === 'sqlite') {
    const bump = (row: 'new' | 'old') =>
      `insert into document_list_versions (patient_id, version) values (${row}.patient_id, 1)
       on conflict (patient_id) do update set version = version + 1;`;
    for (const table of tables) {
      await sql
        .raw(
          `create trigger ${table}_list_insert after insert on ${table} begin ${bump('new')} end`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger ${table}_list_update after update on ${table} begin ${bump('old')} ${bump('new')} end`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger ${table}_list_delete after delete on ${table} begin ${bump('old')} end`,
        )
        .execute(db);
    }
    return;
  }

  // PostgreSQL: statement-level triggers with transition tables, one bump per record per statement.
  const bumpFrom = (rows: string) =>
    `insert into document_list_versions (patient_id, version)
       select distinct patient_id, 1 from ${rows} where patient_id is not null
       on conflict (patient_id) do update set version = document_list_versions.version + 1;`;
  const functions = {
    carnet_document_list_bump_new: bumpFrom('new_rows'),
    carnet_document_list_bump_old: bumpFrom('old_rows'),
    carnet_document_list_bump_both: bumpFrom(
      '(select patient_id from old_rows union select patient_id from new_rows) as changed',
    ),
  };
  for (const [name, body] of Object.entries(functions)) {
    await sql
      .raw(
        `create function ${name}() returns trigger language plpgsql as $$ begin ${body} return null; end $$`,
      )
      .execute(db);
  }
  for (const table of tables) {
    await sql
      .raw(
        `create trigger ${table}_list_insert after insert on ${table} referencing new table as new_rows for each statement execute function carnet_document_list_bump_new()`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${table}_list_update after update on ${table} referencing old table as old_rows new table as new_rows for each statement execute function carnet_document_list_bump_both()`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${table}_list_delete after delete on ${table} referencing old table as old_rows for each statement execute function carnet_document_list_bump_old()`,
      )
      .execute(db);
  }
}

/** Drops them. */
export async function down(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  for (const table of tables)
    for (const event of ['insert', 'update', 'delete'])
      await sql
        .raw(
          `drop trigger if exists ${table}_list_${event}${dialect === 'postgres' ? ` on ${table}` : ''}`,
        )
        .execute(db);
  if (dialect === 'postgres')
    for (const suffix of ['new', 'old', 'both'])
      await sql.raw(`drop function if exists carnet_document_list_bump_${suffix}()`).execute(db);
  await db.schema.dropIndex('documents_visible_idx').ifExists().execute();
  await db.schema.dropTable('document_list_versions').ifExists().execute();
}
