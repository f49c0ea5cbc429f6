/**
 * Proches, continued (issues 13 and 14): who wrote a message on behalf of the titulaire (an aidant
 * or a legal representative), and who asked for a data export (a representative may ask for a
 * child's archive; only she downloads it and the archive leaves out what she may not see).
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/** Adds the acting person of a message and the requester of an export. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Null: written by the titulaire (or a professional). Otherwise the acting person's patient id.
  await db.schema.alterTable('messages').addColumn('acting_person_id', 'text').execute();
  await db.schema.alterTable('messages').addColumn('acting_role', 'text').execute();
  // Who asked, and as whom: every export so far was asked by the titulaire herself.
  await db.schema.alterTable('data_exports').addColumn('requested_by', 'text').execute();
  await db.schema.alterTable('data_exports').addColumn('requester_role', 'text').execute();
  await sql`UPDATE data_exports SET requested_by = patient_id, requester_role = 'titulaire'`.execute(
    db,
  );
}

/** Drops what `up` added. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('data_exports').dropColumn('requester_role').execute();
  await db.schema.alterTable('data_exports').dropColumn('requested_by').execute();
  await db.schema.alterTable('messages').dropColumn('acting_role').execute();
  await db.schema.alterTable('messages').dropColumn('acting_person_id').execute();
}
