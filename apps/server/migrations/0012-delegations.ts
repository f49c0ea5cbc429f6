/**
 * Proches (issue 13): legal representatives and aidants of a record, their invitations, and the
 * profile a session acts on. Documents already carry `invisible_to_legal_reps` (0002).
 */
import type { Kysely } from 'kysely';

/** Creates `delegations` and the session's selected profile. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('delegations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The represented or helped person (the record acted on).
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    // The representative or aidant: the patient id behind their own account.
    .addColumn('person_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('invited_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    // A pending invitation expires at this time (30 days).
    .addColumn('expires_at', 'text')
    .addColumn('accepted_at', 'text')
    // An aidant's optional end of access.
    .addColumn('ends_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('end_reason', 'text')
    .execute();
  await db.schema
    .createIndex('delegations_person_idx')
    .on('delegations')
    .columns(['person_id', 'status'])
    .execute();
  await db.schema
    .createIndex('delegations_patient_idx')
    .on('delegations')
    .columns(['patient_id', 'status'])
    .execute();
  await db.schema.alterTable('sessions').addColumn('acting_patient_id', 'text').execute();
}

/** Drops what `up` added. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('acting_patient_id').execute();
  await db.schema.dropTable('delegations').ifExists().execute();
}
