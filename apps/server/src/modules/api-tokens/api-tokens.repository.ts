/** Bearer tokens of professional software, stored hashed. */
import type { Db } from '../../platform/db/schema.ts';
import type { ApiTokensTable } from '../../platform/db/schema-tokens.ts';

/** Reads and writes `api_tokens`. */
export function createApiTokensRepository(db: Db) {
  return {
    /** Inserts one token row. */
    async insert(row: ApiTokensTable): Promise<void> {
      await db.insertInto('api_tokens').values(row).execute();
    },

    /** The row of a token hash, or undefined. */
    findByHash(tokenHash: string): Promise<ApiTokensTable | undefined> {
      return db
        .selectFrom('api_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
    },

    /** Revokes the token of a hash; true when a live one was revoked. */
    async revokeByHash(tokenHash: string, at: string): Promise<boolean> {
      const result = await db
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** Revokes every live token of a professional; how many. */
    async revokeAllOf(professionalId: string, at: string): Promise<number> {
      const result = await db
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('professional_id', '=', professionalId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}
