/** Erasure of a record's notification preferences and sent keys (closure carried out). */
import type { Db } from '../../platform/db/schema.ts';

/** The notifications module's eraser (a lifecycle `RecordEraser`). */
export const notificationsEraser = {
  /** Removes the record's preferences and once-a-day keys. */
  async erase(trx: Db, patientId: string): Promise<undefined> {
    await trx.deleteFrom('notification_preferences').where('patient_id', '=', patientId).execute();
    await trx.deleteFrom('notification_sent_keys').where('patient_id', '=', patientId).execute();
    return undefined;
  },
};
