/** Erasure of a record's access settings (closure carried out): grants, emergency settings and windows. */
import type { Db } from '../../platform/db/schema.ts';

/** The access module's eraser (a lifecycle `RecordEraser`). */
export const accessEraser = {
  /** Removes the record's grants, emergency settings and windows, médecin traitant. */
  async erase(trx: Db, patientId: string): Promise<undefined> {
    await trx.deleteFrom('grants').where('patient_id', '=', patientId).execute();
    await trx.deleteFrom('emergency_windows').where('patient_id', '=', patientId).execute();
    await trx.deleteFrom('emergency_settings').where('patient_id', '=', patientId).execute();
    await trx.deleteFrom('medecin_traitant').where('patient_id', '=', patientId).execute();
    return undefined;
  },
};
