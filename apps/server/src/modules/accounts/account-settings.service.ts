/**
 * Informations personnelles (Paramètres): change of password, change of e-mail or mobile confirmed
 * by a code sent to the new address, list and end of sessions. The identifiant never changes.
 */
import type { ContactChangeRequest } from '@carnet/shared';
import { randomToken, sha256Hex } from '../../platform/crypto/secrets.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { Session } from '../sessions/sessions.service.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { accountsErrors } from './accounts.errors.ts';
import { codeMessage, securityNoticeMessage } from './accounts.messages.ts';
import { createAccountsRepository } from './accounts.repository.ts';
import { maskEmail, maskPhone, normalizePhone } from './masking.ts';
import { describeDevice } from './devices.ts';
import { createOtpRepository } from './otp.repository.ts';
import { replacePassword, requireStrongPassword } from './password-change.ts';
import { accountRule } from './throttle.service.ts';

/** Account settings of the signed-in patient. */
export function createAccountSettingsService(deps: AccountsDeps) {
  const { db } = deps;

  async function owner(session: Session) {
    const account = await createAccountsRepository(db).findById(session.account_id);
    const patient = account?.patient_id ? await deps.patients.find(account.patient_id) : undefined;
    if (!account || !patient) throw new AppError('auth.required', 401, 'Veuillez vous connecter.');
    return { account, patient };
  }

  return {
    /** Changes the password after checking the current one; other sessions end. */
    async changePassword(
      session: Session,
      input: { currentPassword: string; newPassword: string },
    ) {
      const { account, patient } = await owner(session);
      const key = `pw:id:${sha256Hex(account.identifiant)}`;
      const wait = await deps.throttle.waitFor(db, key);
      if (wait > 0) throw accountsErrors.throttled(wait / 1000);
      if (!(await deps.passwords.verify(account.password_hash, input.currentPassword))) {
        await deps.throttle.fail(db, key, accountRule);
        throw accountsErrors.passwordMismatch();
      }
      requireStrongPassword(deps, account, patient, input.newPassword);
      await replacePassword(deps, {
        account,
        patient,
        newPassword: input.newPassword,
        keepSessionId: session.id,
        action: 'account.password_change',
      });
    },

    /** Starts a contact change: a code goes to the NEW address. */
    async startContactChange(session: Session, request: ContactChangeRequest) {
      const { account, patient } = await owner(session);
      const value =
        request.kind === 'email'
          ? request.value.trim().toLowerCase()
          : normalizePhone(request.value);
      const channel = request.kind === 'email' ? 'email' : 'sms';
      const flowId = randomToken(24);
      await db.transaction().execute(async (trx) => {
        const code = await deps.otp.issue(trx, {
          accountId: account.id,
          patientId: patient.id,
          purpose: 'contact-change',
          flowId,
          channel,
          destination: `${request.kind}:${value}`,
        });
        await deps.outbox.enqueue(
          trx,
          codeMessage({ channel, to: value, code, purpose: 'contact-change' }),
          patient.id,
        );
      });
      return { flowId, masked: request.kind === 'email' ? maskEmail(value) : maskPhone(value) };
    },

    /** Confirms a contact change with the code received at the new address. */
    async confirmContactChange(session: Session, input: { flowId: string; code: string }) {
      const { account, patient } = await owner(session);
      const pending = await createOtpRepository(db).latestForFlow(input.flowId, 'contact-change');
      if (!pending || pending.account_id !== account.id) throw accountsErrors.flowInvalid();
      const row = await deps.otp.verify(db, {
        flowId: input.flowId,
        purpose: 'contact-change',
        code: input.code,
      });
      const [kind, ...rest] = row.destination.split(':');
      const value = rest.join(':');
      const change = kind === 'email' ? 'email' : 'mobile';
      await db.transaction().execute(async (trx) => {
        await deps.patients.setContact(
          trx,
          patient.id,
          change === 'email' ? { email: value } : { mobile: value },
        );
        await deps.traces.append(trx, {
          patientId: patient.id,
          actor: { type: 'patient', id: patient.id },
          action: 'account.contact_change',
          details: { kind: change },
        });
        // The old address is told, so a hijacked session cannot silently take the account over.
        if (patient.email)
          await deps.outbox.enqueue(
            trx,
            securityNoticeMessage({ to: patient.email, change, publicUrl: deps.publicUrl }),
            patient.id,
          );
      });
    },

    /** Live sessions, the current one flagged. */
    async listSessions(session: Session) {
      const sessions = await deps.sessions.list(session.account_id);
      return sessions.map((s) => ({
        id: s.id,
        current: s.id === session.id,
        createdAt: s.created_at,
        lastSeenAt: s.last_seen_at,
        device: describeDevice(s.user_agent),
      }));
    },

    /** Ends one of the account's sessions. */
    async endSession(session: Session, id: string) {
      const mine = await deps.sessions.list(session.account_id);
      if (!mine.some((s) => s.id === id))
        throw new AppError('session.not_found', 404, 'Session introuvable.');
      await db.transaction().execute(async (trx) => {
        await deps.sessions.end(trx, id);
        await deps.traces.append(trx, {
          patientId: session.patient_id,
          actor: { type: 'patient', id: session.patient_id },
          action: 'session.end',
          target: { type: 'session', id },
        });
      });
    },
  };
}

/** The account settings service. */
export type AccountSettingsService = ReturnType<typeof createAccountSettingsService>;
