/**
 * A professional's forgotten password (issue 14): the RPPS number, then a one-time code sent to
 * the e-mail of the directory entry, then a new password. The patients' security exactly
 * (SECURITY.md): same OTP rules (6 digits, 10 minutes, 5 wrong entries, 30 s between codes, daily
 * caps), same answer whether the RPPS has an account or not, throttled per RPPS, every session
 * ended and a notice sent once the password changed.
 */
import { randomToken, sha256Hex } from '../../platform/crypto/secrets.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { ProfessionalsService } from '../professionals/professionals.service.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { accountsErrors } from './accounts.errors.ts';
import { codeMessage, securityNoticeMessage } from './accounts.messages.ts';
import { createAccountsRepository } from './accounts.repository.ts';
import { createOtpRepository } from './otp.repository.ts';
import { accountRule } from './throttle.service.ts';

/** Reset of a professional's password by one-time code. */
export function createProfessionalRecoveryService(
  deps: AccountsDeps & { professionals: Pick<ProfessionalsService, 'find'> },
) {
  const { db } = deps;

  return {
    /** Sends a code when the RPPS has an account and an e-mail; always a flow id. */
    async start(input: { rpps: string }): Promise<{ flowId: string }> {
      const flowId = randomToken(24);
      const key = `rec:pro:${sha256Hex(input.rpps)}`;
      if ((await deps.throttle.waitFor(db, key)) > 0) return { flowId };
      await deps.throttle.fail(db, key, accountRule);
      const account = await createAccountsRepository(db).findByIdentifiant(
        input.rpps,
        'professional',
      );
      const professional = account?.professional_id
        ? await deps.professionals.find(account.professional_id)
        : undefined;
      if (!account || !professional?.email) return { flowId };
      const to = professional.email;
      try {
        await db.transaction().execute(async (trx) => {
          const code = await deps.otp.issue(trx, {
            accountId: account.id,
            patientId: null,
            purpose: 'password-reset',
            flowId,
            channel: 'email',
            destination: to,
          });
          await deps.outbox.enqueue(
            trx,
            codeMessage({ channel: 'email', to, code, purpose: 'password-reset' }),
            null,
          );
        });
      } catch (error) {
        // Telling "too soon" here would tell that the account exists.
        if (!(error instanceof AppError)) throw error;
      }
      return { flowId };
    },

    /** Checks the code, sets the new password, ends every session, tells the professional. */
    async complete(input: { flowId: string; code: string; newPassword: string }): Promise<void> {
      const pending = await createOtpRepository(db).latestForFlow(input.flowId, 'password-reset');
      const account = pending
        ? await createAccountsRepository(db).findById(pending.account_id)
        : undefined;
      const professional = account?.professional_id
        ? await deps.professionals.find(account.professional_id)
        : undefined;
      if (!pending || !account || account.kind !== 'professional' || !professional)
        throw accountsErrors.codeUnknown();
      // Judged before the code is spent, so a weak choice does not cost a new code.
      const verdict = deps.passwordPolicy.check(input.newPassword, {
        identifiant: professional.rpps,
        firstName: professional.first_name,
        lastName: professional.last_name,
      });
      if (!verdict.ok) throw accountsErrors.passwordWeak(verdict.message, 'newPassword');
      await deps.otp.verify(db, {
        flowId: input.flowId,
        purpose: 'password-reset',
        code: input.code,
      });
      const hash = await deps.passwords.hash(input.newPassword);
      await db.transaction().execute(async (trx) => {
        await createAccountsRepository(trx).setPasswordHash(
          account.id,
          hash,
          deps.clock.now().toISOString(),
        );
        await deps.sessions.endAll(trx, account.id);
        await deps.traces.append(trx, {
          patientId: null,
          actor: { type: 'professional', id: professional.id },
          action: 'account.password_reset',
          target: { type: 'professional', id: professional.id },
        });
        if (professional.email)
          await deps.outbox.enqueue(
            trx,
            securityNoticeMessage({
              to: professional.email,
              change: 'password',
              publicUrl: deps.publicUrl,
            }),
            null,
          );
      });
    },
  };
}

/** The professionals' recovery service. */
export type ProfessionalRecoveryService = ReturnType<typeof createProfessionalRecoveryService>;
