/** Erasure of a record's medical profile (closure carried out): entries, rubrique switches, targets. */
import type { Db } from '../../platform/db/schema.ts';

/** The profile module's eraser (a lifecycle `RecordEraser`). */
export const profileEraser = {
  /** Removes the record's entries, rubrique settings and measure targets. */
  async erase(trx: Db, patientId: string): Promise<undefined> {
    await trx.deleteFrom('profile_entries').where('patient_id', '=', patientId).execute();
    await trx.deleteFrom('profile_rubriques').where('patient_id', '=', patientId).execute();
    await trx.deleteFrom('measure_targets').where('patient_id', '=', patientId).execute();
    return undefined;
  },
};
