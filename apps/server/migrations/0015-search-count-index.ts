/**
 * PERFORMANCE.md B2: the total of a professional's search counts the record's documents in its
 * scope (category, confidentiality, own documents); with every column of that scope in one index
 * the count reads the index alone instead of every row of the record.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/** Creates the covering index of the scoped count. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('documents_scope_count_idx')
    .on('documents')
    // `deleted_at` too, though always null here: SQLite counts from the index alone only when every
    // column the query names is in it (the partial index's condition does not count).
    .columns([
      'patient_id',
      'category',
      'confidentiality',
      'author_type',
      'author_id',
      'doc_date',
      'deleted_at',
    ])
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
}

/** Drops it. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('documents_scope_count_idx').ifExists().execute();
}
