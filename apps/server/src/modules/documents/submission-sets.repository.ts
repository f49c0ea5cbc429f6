/** Rows of the SubmissionSets of ITI-65 provides (FHIR `List`): the set and its documents in order. */
import type { Db } from '../../platform/db/schema.ts';
import type { SubmissionSetsTable } from '../../platform/db/schema-documents.ts';

/** A SubmissionSet row. */
export type SubmissionSetRow = SubmissionSetsTable;

/** Creates the repository over `db` (a handle or the provide's transaction). */
export function createSubmissionSetsRepository(db: Db) {
  return {
    /** Stores a set and the ids of its documents, in order. */
    async insert(row: SubmissionSetRow, documentIds: readonly string[]): Promise<void> {
      await db.insertInto('submission_sets').values(row).execute();
      if (documentIds.length)
        await db
          .insertInto('submission_set_documents')
          .values(
            documentIds.map((documentId, position) => ({
              submission_set_id: row.id,
              document_id: documentId,
              position,
            })),
          )
          .execute();
    },

    /** One set by id, or undefined. */
    find(id: string): Promise<SubmissionSetRow | undefined> {
      return db.selectFrom('submission_sets').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** The document ids of a set, in the List's order. */
    async documentIds(id: string): Promise<string[]> {
      const rows = await db
        .selectFrom('submission_set_documents')
        .select('document_id')
        .where('submission_set_id', '=', id)
        .orderBy('position')
        .execute();
      return rows.map((r) => r.document_id);
    },

    /** Removes every set of a record (erasure). */
    async eraseRecord(patientId: string): Promise<void> {
      await db
        .deleteFrom('submission_set_documents')
        .where('submission_set_id', 'in', (eb) =>
          eb.selectFrom('submission_sets').select('id').where('patient_id', '=', patientId),
        )
        .execute();
      await db.deleteFrom('submission_sets').where('patient_id', '=', patientId).execute();
    },
  };
}
