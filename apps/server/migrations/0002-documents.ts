/** Documents: documents, versions, folders, settings, reports, and the background jobs queue. */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/** Creates the documents tables and the indexes of the list query (PERFORMANCE.md B1/B5: no scans). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('folders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('folders_patient_idx')
    .on('folders')
    .columns(['patient_id', 'name'])
    .execute();

  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_search', 'text', (c) => c.notNull())
    .addColumn('doc_date', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('confidentiality', 'text', (c) => c.notNull())
    .addColumn('invisible_to_patient_until', 'text')
    .addColumn('invisible_to_legal_reps', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('folder_id', 'text', (c) => c.references('folders.id'))
    .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('author_type', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('author_name', 'text')
    .addColumn('author_profession', 'text')
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  // The list reads one patient's live documents, pinned first, then by date or by name: each
  // order has an index that serves it, so a page costs the same with 10 k or 1 M documents stored.
  const live = sql<boolean>`deleted_at is null`;
  await db.schema
    .createIndex('documents_list_date_idx')
    .on('documents')
    .columns(['patient_id', 'pinned', 'doc_date', 'created_at', 'id'])
    .where(live)
    .execute();
  await db.schema
    .createIndex('documents_list_name_idx')
    .on('documents')
    .columns(['patient_id', 'pinned', 'title_search', 'id'])
    .where(live)
    .execute();
  await db.schema
    .createIndex('documents_category_idx')
    .on('documents')
    .columns(['patient_id', 'category', 'doc_date'])
    .where(live)
    .execute();
  await db.schema
    .createIndex('documents_folder_idx')
    .on('documents')
    .columns(['folder_id', 'doc_date'])
    .execute();

  await db.schema
    .createTable('document_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('blob_key', 'text', (c) => c.notNull().unique())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('wrapped_key', 'text', (c) => c.notNull())
    .addColumn('kek_version', 'text', (c) => c.notNull())
    .addColumn('preview_status', 'text', (c) => c.notNull())
    .addColumn('preview_kind', 'text')
    .addColumn('page_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('has_thumbnail', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('document_versions_document_version_unique', ['document_id', 'version'])
    .execute();
  // `carnet keys rotate` finds the keys still wrapped by an old KEK without a scan.
  await db.schema
    .createIndex('document_versions_kek_idx')
    .on('document_versions')
    .columns(['kek_version', 'id'])
    .execute();

  await db.schema
    .createTable('document_settings')
    .addColumn('patient_id', 'text', (c) => c.primaryKey().references('patients.id'))
    .addColumn('mask_new_by_default', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('document_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('document_reports_patient_idx')
    .on('document_reports')
    .columns(['patient_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('jobs_due_idx')
    .on('jobs')
    .columns(['next_attempt_at', 'id'])
    .execute();
}

/** Drops the documents tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'jobs',
    'document_reports',
    'document_settings',
    'document_versions',
    'documents',
    'folders',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
