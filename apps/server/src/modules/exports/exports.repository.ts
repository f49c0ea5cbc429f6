/** Rows of `data_exports`. */
import type { Db } from '../../platform/db/schema.ts';
import type { DataExportsTable } from '../../platform/db/schema-lifecycle.ts';

/** Reads and writes data exports. */
export function createExportsRepository(db: Db) {
  return {
    /** Inserts a requested export. */
    async insert(row: DataExportsTable): Promise<void> {
      await db.insertInto('data_exports').values(row).execute();
    },
    /** One export, or undefined. */
    find(id: string): Promise<DataExportsTable | undefined> {
      return db.selectFrom('data_exports').selectAll().where('id', '=', id).executeTakeFirst();
    },
    /** The newest export of a record asked by one person (rows before 0014: the titulaire's). */
    latest(patientId: string, requestedBy: string): Promise<DataExportsTable | undefined> {
      return db
        .selectFrom('data_exports')
        .selectAll()
        .where('patient_id', '=', patientId)
        .where((eb) =>
          eb.or([
            eb('requested_by', '=', requestedBy),
            eb.and([eb('requested_by', 'is', null), eb('patient_id', '=', requestedBy)]),
          ]),
        )
        .orderBy('requested_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
    },
    /** The export of the record waiting or being built, if any: who asked for it. */
    async findRunning(patientId: string): Promise<{ requested_by: string | null } | undefined> {
      return db
        .selectFrom('data_exports')
        .select('requested_by')
        .where('patient_id', '=', patientId)
        .where('status', 'in', ['pending', 'running'])
        .executeTakeFirst();
    },
    /** Changes some columns of an export. */
    async update(id: string, changes: Partial<Omit<DataExportsTable, 'id'>>): Promise<void> {
      await db.updateTable('data_exports').set(changes).where('id', '=', id).execute();
    },
    /** Ready exports past their download period. */
    listExpired(now: string, limit: number): Promise<DataExportsTable[]> {
      return db
        .selectFrom('data_exports')
        .selectAll()
        .where('status', '=', 'ready')
        .where('expires_at', '<=', now)
        .limit(limit)
        .execute();
    },
    /** Every export of a record (erasure). */
    listOf(patientId: string): Promise<DataExportsTable[]> {
      return db
        .selectFrom('data_exports')
        .selectAll()
        .where('patient_id', '=', patientId)
        .execute();
    },
    /** Removes every export row of a record (erasure). */
    async removeAll(patientId: string): Promise<void> {
      await db.deleteFrom('data_exports').where('patient_id', '=', patientId).execute();
    },
  };
}
