/** Rows of `oauth_entries`: oidc-provider's models, found by the SHA-256 of their id. */
import type { Db } from '../../platform/db/schema.ts';
import type { OAuthEntriesTable } from '../../platform/db/schema-oauth.ts';

/** Creates the repository on a database handle or a transaction. */
export function createOAuthEntriesRepository(db: Db) {
  return {
    /** Inserts or replaces one entry. */
    async upsert(row: OAuthEntriesTable): Promise<void> {
      await db
        .insertInto('oauth_entries')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['model', 'id_hash']).doUpdateSet({
            payload: row.payload,
            grant_hash: row.grant_hash,
            uid_hash: row.uid_hash,
            user_code_hash: row.user_code_hash,
            expires_at: row.expires_at,
            consumed_at: row.consumed_at,
          }),
        )
        .execute();
    },

    /** The live entry of a model by id hash. */
    find(model: string, idHash: string, now: string): Promise<OAuthEntriesTable | undefined> {
      return db
        .selectFrom('oauth_entries')
        .selectAll()
        .where('model', '=', model)
        .where('id_hash', '=', idHash)
        .where('expires_at', '>', now)
        .executeTakeFirst();
    },

    /** The live entry of a model by another indexed hash (uid, user code). */
    findBy(
      model: string,
      column: 'uid_hash' | 'user_code_hash',
      hash: string,
      now: string,
    ): Promise<OAuthEntriesTable | undefined> {
      return db
        .selectFrom('oauth_entries')
        .selectAll()
        .where('model', '=', model)
        .where(column, '=', hash)
        .where('expires_at', '>', now)
        .executeTakeFirst();
    },

    /** Marks a code or a refresh token used (single use, RFC 6749 §4.1.2). */
    async consume(model: string, idHash: string, at: string): Promise<void> {
      await db
        .updateTable('oauth_entries')
        .set({ consumed_at: at })
        .where('model', '=', model)
        .where('id_hash', '=', idHash)
        .execute();
    },

    /** Deletes one entry; returns it (for its trace). */
    async delete(model: string, idHash: string): Promise<OAuthEntriesTable | undefined> {
      const row = await db
        .selectFrom('oauth_entries')
        .selectAll()
        .where('model', '=', model)
        .where('id_hash', '=', idHash)
        .executeTakeFirst();
      if (row)
        await db
          .deleteFrom('oauth_entries')
          .where('model', '=', model)
          .where('id_hash', '=', idHash)
          .execute();
      return row;
    },

    /** Deletes the entries of a model issued under one grant; returns how many. */
    async deleteByGrant(model: string, grantHash: string): Promise<number> {
      const result = await db
        .deleteFrom('oauth_entries')
        .where('model', '=', model)
        .where('grant_hash', '=', grantHash)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** Deletes every expired entry (the table only holds live state). */
    async purgeExpired(now: string): Promise<number> {
      const result = await db
        .deleteFrom('oauth_entries')
        .where('expires_at', '<=', now)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/** The OAuth entries repository. */
export type OAuthEntriesRepository = ReturnType<typeof createOAuthEntriesRepository>;
