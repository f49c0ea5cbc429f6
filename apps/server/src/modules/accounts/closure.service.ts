/**
 * Paramètres › Clôture du profil and the operator's reactivation (PRODUCT.md "Paramètres",
 * R1111-36 CSP). Closing needs the password again (throttled like sign-in), takes effect at once
 * (status closed, every session ended, e-mail) and records the closure for the lifecycle sweep.
 * Reactivation sends a new code provisoire; the activation that follows restores the record and
 * cancels a pending deletion (activation.service calls `onActivated`).
 */
import { isoPlus } from '../../platform/clock.ts';
import {
  createActivationCode,
  keyedHash,
  normalizeActivationCode,
  sha256Hex,
} from '../../platform/crypto/secrets.ts';
import { isUniqueViolation } from '../../platform/db/database.ts';
import type { Db } from '../../platform/db/schema.ts';
import type { PatientClosuresTable } from '../../platform/db/schema-lifecycle.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { Patient } from '../patients/patients.service.ts';
import type { ActingPerson } from '../sessions/acting-person.ts';
import { traceActorOf } from '../sessions/acting-person.ts';
import type { Session } from '../sessions/sessions.service.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { reactivationMessage } from './accounts.messages.ts';
import { createAccountsRepository } from './accounts.repository.ts';
import { ACTIVATION_CODE_LIFETIME_MS } from './activation.service.ts';
import { closureErrors } from './closure.errors.ts';
import { accountRule, ipRule } from './throttle.service.ts';

/** What closure needs from the lifecycle and notifications modules (wired in deps.ts). */
export interface ClosurePorts {
  lifecycle: {
    recordClosure(trx: Db, input: { patientId: string; deletionRequested: boolean }): Promise<void>;
    find(patientId: string, on?: Db): Promise<PatientClosuresTable | undefined>;
  };
  /** The closure e-mail (notifications module, always sent). */
  notifyClosure(trx: Db, input: { patientId: string }): Promise<unknown>;
}

/** Closes and reactivates profiles. */
export function createClosureService(deps: AccountsDeps & ClosurePorts) {
  const { db } = deps;

  return {
    /**
     * Closes the signed-in titulaire's profile after checking the password again. Only from her
     * own profile: a legal representative showing a child's profile is refused (traced) rather
     * than acting on the wrong profile — neither PRODUCT.md nor ACCESS.md lets her close it, and
     * the password asked for is her own, not the child's.
     */
    async close(
      session: Session,
      person: ActingPerson,
      input: { password: string; requestDeletion: boolean; ip: string },
    ): Promise<void> {
      const account = await createAccountsRepository(db).findById(session.account_id);
      const patient = account?.patient_id
        ? await deps.patients.find(account.patient_id)
        : undefined;
      if (!account || !patient || session.level !== 'full')
        throw new AppError('auth.required', 401, 'Veuillez vous connecter.');
      if (person.role !== 'titulaire' || person.patientId !== patient.id) {
        await deps.traces.append(db, {
          patientId: person.patientId,
          actor: traceActorOf(person),
          action: 'account.close',
          target: { type: 'patient', id: person.patientId },
          outcome: 'denied',
          details: { reason: 'not_titulaire' },
        });
        throw closureErrors.notTitulaire();
      }
      if (patient.status !== 'active') throw closureErrors.alreadyClosed();
      // The same keys as the sign-in's password step: closure cannot be used to guess faster.
      const idKey = `pw:id:${sha256Hex(account.identifiant.trim().toLowerCase())}`;
      const ipKey = `pw:ip:${input.ip}`;
      const wait = Math.max(
        await deps.throttle.waitFor(db, idKey),
        await deps.throttle.waitFor(db, ipKey),
      );
      if (wait > 0)
        throw new AppError(
          'auth.throttled',
          429,
          `Trop de tentatives. Réessayez dans ${Math.max(1, Math.ceil(wait / 60_000))} minute(s).`,
        );
      if (!(await deps.passwords.verify(account.password_hash, input.password))) {
        await deps.throttle.fail(db, idKey, accountRule);
        await deps.throttle.fail(db, ipKey, ipRule);
        await deps.traces.append(db, {
          patientId: patient.id,
          actor: { type: 'patient', id: patient.id },
          action: 'account.close',
          outcome: 'failure',
          details: { step: 'password' },
        });
        throw closureErrors.passwordIncorrect();
      }
      await deps.throttle.clear(db, idKey);
      try {
        await db.transaction().execute(async (trx) => {
          const current = await deps.patients.find(patient.id, trx);
          if (current?.status !== 'active') throw closureErrors.alreadyClosed();
          // The closure row's primary key also stops two concurrent closures.
          await deps.lifecycle.recordClosure(trx, {
            patientId: patient.id,
            deletionRequested: input.requestDeletion,
          });
          await deps.patients.setStatus(trx, patient.id, 'closed');
          await deps.sessions.endAll(trx, account.id);
          await deps.traces.append(trx, {
            patientId: patient.id,
            actor: { type: 'patient', id: patient.id },
            action: 'account.close',
            details: { deletionRequested: input.requestDeletion },
          });
          await deps.notifyClosure(trx, { patientId: patient.id });
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw closureErrors.alreadyClosed();
        throw error;
      }
    },

    /** Whether a patient's record is closed (sign-in tells its holder how to reactivate it). */
    isClosed(patient: Pick<Patient, 'status'>): boolean {
      return patient.status === 'closed';
    },

    /** Operator: sends a new code provisoire to a closed profile; refuses an erased one. */
    async reactivate(ins: string): Promise<Patient> {
      const patient = await deps.patients.findByIns(ins);
      if (!patient) throw closureErrors.patientUnknown();
      const closure = await deps.lifecycle.find(patient.id);
      if (closure?.erased_at) throw closureErrors.erased();
      if (!closure || (patient.status !== 'closed' && patient.status !== 'pending-activation'))
        throw closureErrors.notClosed();
      const to = patient.email ?? patient.mobile;
      if (!to) throw closureErrors.notClosed();
      const code = createActivationCode();
      await db.transaction().execute(async (trx) => {
        const now = deps.clock.now();
        await createAccountsRepository(trx).insertActivationCode({
          id: deps.newId('act'),
          patient_id: patient.id,
          code_hash: keyedHash(deps.codeHashKey, `activation:${normalizeActivationCode(code)}`),
          created_at: now.toISOString(),
          expires_at: isoPlus(now, ACTIVATION_CODE_LIFETIME_MS),
          used_at: null,
        });
        // Pending activation: the activation page accepts the new code; nobody has access meanwhile.
        await deps.patients.setStatus(trx, patient.id, 'pending-activation');
        await deps.traces.append(trx, {
          patientId: patient.id,
          actor: { type: 'operator', id: null },
          action: 'account.reactivation_start',
        });
        await deps.outbox.enqueue(
          trx,
          reactivationMessage({
            channel: patient.email ? 'email' : 'sms',
            to,
            code,
            publicUrl: deps.publicUrl,
          }),
          patient.id,
        );
      });
      return patient;
    },
  };
}

/** The closure service. */
export type ClosureService = ReturnType<typeof createClosureService>;
