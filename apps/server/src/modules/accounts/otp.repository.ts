/** One-time codes and throttle counters. */
import type { Db, OtpCodesTable, ThrottlesTable } from '../../platform/db/schema.ts';

/** Reads and writes one-time codes and throttles. */
export function createOtpRepository(db: Db) {
  return {
    /** Inserts a code. */
    async insert(row: OtpCodesTable): Promise<void> {
      await db.insertInto('otp_codes').values(row).execute();
    },
    /** The newest code of a flow for a purpose. */
    latestForFlow(
      flowId: string,
      purpose: OtpCodesTable['purpose'],
    ): Promise<OtpCodesTable | undefined> {
      return db
        .selectFrom('otp_codes')
        .selectAll()
        .where('flow_id', '=', flowId)
        .where('purpose', '=', purpose)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
    },
    /** Codes issued and wrong entries made for an account since `since`. */
    async usageSince(accountId: string, since: string): Promise<{ issued: number; wrong: number }> {
      const row = await db
        .selectFrom('otp_codes')
        .select((eb) => [
          eb.fn.countAll<number>().as('issued'),
          eb.fn.coalesce(eb.fn.sum<number>('wrong_attempts'), eb.lit(0)).as('wrong'),
        ])
        .where('account_id', '=', accountId)
        .where('created_at', '>', since)
        .executeTakeFirstOrThrow();
      return { issued: Number(row.issued), wrong: Number(row.wrong) };
    },
    /** When the account's last code for a purpose was issued. */
    async lastIssuedAt(
      accountId: string,
      purpose: OtpCodesTable['purpose'],
    ): Promise<string | undefined> {
      const row = await db
        .selectFrom('otp_codes')
        .select('created_at')
        .where('account_id', '=', accountId)
        .where('purpose', '=', purpose)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row?.created_at;
    },
    /** Kills the live codes of a flow (a new code replaces them). */
    async killFlow(flowId: string): Promise<void> {
      await db
        .updateTable('otp_codes')
        .set({ dead: 1 })
        .where('flow_id', '=', flowId)
        .where('consumed_at', 'is', null)
        .execute();
    },
    /** Counts a wrong entry; the code dies at `maxWrong`. Returns the new count. */
    async recordWrong(id: string, maxWrong: number): Promise<number> {
      const row = await db
        .updateTable('otp_codes')
        .set((eb) => ({
          wrong_attempts: eb('wrong_attempts', '+', 1),
          dead: eb
            .case()
            .when('wrong_attempts', '>=', maxWrong - 1)
            .then(1)
            .else(eb.ref('dead'))
            .end(),
        }))
        .where('id', '=', id)
        .returning('wrong_attempts')
        .executeTakeFirstOrThrow();
      return Number(row.wrong_attempts);
    },
    /** Consumes a live code; false when another request consumed or killed it first. */
    async consume(id: string, at: string): Promise<boolean> {
      const result = await db
        .updateTable('otp_codes')
        .set({ consumed_at: at })
        .where('id', '=', id)
        .where('consumed_at', 'is', null)
        .where('dead', '=', 0)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Throttle row by key. */
    findThrottle(key: string): Promise<ThrottlesTable | undefined> {
      return db.selectFrom('throttles').selectAll().where('key', '=', key).executeTakeFirst();
    },
    /** Inserts or replaces a throttle row. */
    async saveThrottle(row: ThrottlesTable): Promise<void> {
      await db
        .insertInto('throttles')
        .values(row)
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            failures: row.failures,
            window_started_at: row.window_started_at,
            blocked_until: row.blocked_until,
          }),
        )
        .execute();
    },
    /** Forgets a throttle (after a success). */
    async clearThrottle(key: string): Promise<void> {
      await db.deleteFrom('throttles').where('key', '=', key).execute();
    },
  };
}
