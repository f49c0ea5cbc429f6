/**
 * Erasure of a record's messaging (closure carried out), as for documents: in the lifecycle's
 * transaction the attachments' wrapped data keys are overwritten then every row goes
 * (crypto-shredding); the attachment blobs are removed once the transaction committed.
 */
import type { BlobStore } from '../../platform/blobs/blob-store.ts';
import type { Db } from '../../platform/db/schema.ts';

/** The messaging module's eraser (a lifecycle `RecordEraser`). */
export function createMessagingEraser(blobs: Pick<BlobStore, 'delete'>) {
  return {
    /** Removes attachments, messages and conversations of the record (in foreign-key order). */
    async erase(trx: Db, patientId: string): Promise<() => Promise<void>> {
      const attachments = await trx
        .selectFrom('message_attachments')
        .select('blob_key')
        .where('patient_id', '=', patientId)
        .execute();
      await trx
        .updateTable('message_attachments')
        .set({ wrapped_key: '' })
        .where('patient_id', '=', patientId)
        .execute();
      await trx.deleteFrom('message_attachments').where('patient_id', '=', patientId).execute();
      await trx.deleteFrom('messages').where('patient_id', '=', patientId).execute();
      await trx.deleteFrom('conversations').where('patient_id', '=', patientId).execute();
      return async () => {
        for (const a of attachments) await blobs.delete(a.blob_key);
      };
    },
  };
}
