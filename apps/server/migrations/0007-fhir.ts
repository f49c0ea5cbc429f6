/** FHIR API (issue 10): bearer tokens of professional software, and the SHA-1 of each stored version (MHD). */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/** Creates `api_tokens` and adds `document_versions.sha1`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // SHA-256 of the 256-bit random token: the token itself is never stored.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('professional_id', 'text', (c) => c.notNull().references('professionals.id'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('api_tokens_professional_idx')
    .on('api_tokens')
    .columns(['professional_id', 'expires_at'])
    .execute();
  // ITI-67 pages by (date, created, id) without the web list's `pinned` first (keyset, no OFFSET).
  await db.schema
    .createIndex('documents_keyset_date_idx')
    .on('documents')
    .columns(['patient_id', 'doc_date', 'created_at', 'id'])
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
  // Null for versions stored before this migration: their DocumentReference carries no hash.
  await db.schema.alterTable('document_versions').addColumn('sha1', 'text').execute();
}

/** Drops them. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('documents_keyset_date_idx').ifExists().execute();
  await db.schema.alterTable('document_versions').dropColumn('sha1').execute();
  await db.schema.dropTable('api_tokens').ifExists().execute();
}
