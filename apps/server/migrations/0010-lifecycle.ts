/** Profile lifecycle (issue 14): closures with their retention and deletion dates, data exports, opposition proofs. */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/** Creates `patient_closures`, `data_exports` and `opposition_attestations`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('patient_closures')
    .addColumn('patient_id', 'text', (c) => c.primaryKey().references('patients.id'))
    .addColumn('closed_at', 'text', (c) => c.notNull())
    .addColumn('deletion_requested_at', 'text')
    .addColumn('delete_after', 'text', (c) => c.notNull())
    .addColumn('erased_at', 'text')
    .execute();
  await db.schema
    .createIndex('patient_closures_due_idx')
    .on('patient_closures')
    .columns(['erased_at', 'delete_after'])
    .execute();

  await db.schema
    .createTable('data_exports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('ready_at', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('blob_key', 'text')
    .addColumn('wrapped_key', 'text')
    .addColumn('kek_version', 'text')
    .addColumn('size', 'integer')
    .execute();
  await db.schema
    .createIndex('data_exports_patient_idx')
    .on('data_exports')
    .columns(['patient_id', 'requested_at'])
    .execute();
  // One export at a time per record, even with two servers racing (partial unique index: both dialects).
  await sql`CREATE UNIQUE INDEX data_exports_one_running ON data_exports (patient_id) WHERE status IN ('pending', 'running')`.execute(
    db,
  );

  // Proof of an opposition (R1111-36): the facts of the attestation, and a download token stored hashed.
  await db.schema
    .createTable('opposition_attestations')
    .addColumn('reference', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('opposed_at', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}

/** Drops them. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('opposition_attestations').ifExists().execute();
  await db.schema.dropTable('data_exports').ifExists().execute();
  await db.schema.dropTable('patient_closures').ifExists().execute();
}
