/**
 * Forgotten identifiant and forgotten password (PRODUCT.md): INS + birth date + channel. The answer
 * never tells whether a profile matched (SECURITY.md "No enumeration").
 */
import type { Channel } from '@carnet/shared';
import { randomToken, sha256Hex } from '../../platform/crypto/secrets.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { accountsErrors } from './accounts.errors.ts';
import { codeMessage, identifiantMessage } from './accounts.messages.ts';
import { createAccountsRepository } from './accounts.repository.ts';
import { createOtpRepository } from './otp.repository.ts';
import { replacePassword, requireStrongPassword } from './password-change.ts';
import { accountRule } from './throttle.service.ts';

/** Recovery of identifiant and password. */
export function createRecoveryService(deps: AccountsDeps) {
  const { db } = deps;

  /** The active patient, its account and the stored destination, or undefined (silently). */
  async function match(input: { ins: string; birthDate: string; channel: Channel }) {
    const key = `rec:${sha256Hex(input.ins)}`;
    if ((await deps.throttle.waitFor(db, key)) > 0) return undefined;
    await deps.throttle.fail(db, key, accountRule);
    const patient = await deps.patients.findByIns(input.ins);
    if (!patient || patient.birth_date !== input.birthDate || patient.status !== 'active')
      return undefined;
    const account = await createAccountsRepository(db).findByPatient(patient.id);
    const destination = input.channel === 'email' ? patient.email : patient.mobile;
    if (!account || !destination) return undefined;
    return { patient, account, destination };
  }

  return {
    /** Sends the identifiant to the stored channel when the facts match; always the same answer. */
    async forgotIdentifiant(input: { ins: string; birthDate: string; channel: Channel }) {
      const found = await match(input);
      if (found) {
        await db.transaction().execute(async (trx) => {
          await deps.outbox.enqueue(
            trx,
            identifiantMessage({
              channel: input.channel,
              to: found.destination,
              identifiant: found.account.identifiant,
              publicUrl: deps.publicUrl,
            }),
            found.patient.id,
          );
          await deps.traces.append(trx, {
            patientId: found.patient.id,
            actor: { type: 'anonymous', id: null },
            action: 'account.identifiant_reminder',
            details: { channel: input.channel },
          });
        });
      }
      return { flowId: randomToken(24) };
    },

    /** Starts a reset: a code goes to the stored channel when the facts match; always a flow id. */
    async startPasswordReset(input: { ins: string; birthDate: string; channel: Channel }) {
      const flowId = randomToken(24);
      const found = await match(input);
      if (found) {
        try {
          await db.transaction().execute(async (trx) => {
            const code = await deps.otp.issue(trx, {
              accountId: found.account.id,
              patientId: found.patient.id,
              purpose: 'password-reset',
              flowId,
              channel: input.channel,
              destination: found.destination,
            });
            await deps.outbox.enqueue(
              trx,
              codeMessage({
                channel: input.channel,
                to: found.destination,
                code,
                purpose: 'password-reset',
              }),
              found.patient.id,
            );
          });
        } catch (error) {
          // Telling "too soon" here would tell that the profile exists.
          if (!(error instanceof AppError)) throw error;
        }
      }
      return { flowId };
    },

    /** Completes a reset with the code: new password, every session ended, notice sent. */
    async completePasswordReset(input: { flowId: string; code: string; newPassword: string }) {
      const pending = await createOtpRepository(db).latestForFlow(input.flowId, 'password-reset');
      const account = pending
        ? await createAccountsRepository(db).findById(pending.account_id)
        : undefined;
      const patient = account?.patient_id
        ? await deps.patients.find(account.patient_id)
        : undefined;
      if (!pending || !account || !patient) throw accountsErrors.codeUnknown();
      // Judge the password before spending the code, so a weak choice does not cost a new code.
      requireStrongPassword(deps, account, patient, input.newPassword);
      await deps.otp.verify(db, {
        flowId: input.flowId,
        purpose: 'password-reset',
        code: input.code,
      });
      await replacePassword(deps, {
        account,
        patient,
        newPassword: input.newPassword,
        action: 'account.password_reset',
      });
    },
  };
}

/** The recovery service. */
export type RecoveryService = ReturnType<typeof createRecoveryService>;
