/** Medical profile (issue 11): entries of every rubrique, rubrique switches, measure targets. */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/** Creates `profile_entries`, `profile_rubriques` and `measure_targets`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('profile_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('rubrique', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    // Measure code, vaccine code or contact kind: what lists and charts filter on.
    .addColumn('kind', 'text')
    .addColumn('entry_date', 'text')
    // The entry's content as JSON text (validated by the wire schema), shown escaped.
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('masked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('author_type', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text')
    // Vaccinations: the date a reminder is due (planned rappel or the calendar's next date).
    .addColumn('due_date', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('profile_entries_rubrique_idx')
    .on('profile_entries')
    .columns(['patient_id', 'rubrique', 'entry_date'])
    .execute();
  // One personne de confiance per record (PRODUCT.md), whatever the race between two requests.
  await db.schema
    .createIndex('profile_entries_one_confiance')
    .unique()
    .on('profile_entries')
    .column('patient_id')
    .where(sql.ref('type'), '=', 'contact')
    .where(sql.ref('kind'), '=', 'confiance')
    .execute();

  await db.schema
    .createTable('profile_rubriques')
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('rubrique', 'text', (c) => c.notNull())
    .addColumn('not_concerned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('masked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('profile_rubriques_pk', ['patient_id', 'rubrique'])
    .execute();

  await db.schema
    .createTable('measure_targets')
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('min_value', 'double precision')
    .addColumn('max_value', 'double precision')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('measure_targets_pk', ['patient_id', 'measure'])
    .execute();
}

/** Drops them. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('measure_targets').ifExists().execute();
  await db.schema.dropTable('profile_rubriques').ifExists().execute();
  await db.schema.dropIndex('profile_entries_one_confiance').ifExists().execute();
  await db.schema.dropIndex('profile_entries_rubrique_idx').ifExists().execute();
  await db.schema.dropTable('profile_entries').ifExists().execute();
}
