/**
 * The 3-step sign-in (PRODUCT.md "Account and sign-in"): 1/3 identifiant + password opens a
 * half session; 2/3 sends a one-time code to the chosen stored channel; 3/3 checks it and opens
 * the full session. Each step issues a new session id (no fixation). Professionals sign in the same
 * way with their RPPS number as identifiant (ACCESS.md, PRODUCT.md "Professional side").
 */
import type { Channel, MaskedChannel, Me } from '@carnet/shared';
import { randomToken, sha256Hex } from '../../platform/crypto/secrets.ts';
import type { AccountsTable } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { Patient } from '../patients/patients.service.ts';
import type { Professional, ProfessionalsService } from '../professionals/professionals.service.ts';
import type { Session } from '../sessions/sessions.service.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { accountsErrors } from './accounts.errors.ts';
import { closureErrors } from './closure.errors.ts';
import { codeMessage } from './accounts.messages.ts';
import { createAccountsRepository } from './accounts.repository.ts';
import { describeDevice } from './devices.ts';
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

/** Who holds an account: an active patient or a directory professional. */
type Holder =
  | { kind: 'patient'; account: AccountsTable; patient: Patient }
  | { kind: 'professional'; account: AccountsTable; professional: Professional };

/** The record a holder's traces go to (null: the platform chain) and the actor they name. */
const traceSubject = (holder: Holder) =>
  holder.kind === 'patient'
    ? { patientId: holder.patient.id, actor: { type: 'patient' as const, id: holder.patient.id } }
    : {
        patientId: null,
        actor: { type: 'professional' as const, id: holder.professional.id },
      };

/** The contact data a holder receives one-time codes at. */
const contactOf = (holder: Holder) =>
  holder.kind === 'patient'
    ? { email: holder.patient.email, mobile: holder.patient.mobile }
    : { email: holder.professional.email, mobile: null };

