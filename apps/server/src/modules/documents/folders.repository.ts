/** The patient's folders, document settings and problem reports. */
import type { Db } from '../../platform/db/schema.ts';
import type { DocumentReportsTable, FoldersTable } from '../../platform/db/schema-documents.ts';

/** Reads and writes folders, settings and reports of one record at a time. */
export function createFoldersRepository(db: Db) {
  return {
    /** The patient's folders by name, with how many live documents each holds. */
    list(patientId: string): Promise<Array<FoldersTable & { document_count: number | string }>> {
      return db
        .selectFrom('folders')
        .leftJoin('documents', (join) =>
          join
            .onRef('documents.folder_id', '=', 'folders.id')
            .on('documents.deleted_at', 'is', null),
        )
        .selectAll('folders')
        .select((eb) => eb.fn.count<number | string>('documents.id').as('document_count'))
        .where('folders.patient_id', '=', patientId)
        .groupBy([
          'folders.id',
          'folders.patient_id',
          'folders.name',
          'folders.created_at',
          'folders.updated_at',
        ])
        .orderBy('folders.name')
        .orderBy('folders.id')
        .execute();
    },

    /** One folder of this patient, or undefined (another patient's folder looks missing). */
    find(patientId: string, id: string): Promise<FoldersTable | undefined> {
      return db
        .selectFrom('folders')
        .selectAll()
        .where('patient_id', '=', patientId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** Inserts a folder. */
    async insert(row: FoldersTable): Promise<void> {
      await db.insertInto('folders').values(row).execute();
    },

    /** Renames a folder. */
    async rename(patientId: string, id: string, name: string, now: string): Promise<void> {
      await db
        .updateTable('folders')
        .set({ name, updated_at: now })
        .where('patient_id', '=', patientId)
        .where('id', '=', id)
        .execute();
    },

    /** Deletes a folder (its documents must have been moved out first). */
    async remove(patientId: string, id: string): Promise<void> {
      await db
        .deleteFrom('folders')
        .where('patient_id', '=', patientId)
        .where('id', '=', id)
        .execute();
    },

    /** "Masquer par défaut les nouveaux documents"; off when never set. */
    async maskNewByDefault(patientId: string): Promise<boolean> {
      const row = await db
        .selectFrom('document_settings')
        .select('mask_new_by_default')
        .where('patient_id', '=', patientId)
        .executeTakeFirst();
      return row?.mask_new_by_default === 1;
    },

    /** Sets the setting. */
    async setMaskNewByDefault(patientId: string, value: boolean, now: string): Promise<void> {
      await db
        .insertInto('document_settings')
        .values({ patient_id: patientId, mask_new_by_default: value ? 1 : 0, updated_at: now })
        .onConflict((oc) =>
          oc
            .column('patient_id')
            .doUpdateSet({ mask_new_by_default: value ? 1 : 0, updated_at: now }),
        )
        .execute();
    },

    /** Stores a problem report. */
    async insertReport(row: DocumentReportsTable): Promise<void> {
      await db.insertInto('document_reports').values(row).execute();
    },
  };
}
