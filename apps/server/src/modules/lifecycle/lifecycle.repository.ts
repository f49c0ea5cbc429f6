/** Rows of `patient_closures`. */
import type { Db } from '../../platform/db/schema.ts';
import type { PatientClosuresTable } from '../../platform/db/schema-lifecycle.ts';

/** Reads and writes closures. */
export function createLifecycleRepository(db: Db) {
  return {
    /** The closure of a record, or undefined. */
    find(patientId: string): Promise<PatientClosuresTable | undefined> {
      return db
        .selectFrom('patient_closures')
        .selectAll()
        .where('patient_id', '=', patientId)
        .executeTakeFirst();
    },
    /** Inserts a closure (the caller checked there was none). */
    async insert(row: PatientClosuresTable): Promise<void> {
      await db.insertInto('patient_closures').values(row).execute();
    },
    /** Removes a closure that was not carried out (reactivation). */
    async removePending(patientId: string): Promise<boolean> {
      const result = await db
        .deleteFrom('patient_closures')
        .where('patient_id', '=', patientId)
        .where('erased_at', 'is', null)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    /** Closures whose time has come and which are not erased yet. */
    async listDue(now: string, limit: number): Promise<PatientClosuresTable[]> {
      return db
        .selectFrom('patient_closures')
        .selectAll()
        .where('erased_at', 'is', null)
        .where('delete_after', '<=', now)
        .orderBy('delete_after')
        .limit(limit)
        .execute();
    },
    /** Marks a closure carried out; false when another worker or a reactivation came first. */
    async markErased(patientId: string, at: string, dueBy: string): Promise<boolean> {
      const result = await db
        .updateTable('patient_closures')
        .set({ erased_at: at })
        .where('patient_id', '=', patientId)
        .where('erased_at', 'is', null)
        .where('delete_after', '<=', dueBy)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },
  };
}
