/** Accounts and activation codes. */
import type { AccountsTable, ActivationCodesTable, Db } from '../../platform/db/schema.ts';

/** Reads and writes accounts and activation codes. */
export function createAccountsRepository(db: Db) {
  return {
    /** Inserts an account. */
    async insert(row: AccountsTable): Promise<void> {
      await db.insertInto('accounts').values(row).execute();
    },
    /** Account by identifiant (stored lower-case), of one kind when given. */
    findByIdentifiant(
      identifiant: string,
      kind?: AccountsTable['kind'],
    ): Promise<AccountsTable | undefined> {
      let query = db
        .selectFrom('accounts')
        .selectAll()
        .where('identifiant', '=', identifiant.toLowerCase());
      if (kind) query = query.where('kind', '=', kind);
      return query.executeTakeFirst();
    },
    /** A professional's account (its identifiant is the RPPS number). */
    findByProfessional(professionalId: string): Promise<AccountsTable | undefined> {
      return db
        .selectFrom('accounts')
        .selectAll()
        .where('professional_id', '=', professionalId)
        .where('kind', '=', 'professional')
        .executeTakeFirst();
    },
    /** Account by id. */
    findById(id: string): Promise<AccountsTable | undefined> {
      return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
    },
    /** The patient's own account. */
    findByPatient(patientId: string): Promise<AccountsTable | undefined> {
      return db
        .selectFrom('accounts')
        .selectAll()
        .where('patient_id', '=', patientId)
        .where('kind', '=', 'patient')
        .executeTakeFirst();
    },
    /** Reactivation: the identifiant and password chosen again replace the old ones. */
    async replaceCredentials(
      id: string,
      input: { identifiant: string; passwordHash: string; at: string },
    ): Promise<void> {
      await db
        .updateTable('accounts')
        .set({
          identifiant: input.identifiant,
          password_hash: input.passwordHash,
          password_changed_at: input.at,
        })
        .where('id', '=', id)
        .execute();
    },
    /** Replaces the password hash. */
    async setPasswordHash(id: string, hash: string, at: string): Promise<void> {
      await db
        .updateTable('accounts')
        .set({ password_hash: hash, password_changed_at: at })
        .where('id', '=', id)
        .execute();
    },
    /** Inserts an activation code (hashed). */
    async insertActivationCode(row: ActivationCodesTable): Promise<void> {
      await db.insertInto('activation_codes').values(row).execute();
    },
    /** Activation code by its hash. */
    findActivationCode(codeHash: string): Promise<ActivationCodesTable | undefined> {
      return db
        .selectFrom('activation_codes')
        .selectAll()
        .where('code_hash', '=', codeHash)
        .executeTakeFirst();
    },
    /** Whether the account already signed in from a device, and whether it ever signed in at all. */
    async deviceHistory(
      accountId: string,
      deviceHash: string | undefined,
    ): Promise<{ known: boolean; any: boolean }> {
      const rows = await db
        .selectFrom('known_devices')
        .select('device_hash')
        .where('account_id', '=', accountId)
        .limit(1000)
        .execute();
      return {
        known: deviceHash !== undefined && rows.some((r) => r.device_hash === deviceHash),
        any: rows.length > 0,
      };
    },
    /** Records a device (or its new visit). */
    async rememberDevice(row: {
      id: string;
      accountId: string;
      patientId: string | null;
      deviceHash: string;
      at: string;
    }): Promise<void> {
      await db
        .insertInto('known_devices')
        .values({
          id: row.id,
          account_id: row.accountId,
          patient_id: row.patientId,
          device_hash: row.deviceHash,
          first_seen_at: row.at,
          last_seen_at: row.at,
        })
        .onConflict((oc) =>
          oc.columns(['account_id', 'device_hash']).doUpdateSet({ last_seen_at: row.at }),
        )
        .execute();
    },
    /** Marks an activation code used; false if another request used it first. */
    async useActivationCode(id: string, at: string): Promise<boolean> {
      const result = await db
        .updateTable('activation_codes')
        .set({ used_at: at })
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
