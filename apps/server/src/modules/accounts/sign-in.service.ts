/**
 * The 3-step sign-in (PRODUCT.md "Account and sign-in"): 1/3 identifiant + password opens a
 * half session; 2/3 sends a one-time code to the chosen stored channel; 3/3 checks it and opens
 * the full session. Each step issues a new session id (no fixation).
 */
import type { Channel, MaskedChannel, Me } from '@carnet/shared';
import { sha256Hex } from '../../platform/crypto/secrets.ts';
import type { Patient } from '../patients/patients.service.ts';
import type { Session } from '../sessions/sessions.service.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { accountsErrors } from './accounts.errors.ts';
import { codeMessage } from './accounts.messages.ts';
import { createAccountsRepository } from './accounts.repository.ts';
import { maskEmail, maskPhone } from './masking.ts';
import { otpLimits } from './otp.service.ts';
import { accountRule, ipRule } from './throttle.service.ts';

/** The stored channels of a patient, masked for display. */
export function channelsOf(patient: Pick<Patient, 'email' | 'mobile'>): MaskedChannel[] {
  return [
    ...(patient.email ? [{ channel: 'email' as const, masked: maskEmail(patient.email) }] : []),
    ...(patient.mobile ? [{ channel: 'sms' as const, masked: maskPhone(patient.mobile) }] : []),
  ];
}

/** "Inaya M." */
export const displayNameOf = (p: Pick<Patient, 'first_name' | 'last_name'>): string =>
  `${p.first_name} ${p.last_name.slice(0, 1)}.`;

/** Sign-in steps and the current user. */
export function createSignInService(deps: AccountsDeps) {
  const { db } = deps;

  async function patientOfAccount(accountId: string) {
    const account = await createAccountsRepository(db).findById(accountId);
    const patient = account?.patient_id ? await deps.patients.find(account.patient_id) : undefined;
    if (!account || !patient || patient.status !== 'active') throw accountsErrors.noPendingSignIn();
    return { account, patient };
  }

  return {
    /** Step 1/3. Same answer, status and cost for an unknown identifiant and a wrong password. */
    async checkPassword(input: {
      identifiant: string;
      password: string;
      ip: string;
      userAgent: string;
    }) {
      const idKey = `pw:id:${sha256Hex(input.identifiant.trim().toLowerCase())}`;
      const ipKey = `pw:ip:${input.ip}`;
      const wait = Math.max(
        await deps.throttle.waitFor(db, idKey),
        await deps.throttle.waitFor(db, ipKey),
      );
      if (wait > 0) throw accountsErrors.throttled(wait / 1000);

      const account = await createAccountsRepository(db).findByIdentifiant(
        input.identifiant.trim(),
      );
      const patient = account?.patient_id
        ? await deps.patients.find(account.patient_id)
        : undefined;
      const passwordOk = account
        ? await deps.passwords.verify(account.password_hash, input.password)
        : await deps.passwords.verifyDummy(input.password);
      if (!account || !passwordOk || !patient || patient.status !== 'active') {
        await deps.throttle.fail(db, idKey, accountRule);
        await deps.throttle.fail(db, ipKey, ipRule);
        if (patient) {
          await deps.traces.append(db, {
            patientId: patient.id,
            actor: { type: 'anonymous', id: null },
            action: 'auth.sign_in',
            outcome: 'failure',
            details: { step: 'password' },
          });
        }
        throw accountsErrors.invalidCredentials();
      }
      await deps.throttle.clear(db, idKey);
      const opened = await deps.sessions.open(db, {
        account_id: account.id,
        patient_id: patient.id,
        level: 'password',
        user_agent: input.userAgent,
      });
      return { token: opened.token, channels: channelsOf(patient) };
    },

    /** Step 2/3: sends a code to the chosen stored channel; the flow is the half session. */
    async sendCode(session: Session, channel: Channel) {
      if (session.level !== 'password') throw accountsErrors.noPendingSignIn();
      const { account, patient } = await patientOfAccount(session.account_id);
      const destination = channel === 'email' ? patient.email : patient.mobile;
      if (!destination) throw accountsErrors.channelUnavailable();
      await db.transaction().execute(async (trx) => {
        const code = await deps.otp.issue(trx, {
          accountId: account.id,
          patientId: patient.id,
          purpose: 'sign-in',
          flowId: session.id,
          channel,
          destination,
        });
        await deps.outbox.enqueue(
          trx,
          codeMessage({ channel, to: destination, code, purpose: 'sign-in' }),
          patient.id,
        );
      });
      const masked = channel === 'email' ? maskEmail(destination) : maskPhone(destination);
      return { channel, masked, resendAfterSeconds: otpLimits.resendDelayMs / 1000 };
    },

    /** Step 3/3: checks the code and opens the full session under a new id. */
    async verifyCode(session: Session, code: string) {
      if (session.level !== 'password') throw accountsErrors.noPendingSignIn();
      const { patient } = await patientOfAccount(session.account_id);
      await deps.otp.verify(db, { flowId: session.id, purpose: 'sign-in', code });
      const opened = await db.transaction().execute(async (trx) => {
        const next = await deps.sessions.rotate(trx, session, 'full');
        await deps.traces.append(trx, {
          patientId: patient.id,
          actor: { type: 'patient', id: patient.id },
          action: 'auth.sign_in',
          target: { type: 'session', id: next.session.id },
        });
        return next;
      });
      return { token: opened.token, me: await this.me(opened.session) };
    },

    /** The signed-in person. */
    async me(session: Session): Promise<Me> {
      const { account, patient } = await patientOfAccount(session.account_id);
      return {
        kind: 'patient',
        identifiant: account.identifiant,
        firstName: patient.first_name,
        lastName: patient.last_name,
        displayName: displayNameOf(patient),
        email: patient.email,
        mobile: patient.mobile,
      };
    },

    /** Sign-out: the session is deleted server-side. */
    async signOut(session: Session) {
      await db.transaction().execute(async (trx) => {
        await deps.sessions.end(trx, session.id);
        if (session.level === 'full' && session.patient_id) {
          await deps.traces.append(trx, {
            patientId: session.patient_id,
            actor: { type: 'patient', id: session.patient_id },
            action: 'auth.sign_out',
            target: { type: 'session', id: session.id },
          });
        }
      });
    },
  };
}

/** The sign-in service. */
export type SignInService = ReturnType<typeof createSignInService>;
