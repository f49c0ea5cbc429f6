/**
 * Erasure of a record's documents (closure carried out, R1111-36 CSP): in the lifecycle's
 * transaction the wrapped data keys are overwritten then every row goes (crypto-shredding: the
 * blobs no longer open with any key); the blobs are removed once the transaction committed.
 */
import type { Db } from '../../platform/db/schema.ts';
import type { DocumentFiles } from './document-files.ts';
import { createSubmissionSetsRepository } from './submission-sets.repository.ts';

/** The documents module's eraser (a lifecycle `RecordEraser`). */
export function createDocumentEraser(files: DocumentFiles) {
  return {
    /** Removes documents, versions, folders, settings, reports, submission sets and jobs of the record. */
    async erase(trx: Db, patientId: string): Promise<() => Promise<void>> {
      const versions = await trx
        .selectFrom('document_versions')
        .select(['id', 'blob_key'])
        .where('patient_id', '=', patientId)
        .execute();
      await trx
        .updateTable('document_versions')
        .set({ wrapped_key: '' })
        .where('patient_id', '=', patientId)
        .execute();
      await trx.deleteFrom('document_versions').where('patient_id', '=', patientId).execute();
      await trx.deleteFrom('document_reports').where('patient_id', '=', patientId).execute();
      await createSubmissionSetsRepository(trx).eraseRecord(patientId);
      await trx.deleteFrom('documents').where('patient_id', '=', patientId).execute();
      await trx.deleteFrom('folders').where('patient_id', '=', patientId).execute();
      await trx.deleteFrom('document_settings').where('patient_id', '=', patientId).execute();
      await trx.deleteFrom('jobs').where('patient_id', '=', patientId).execute();
      return async () => {
        for (const version of versions) await files.removeAll(version);
      };
    },
  };
}
