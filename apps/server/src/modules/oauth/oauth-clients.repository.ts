/** Rows of `oauth_clients`: professional software an operator registered. */
import type { Db } from '../../platform/db/schema.ts';
import type { OAuthClientsTable } from '../../platform/db/schema-oauth.ts';

/** Creates the repository on a database handle or a transaction. */
export function createOAuthClientsRepository(db: Db) {
  return {
    async insert(row: OAuthClientsTable): Promise<void> {
      await db.insertInto('oauth_clients').values(row).execute();
    },
    find(clientId: string): Promise<OAuthClientsTable | undefined> {
      return db
        .selectFrom('oauth_clients')
        .selectAll()
        .where('client_id', '=', clientId)
        .executeTakeFirst();
    },
    list(): Promise<OAuthClientsTable[]> {
      return db.selectFrom('oauth_clients').selectAll().orderBy('created_at').execute();
    },
    /** Deletes a client; true when it existed. */
    async delete(clientId: string): Promise<boolean> {
      const result = await db
        .deleteFrom('oauth_clients')
        .where('client_id', '=', clientId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