/** Sign-in steps and the current user. */
export function createSignInService(deps: AccountsDeps & { professionals: ProfessionalsService }) {
  const { db } = deps;

  /** The holder of an account, or undefined (unknown, inactive record, missing directory entry). */
  async function findHolder(account: AccountsTable | undefined): Promise<Holder | undefined> {
    if (!account) return undefined;
    if (account.kind === 'professional') {
      const professional = account.professional_id
        ? await deps.professionals.find(account.professional_id)
        : undefined;
      return professional ? { kind: 'professional', account, professional } : undefined;
    }
    const patient = account.patient_id ? await deps.patients.find(account.patient_id) : undefined;
    return patient?.status === 'active' ? { kind: 'patient', account, patient } : undefined;
  }

  async function holderOfAccount(accountId: string): Promise<Holder> {
    const holder = await findHolder(await createAccountsRepository(db).findById(accountId));
    if (!holder) throw accountsErrors.noPendingSignIn();
    return holder;
  }

  /** Step 1/3 for either kind. Same answer, status and cost for an unknown identifiant and a wrong password. */
  async function passwordStep(input: {
    kind: AccountsTable['kind'];
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
      input.kind,
    );
    const passwordOk = account
      ? await deps.passwords.verify(account.password_hash, input.password)
      : await deps.passwords.verifyDummy(input.password);
    const holder = await findHolder(account);
    // Only the right password learns that the profile is closed, and how to reactivate it.
    if (account && passwordOk && !holder && account.patient_id) {
      const closed = await deps.patients.find(account.patient_id);
      if (closed?.status === 'closed') throw closureErrors.profileClosed();
    }
    if (!account || !passwordOk || !holder) {
      await deps.throttle.fail(db, idKey, accountRule);
      await deps.throttle.fail(db, ipKey, ipRule);
      const patient = account?.patient_id
        ? await deps.patients.find(account.patient_id)
        : undefined;
      const anonymous = { type: 'anonymous' as const, id: null };
      const subject = patient
        ? { patientId: patient.id, actor: anonymous }
        : account?.professional_id
          ? {
              patientId: null,
              actor: anonymous,
              target: { type: 'professional', id: account.professional_id },
            }
          : undefined;
      if (subject) {
        await deps.traces.append(db, {
          ...subject,
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
      patient_id: holder.kind === 'patient' ? holder.patient.id : null,
      level: 'password',
      user_agent: input.userAgent,
    });
    return { token: opened.token, channels: channelsOf(contactOf(holder)) };
  }

  return {
    /** Step 1/3 of a patient: identifiant + password. */
    async checkPassword(input: {
      identifiant: string;
      password: string;
      ip: string;
      userAgent: string;
    }) {
      return passwordStep({ ...input, kind: 'patient' });
    },

    /** Step 1/3 of a professional: RPPS number + password. */
    async checkProfessionalPassword(input: {
      rpps: string;
      password: string;
      ip: string;
      userAgent: string;
    }) {
      return passwordStep({ ...input, identifiant: input.rpps, kind: 'professional' });
    },

    /** Step 2/3: sends a code to the chosen stored channel; the flow is the half session. */
    async sendCode(session: Session, channel: Channel) {
      if (session.level !== 'password') throw accountsErrors.noPendingSignIn();
      const holder = await holderOfAccount(session.account_id);
      const contact = contactOf(holder);
      const destination = channel === 'email' ? contact.email : contact.mobile;
      if (!destination) throw accountsErrors.channelUnavailable();
      const patientId = holder.kind === 'patient' ? holder.patient.id : null;
      await db.transaction().execute(async (trx) => {
        const code = await deps.otp.issue(trx, {
          accountId: holder.account.id,
          patientId,
          purpose: 'sign-in',
          flowId: session.id,
          channel,
          destination,
        });
        await deps.outbox.enqueue(
          trx,
          codeMessage({ channel, to: destination, code, purpose: 'sign-in' }),
          patientId,
        );
      });
      const masked = channel === 'email' ? maskEmail(destination) : maskPhone(destination);
      return { channel, masked, resendAfterSeconds: otpLimits.resendDelayMs / 1000 };
    },

    /** Step 3/3: checks the code and opens the full session under a new id. */
    async verifyCode(session: Session, code: string, deviceToken?: string) {
      if (session.level !== 'password') throw accountsErrors.noPendingSignIn();
      const holder = await holderOfAccount(session.account_id);
      await deps.otp.verify(db, { flowId: session.id, purpose: 'sign-in', code });
      const device = deviceToken && deviceToken.length <= 100 ? deviceToken : randomToken(32);
      const deviceHash = sha256Hex(device);
      const opened = await db.transaction().execute(async (trx) => {
        const next = await deps.sessions.rotate(trx, session, 'full');
        await deps.traces.append(trx, {
          ...traceSubject(holder),
          action: 'auth.sign_in',
          target: { type: 'session', id: next.session.id },
        });
        const accounts = createAccountsRepository(trx);
        const history = await accounts.deviceHistory(session.account_id, deviceHash);
        // The first sign-in after activation is not "a new device"; every later unknown one is.
        if (!history.known && history.any && holder.kind === 'patient') {
          await deps.notifyNewDevice?.(trx, {
            patientId: holder.patient.id,
            device: describeDevice(session.user_agent),
          });
        }
        await accounts.rememberDevice({
          id: deps.newId('dev'),
          accountId: session.account_id,
          patientId: session.patient_id,
          deviceHash,
          at: deps.clock.now().toISOString(),
        });
        return next;
      });
      return { token: opened.token, deviceToken: device, me: await this.me(opened.session) };
    },

    /** The signed-in person. */
    async me(session: Session): Promise<Me> {
      const holder = await holderOfAccount(session.account_id);
      if (holder.kind === 'professional') {
        const ps = holder.professional;
        return {
          kind: 'professional',
          identifiant: holder.account.identifiant,
          firstName: ps.first_name,
          lastName: ps.last_name,
          displayName: displayNameOf(ps),
          email: ps.email,
          mobile: null,
        };
      }
      const { account, patient } = holder;
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

    /** The professional behind a full session, or 401 (a patient's session is not one). */
    async professionalOf(session: Session): Promise<Professional> {
      const holder = await findHolder(
        await createAccountsRepository(db).findById(session.account_id),
      );
      if (holder?.kind !== 'professional')
        throw new AppError('auth.required', 401, 'Connectez-vous à l’espace professionnel.');
      return holder.professional;
    },
  };
}

/** The sign-in service. */
export type SignInService = ReturnType<typeof createSignInService>;
