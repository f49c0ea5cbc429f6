/** Judging and replacing a patient's password, shared by the settings change and the reset. */
import type { AccountsTable, PatientsTable } from '../../platform/db/schema.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { accountsErrors } from './accounts.errors.ts';
import { securityNoticeMessage } from './accounts.messages.ts';
import { createAccountsRepository } from './accounts.repository.ts';

/** Refuses a weak new password (SECURITY.md, CNIL 2022-100) with a field error on `newPassword`. */
export function requireStrongPassword(
  deps: AccountsDeps,
  account: AccountsTable,
  patient: PatientsTable,
  password: string,
): void {
  const verdict = deps.passwordPolicy.check(password, {
    identifiant: account.identifiant,
    firstName: patient.first_name,
    lastName: patient.last_name,
    birthDate: patient.birth_date,
  });
  if (!verdict.ok) throw accountsErrors.passwordWeak(verdict.message, 'newPassword');
}

/**
 * Stores the new hash, ends the account's sessions (all, or all but the one making the change),
 * traces the change and tells the person at their e-mail address, in one transaction.
 */
export async function replacePassword(
  deps: AccountsDeps,
  input: {
    account: AccountsTable;
    patient: PatientsTable;
    newPassword: string;
    keepSessionId?: string;
    action: 'account.password_change' | 'account.password_reset';
  },
): Promise<void> {
  const { account, patient } = input;
  const hash = await deps.passwords.hash(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await createAccountsRepository(trx).setPasswordHash(
      account.id,
      hash,
      deps.clock.now().toISOString(),
    );
    await deps.sessions.endAll(trx, account.id, input.keepSessionId);
    await deps.traces.append(trx, {
      patientId: patient.id,
      actor: { type: 'patient', id: patient.id },
      action: input.action,
    });
    if (patient.email) {
      const notice = securityNoticeMessage({
        to: patient.email,
        change: 'password',
        publicUrl: deps.publicUrl,
      });
      await deps.outbox.enqueue(trx, notice, patient.id);
    }
  });
}
