/** Known devices: a sign-in from a device the account never used triggers a notice (issue 5). */
import type { Kysely } from 'kysely';

/** Creates `known_devices`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('known_devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('patient_id', 'text')
    .addColumn('device_hash', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('known_devices_account_device_unique', ['account_id', 'device_hash'])
    .execute();
}

/** Drops `known_devices`. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('known_devices').ifExists().execute();
}
