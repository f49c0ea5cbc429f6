/**
 * OAuth 2.0 for professional software (issue 10): the clients an operator registered, and the
 * authorization server's state (codes, tokens, grants, interactions), every id stored as its
 * SHA-256 only.
 */
import type { Kysely } from 'kysely';

/** Creates `oauth_clients` and `oauth_entries`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('oauth_clients')
    .addColumn('client_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    // JSON array of exact redirect URIs (RFC 6749 §3.1.2, compared as registered).
    .addColumn('redirect_uris', 'text', (c) => c.notNull())
    .addColumn('refresh_tokens', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('oauth_entries')
    .addColumn('model', 'text', (c) => c.notNull())
    // SHA-256 of the id (a token, a code, a cookie value): the id itself is never stored.
    .addColumn('id_hash', 'text', (c) => c.notNull())
    // Sealed (AES-256-GCM) JSON of the model without its id.
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('grant_hash', 'text')
    .addColumn('uid_hash', 'text')
    .addColumn('user_code_hash', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('consumed_at', 'text')
    .addPrimaryKeyConstraint('oauth_entries_pk', ['model', 'id_hash'])
    .execute();
  await db.schema
    .createIndex('oauth_entries_grant_idx')
    .on('oauth_entries')
    .columns(['grant_hash'])
    .execute();
  await db.schema
    .createIndex('oauth_entries_uid_idx')
    .on('oauth_entries')
    .columns(['model', 'uid_hash'])
    .execute();
  await db.schema
    .createIndex('oauth_entries_expiry_idx')
    .on('oauth_entries')
    .columns(['expires_at'])
    .execute();
}

/** Drops them. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('oauth_entries').ifExists().execute();
  await db.schema.dropTable('oauth_clients').ifExists().execute();
}
