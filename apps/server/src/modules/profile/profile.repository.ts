/** Rows of the medical profile: entries, rubrique switches, measure targets. */
import type { Db } from '../../platform/db/schema.ts';
import type { ProfileEntriesTable } from '../../platform/db/schema-profile.ts';

/** An entry row. */
export type ProfileEntryRow = ProfileEntriesTable;

/** Creates the repository over `db` (a handle or the action's transaction). */
export function createProfileRepository(db: Db) {
  return {
    /** Every entry of the record, or of one rubrique, oldest date first. */
    listEntries(patientId: string, rubrique?: string): Promise<ProfileEntryRow[]> {
      let q = db.selectFrom('profile_entries').selectAll().where('patient_id', '=', patientId);
      if (rubrique) q = q.where('rubrique', '=', rubrique);
      return q.orderBy('entry_date').orderBy('created_at').orderBy('id').execute();
    },

    /** One entry of this record; another record's id finds nothing. */
    findEntry(patientId: string, id: string): Promise<ProfileEntryRow | undefined> {
      return db
        .selectFrom('profile_entries')
        .selectAll()
        .where('patient_id', '=', patientId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** The record an entry belongs to, or undefined (no access decided: callers decide next). */
    async patientOfEntry(id: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('profile_entries')
        .select('patient_id')
        .where('id', '=', id)
        .executeTakeFirst();
      return row?.patient_id;
    },

    /** The newest measure of a kind (by date, then by entry time). */
    latestMeasure(patientId: string, measure: string): Promise<ProfileEntryRow | undefined> {
      return db
        .selectFrom('profile_entries')
        .selectAll()
        .where('patient_id', '=', patientId)
        .where('type', '=', 'mesure')
        .where('kind', '=', measure)
        .orderBy('entry_date', 'desc')
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    /** The personne de confiance, if any (there is at most one). */
    findTrustedPerson(patientId: string): Promise<{ id: string } | undefined> {
      return db
        .selectFrom('profile_entries')
        .select('id')
        .where('patient_id', '=', patientId)
        .where('type', '=', 'contact')
        .where('kind', '=', 'confiance')
        .executeTakeFirst();
    },

    async insertEntry(row: ProfileEntryRow): Promise<void> {
      await db.insertInto('profile_entries').values(row).execute();
    },

    async updateEntry(
      patientId: string,
      id: string,
      changes: Partial<
        Pick<ProfileEntryRow, 'kind' | 'entry_date' | 'data' | 'masked' | 'due_date' | 'updated_at'>
      >,
    ): Promise<void> {
      await db
        .updateTable('profile_entries')
        .set(changes)
        .where('patient_id', '=', patientId)
        .where('id', '=', id)
        .execute();
    },

    async deleteEntry(patientId: string, id: string): Promise<void> {
      await db
        .deleteFrom('profile_entries')
        .where('patient_id', '=', patientId)
        .where('id', '=', id)
        .execute();
    },

    /** Switches of every rubrique that has a row. */
    listRubriques(patientId: string) {
      return db
        .selectFrom('profile_rubriques')
        .selectAll()
        .where('patient_id', '=', patientId)
        .execute();
    },

    /** One rubrique's switches, or undefined (defaults: concerned, visible). */
    findRubrique(patientId: string, rubrique: string) {
      return db
        .selectFrom('profile_rubriques')
        .selectAll()
        .where('patient_id', '=', patientId)
        .where('rubrique', '=', rubrique)
        .executeTakeFirst();
    },

    async saveRubrique(row: {
      patient_id: string;
      rubrique: string;
      not_concerned: number;
      masked: number;
      updated_at: string;
    }): Promise<void> {
      await db
        .insertInto('profile_rubriques')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['patient_id', 'rubrique']).doUpdateSet({
            not_concerned: row.not_concerned,
            masked: row.masked,
            updated_at: row.updated_at,
          }),
        )
        .execute();
    },

    listTargets(patientId: string) {
      return db
        .selectFrom('measure_targets')
        .selectAll()
        .where('patient_id', '=', patientId)
        .execute();
    },

    async saveTarget(row: {
      patient_id: string;
      measure: string;
      min_value: number | null;
      max_value: number | null;
      updated_at: string;
    }): Promise<void> {
      await db
        .insertInto('measure_targets')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['patient_id', 'measure']).doUpdateSet({
            min_value: row.min_value,
            max_value: row.max_value,
            updated_at: row.updated_at,
          }),
        )
        .execute();
    },
  };
}

/** The profile repository. */
export type ProfileRepository = ReturnType<typeof createProfileRepository>;
