/** Notification preferences and the keys of notifications that leave at most once a day. */
import type { Db } from '../../platform/db/schema.ts';
import type { NotificationPreferencesTable } from '../../platform/db/schema-history.ts';

/** Reads and writes the notification tables. */
export function createNotificationsRepository(db: Db) {
  return {
    /** The stored preferences of a record, if any (none = all on). */
    findPreferences(patientId: string): Promise<NotificationPreferencesTable | undefined> {
      return db
        .selectFrom('notification_preferences')
        .selectAll()
        .where('patient_id', '=', patientId)
        .executeTakeFirst();
    },

    /** Inserts or replaces the preferences of a record. */
    async savePreferences(row: NotificationPreferencesTable): Promise<void> {
      await db
        .insertInto('notification_preferences')
        .values(row)
        .onConflict((oc) =>
          oc.column('patient_id').doUpdateSet({
            messages: row.messages,
            documents_by_professional: row.documents_by_professional,
            reminders: row.reminders,
            updated_at: row.updated_at,
          }),
        )
        .execute();
    },

    /**
     * Claims a once-a-day key; true for the one transaction that inserted it. On PostgreSQL a
     * concurrent claimer waits on the unique key until the first commits, then gets false.
     */
    async claimKey(key: {
      patientId: string;
      kind: string;
      subjectId: string;
      day: string;
      at: string;
    }): Promise<boolean> {
      const inserted = await db
        .insertInto('notification_sent_keys')
        .values({
          patient_id: key.patientId,
          kind: key.kind,
          subject_id: key.subjectId,
          day: key.day,
          created_at: key.at,
        })
        .onConflict((oc) => oc.columns(['patient_id', 'kind', 'subject_id', 'day']).doNothing())
        .returning('patient_id')
        .executeTakeFirst();
      return inserted !== undefined;
    },
  };
}
