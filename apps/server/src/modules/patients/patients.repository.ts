/** Patients table access. */
import type { Db, PatientsTable } from '../../platform/db/schema.ts';

/** Reads and writes patient records. */
export function createPatientsRepository(db: Db) {
  return {
    /** Inserts a patient. */
    async insert(row: PatientsTable): Promise<void> {
      await db.insertInto('patients').values(row).execute();
    },
    /** Patient by id. */
    findById(id: string): Promise<PatientsTable | undefined> {
      return db.selectFrom('patients').selectAll().where('id', '=', id).executeTakeFirst();
    },
    /** Patient by INS. */
    findByIns(ins: string): Promise<PatientsTable | undefined> {
      return db.selectFrom('patients').selectAll().where('ins', '=', ins).executeTakeFirst();
    },
    /** Updates some columns. */
    async update(id: string, fields: Partial<Omit<PatientsTable, 'id' | 'ins'>>): Promise<void> {
      await db.updateTable('patients').set(fields).where('id', '=', id).execute();
    },
  };
}
