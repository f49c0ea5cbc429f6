/**
 * Erasure of a record's credentials and contact data (closure carried out): sessions, codes,
 * devices, the throttle rows keyed by the person and the account go; the patient row stays as the tombstone the kept traces point to
 * (identity only, no contact data), so a later reactivation can be refused clearly.
 */
import type { Db } from '../../platform/db/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import { sha256Hex } from '../../platform/crypto/secrets.ts';

/** The accounts module's eraser (a lifecycle `RecordEraser`). */
export function createAccountsEraser(deps: { clock: Clock }) {
  return {
    /** Removes the record's account and everything hanging from it. */
    async erase(trx: Db, patientId: string): Promise<undefined> {
      // Throttle rows keyed by the person (identifiant, INS), as sign-in, settings and recovery
      // write them; per-IP rows name nobody and expire on their own.
      const keys: string[] = [];
      for (const account of await trx
        .selectFrom('accounts')
        .select('identifiant')
        .where('patient_id', '=', patientId)
        .execute())
        keys.push(
          `pw:id:${sha256Hex(account.identifiant.trim().toLowerCase())}`,
          `pw:id:${sha256Hex(account.identifiant)}`,
        );
      const patient = await trx
        .selectFrom('patients')
        .select('ins')
        .where('id', '=', patientId)
        .executeTakeFirst();
      if (patient) keys.push(`rec:${sha256Hex(patient.ins)}`);
      if (keys.length > 0) await trx.deleteFrom('throttles').where('key', 'in', keys).execute();
      const accounts = trx.selectFrom('accounts').select('id').where('patient_id', '=', patientId);
      await trx.deleteFrom('sessions').where('account_id', 'in', accounts).execute();
      await trx.deleteFrom('otp_codes').where('account_id', 'in', accounts).execute();
      await trx.deleteFrom('known_devices').where('account_id', 'in', accounts).execute();
      await trx.deleteFrom('accounts').where('patient_id', '=', patientId).execute();
      await trx.deleteFrom('activation_codes').where('patient_id', '=', patientId).execute();
      await trx
        .updateTable('patients')
        .set({
          email: null,
          mobile: null,
          status: 'closed',
          updated_at: deps.clock.now().toISOString(),
        })
        .where('id', '=', patientId)
        .execute();
      return undefined;
    },
  };
}
