/** Access: grants, emergency settings and windows, médecin traitant, matrice d'habilitation. */
import type { Kysely } from 'kysely';

/** Creates the access tables. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('grants')
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('professional_id', 'text', (c) => c.notNull().references('professionals.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('grants_pk', ['patient_id', 'professional_id'])
    .execute();
  await db.schema
    .createIndex('grants_professional_idx')
    .on('grants')
    .column('professional_id')
    .execute();

  await db.schema
    .createTable('emergency_settings')
    .addColumn('patient_id', 'text', (c) => c.primaryKey().references('patients.id'))
    .addColumn('samu', 'integer', (c) => c.notNull())
    .addColumn('others', 'integer', (c) => c.notNull())
    .addColumn('masked', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('emergency_windows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('professional_id', 'text', (c) => c.notNull().references('professionals.id'))
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('until', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema
    .createIndex('emergency_windows_pair_idx')
    .on('emergency_windows')
    .columns(['patient_id', 'professional_id', 'until'])
    .execute();

  await db.schema
    .createTable('medecin_traitant')
    .addColumn('patient_id', 'text', (c) => c.primaryKey().references('patients.id'))
    .addColumn('professional_id', 'text', (c) => c.notNull().references('professionals.id'))
    .addColumn('since', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('habilitation_matrix')
    .addColumn('profession', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('allowed', 'integer', (c) => c.notNull())
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('habilitation_matrix_pk', ['profession', 'category'])
    .execute();
}

/** Drops the access tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'habilitation_matrix',
    'medecin_traitant',
    'emergency_windows',
    'emergency_settings',
    'grants',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
