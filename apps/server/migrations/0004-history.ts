/** History: the index of the activity history, notification preferences and sent keys. */
import type { Kysely } from 'kysely';

/** Creates the history tables and the keyset index of Historique d'activité. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Each tab reads one actor type of one record, newest first, by keyset on (at, seq):
  // this index serves it on both dialects by a backward range scan, without OFFSET (PERFORMANCE.md).
  await db.schema
    .createIndex('traces_history_idx')
    .on('traces')
    .columns(['patient_id', 'actor_type', 'at', 'seq'])
    .execute();

  await db.schema
    .createTable('notification_preferences')
    .addColumn('patient_id', 'text', (c) => c.primaryKey().references('patients.id'))
    .addColumn('messages', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('documents_by_professional', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('reminders', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notification_sent_keys')
    .addColumn('patient_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_sent_keys_pk', [
      'patient_id',
      'kind',
      'subject_id',
      'day',
    ])
    .execute();
}

/** Drops them. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notification_sent_keys').ifExists().execute();
  await db.schema.dropTable('notification_preferences').ifExists().execute();
  await db.schema.dropIndex('traces_history_idx').ifExists().execute();
}
