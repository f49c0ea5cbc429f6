/**
 * Profile creation by the operator, activation with the code provisoire (6 weeks, single use),
 * and opposition (PRODUCT.md "Account and sign-in").
 */
import { isoPlus } from '../../platform/clock.ts';
import {
  createActivationCode,
  keyedHash,
  normalizeActivationCode,
} from '../../platform/crypto/secrets.ts';
import { isUniqueViolation } from '../../platform/db/database.ts';
import type { Db } from '../../platform/db/schema.ts';
import type { NewPatient, Patient } from '../patients/patients.service.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { accountsErrors } from './accounts.errors.ts';
import { activationMessage } from './accounts.messages.ts';
import { createAccountsRepository } from './accounts.repository.ts';
import { createOppositionAttestations } from './opposition-attestation.ts';
import { accountRule } from './throttle.service.ts';

/** Lifetime of a code provisoire. */
export const ACTIVATION_CODE_LIFETIME_MS = 42 * 24 * 3600_000;

/** Creates, activates and opposes profiles. */
export function createActivationService(deps: AccountsDeps) {
  const { db } = deps;
  const attestations = createOppositionAttestations(deps);
  const hashCode = (code: string) =>
    keyedHash(deps.codeHashKey, `activation:${normalizeActivationCode(code)}`);

  /** Stores a new code provisoire for `patientId` and queues it to `to` (e-mail, else mobile). */
  async function issueCode(
    trx: Db,
    patientId: string,
    to: Pick<Patient, 'email' | 'mobile'>,
  ): Promise<void> {
    const code = createActivationCode();
    const now = deps.clock.now();
    await createAccountsRepository(trx).insertActivationCode({
      id: deps.newId('act'),
      patient_id: patientId,
      code_hash: hashCode(code),
      created_at: now.toISOString(),
      expires_at: isoPlus(now, ACTIVATION_CODE_LIFETIME_MS),
      used_at: null,
    });
    const channel = to.email ? 'email' : 'sms';
    const address = to.email ?? to.mobile;
    if (!address)
      throw accountsErrors.contactInvalid(
        'Une adresse e-mail ou un numéro de mobile est nécessaire.',
      );
    await deps.outbox.enqueue(
      trx,
      activationMessage({ channel, to: address, code, publicUrl: deps.publicUrl }),
      patientId,
    );
  }

  /** The pending profile behind a code + INS + birth date; same failure for every mismatch. */
  async function resolve(input: {
    activationCode: string;
    ins: string;
    birthDate: string;
    ip: string;
  }) {
    const ipKey = `act:ip:${input.ip}`;
    const wait = await deps.throttle.waitFor(db, ipKey);
    if (wait > 0) throw accountsErrors.throttled(wait / 1000);
    const code = await createAccountsRepository(db).findActivationCode(
      hashCode(input.activationCode),
    );
    const patient = code ? await deps.patients.find(code.patient_id) : undefined;
    if (
      !code ||
      !patient ||
      patient.ins !== input.ins ||
      patient.birth_date !== input.birthDate ||
      patient.status !== 'pending-activation' ||
      code.used_at
    ) {
      await deps.throttle.fail(db, ipKey, accountRule);
      throw accountsErrors.activationInvalid();
    }
    if (code.expires_at <= deps.clock.now().toISOString()) throw accountsErrors.activationExpired();
    return { code, patient };
  }

  return {
    /**
     * Operator: creates a profile and sends its code provisoire through the outbox (never
     * printed). A minor's code goes to `recipient` (its legal representative), and `inTransaction`
     * attaches the profile in the same transaction (issue 13).
     */
    async createProfile(
      input: NewPatient,
      options: {
        recipient?: Pick<Patient, 'email' | 'mobile'>;
        inTransaction?: (trx: Db, patient: Patient) => Promise<void>;
      } = {},
    ): Promise<Patient> {
      return db.transaction().execute(async (trx) => {
        const patient = await deps.patients.create(trx, input);
        await deps.traces.append(trx, {
          patientId: patient.id,
          actor: { type: 'operator', id: null },
          action: 'patient.create',
        });
        await options.inTransaction?.(trx, patient);
        await issueCode(trx, patient.id, options.recipient ?? patient);
        return patient;
      });
    },

    issueCode,

    /**
     * A legal representative activates a child's profile from her own account with the code she
     * received, the child's INS and birth date (issue 13); same failures as `activate`.
     */
    async activateManaged(
      input: { activationCode: string; ins: string; birthDate: string; ip: string },
      inTransaction: (trx: Db, patient: Patient) => Promise<void>,
    ): Promise<Patient> {
      const { code, patient } = await resolve(input);
      await db.transaction().execute(async (trx) => {
        if (
          !(await createAccountsRepository(trx).useActivationCode(
            code.id,
            deps.clock.now().toISOString(),
          ))
        )
          throw accountsErrors.activationInvalid();
        await deps.patients.setStatus(trx, patient.id, 'active');
        await inTransaction(trx, patient);
      });
      return { ...patient, status: 'active' };
    },

    /** Demo data and tests: a profile already activated with the given credentials. */
    async createActivatedProfile(
      input: NewPatient & { identifiant: string; password: string },
    ): Promise<Patient> {
      const passwordHash = await deps.passwords.hash(input.password);
      return db.transaction().execute(async (trx) => {
        const patient = await deps.patients.create(trx, input);
        const now = deps.clock.now().toISOString();
        await createAccountsRepository(trx).insert({
          id: deps.newId('acc'),
          kind: 'patient',
          patient_id: patient.id,
          professional_id: null,
          identifiant: input.identifiant.toLowerCase(),
          password_hash: passwordHash,
          created_at: now,
          password_changed_at: now,
        });
        await deps.patients.setStatus(trx, patient.id, 'active');
        await deps.traces.append(trx, {
          patientId: patient.id,
          actor: { type: 'operator', id: null },
          action: 'patient.create',
        });
        return { ...patient, status: 'active' as const };
      });
    },

    /** Activation: code + INS + birth date, identifiant and password chosen, terms accepted. */
    async activate(input: {
      activationCode: string;
      ins: string;
      birthDate: string;
      identifiant: string;
      password: string;
      ip: string;
    }) {
      const { code, patient } = await resolve(input);
      const identifiant = input.identifiant.toLowerCase();
      if (identifiant.includes('@'))
        throw accountsErrors.identifiantInvalid(
          'Un identifiant ne peut pas être une adresse e-mail.',
        );
      if (identifiant.replace(/\D/g, '') === patient.ins)
        throw accountsErrors.identifiantInvalid(
          'Un identifiant ne peut pas être votre numéro de sécurité sociale.',
        );
      const verdict = deps.passwordPolicy.check(input.password, {
        identifiant,
        firstName: patient.first_name,
        lastName: patient.last_name,
        birthDate: patient.birth_date,
      });
      if (!verdict.ok) throw accountsErrors.passwordWeak(verdict.message);
      const passwordHash = await deps.passwords.hash(input.password);
      const now = deps.clock.now().toISOString();
      try {
        await db.transaction().execute(async (trx) => {
          const accounts = createAccountsRepository(trx);
          if (!(await accounts.useActivationCode(code.id, now)))
            throw accountsErrors.activationInvalid();
          // A reactivated profile keeps its account: the new identifiant and password replace the old.
          const existing = await accounts.findByPatient(patient.id);
          if (existing)
            await accounts.replaceCredentials(existing.id, { identifiant, passwordHash, at: now });
          else
            await accounts.insert({
              id: deps.newId('acc'),
              kind: 'patient',
              patient_id: patient.id,
              professional_id: null,
              identifiant,
              password_hash: passwordHash,
              created_at: now,
              password_changed_at: now,
            });
          await deps.patients.setStatus(trx, patient.id, 'active');
          const reactivated = (await deps.onActivated?.(trx, patient.id)) ?? false;
          await deps.traces.append(trx, {
            patientId: patient.id,
            actor: { type: 'patient', id: patient.id },
            action: reactivated ? 'account.reopen' : 'account.activate',
          });
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw accountsErrors.identifiantTaken();
        throw error;
      }
    },

    /** Opposition during the 6 weeks: the profile is closed, the code used, an attestation issued. */
    async oppose(input: { activationCode: string; ins: string; birthDate: string; ip: string }) {
      const { code, patient } = await resolve(input);
      return db.transaction().execute(async (trx) => {
        if (
          !(await createAccountsRepository(trx).useActivationCode(
            code.id,
            deps.clock.now().toISOString(),
          ))
        )
          throw accountsErrors.activationInvalid();
        await deps.patients.setStatus(trx, patient.id, 'opposed');
        await deps.traces.append(trx, {
          patientId: patient.id,
          actor: { type: 'patient', id: patient.id },
          action: 'account.oppose',
        });
        return attestations.issue(trx, patient);
      });
    },
  };
}

/** The activation service (the attestation's PDF: `createOppositionAttestations(deps).render`). */
export type ActivationService = ReturnType<typeof createActivationService>;
