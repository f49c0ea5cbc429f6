/** Sessions table access. */
import type { Db, SessionsTable } from '../../platform/db/schema.ts';

/** Reads and writes sessions. */
export function createSessionsRepository(db: Db) {
  return {
    /** Inserts a session row. */
    async insert(row: SessionsTable): Promise<void> {
      await db.insertInto('sessions').values(row).execute();
    },
    /** Session by the hash of its cookie value. */
    findByTokenHash(tokenHash: string): Promise<SessionsTable | undefined> {
      return db
        .selectFrom('sessions')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
    },
    /** Records activity (idle timeout counts from here). */
    async touch(id: string, at: string): Promise<void> {
      await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
    },
    /** Sets the profile the session acts on. */
    async setActingPatient(id: string, patientId: string | null): Promise<void> {
      await db
        .updateTable('sessions')
        .set({ acting_patient_id: patientId })
        .where('id', '=', id)
        .execute();
    },
    /** Deletes one session; true if it existed. */
    async delete(id: string): Promise<boolean> {
      const result = await db.deleteFrom('sessions').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    /** Deletes every session of an account but `exceptId`. */
    async deleteForAccount(accountId: string, exceptId?: string): Promise<void> {
      let query = db.deleteFrom('sessions').where('account_id', '=', accountId);
      if (exceptId) query = query.where('id', '!=', exceptId);
      await query.execute();
    },
    /** Full sessions of an account, newest activity first. */
    listForAccount(accountId: string): Promise<SessionsTable[]> {
      return db
        .selectFrom('sessions')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('level', '=', 'full')
        .orderBy('last_seen_at', 'desc')
        .execute();
    },
  };
}
