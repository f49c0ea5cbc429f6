/**
 * FHIR ITI-65 (issue 10): the SubmissionSet `List` of a provide, stored minimally so that the
 * transaction-response can give its Location and `List/<id>` can be read: its uniqueId, date,
 * submitting professional, patient, and the documents it carried (in order).
 */
import type { Kysely } from 'kysely';

/** Creates `submission_sets` and `submission_set_documents`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('submission_sets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    // The professional whose token provided it (never the `source` the client claims).
    .addColumn('author_id', 'text', (c) => c.notNull().references('professionals.id'))
    // MHD SubmissionSet uniqueId (List.identifier, use = usual), if the client sent one.
    .addColumn('unique_id_system', 'text')
    .addColumn('unique_id', 'text')
    // List.date, else the time it was stored.
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('submission_sets_patient_idx')
    .on('submission_sets')
    .column('patient_id')
    .execute();
  await db.schema
    .createTable('submission_set_documents')
    .addColumn('submission_set_id', 'text', (c) => c.notNull().references('submission_sets.id'))
    // No foreign key: a document removed later simply drops out of the List when it is read.
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('submission_set_documents_pk', ['submission_set_id', 'position'])
    .execute();
}

/** Drops them. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('submission_set_documents').ifExists().execute();
  await db.schema.dropTable('submission_sets').ifExists().execute();
}
