/**
 * Professionals' accounts (ACCESS.md "Professional side"): the identifiant is the RPPS number, the
 * password is set by the operator (`carnet create-professional`, `set-professional-password`);
 * sign-in is then the patients' 3 steps with the same security (SECURITY.md).
 */
import type { Db } from '../../platform/db/schema.ts';
import type { Professional } from '../professionals/professionals.service.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { accountsErrors } from './accounts.errors.ts';
import { createAccountsRepository } from './accounts.repository.ts';

/** Creates and resets professionals' accounts. */
export function createProfessionalAccountsService(deps: AccountsDeps) {
  return {
    /** Whether this professional has an account (tokens are issued only to those who can sign in). */
    async hasAccount(professionalId: string, db: Db = deps.db): Promise<boolean> {
      return (await createAccountsRepository(db).findByProfessional(professionalId)) !== undefined;
    },

    /**
     * Hashes a password for a professional; with `checkStrength`, refuses a weak one (SECURITY.md:
     * strength estimation, no names nor identifiant). Hashing stays outside any transaction.
     */
    async hashPassword(
      who: Pick<Professional, 'rpps'> & { firstName: string; lastName: string },
      password: string,
      options: { checkStrength: boolean },
    ): Promise<string> {
      if (options.checkStrength) {
        const verdict = deps.passwordPolicy.check(password, {
          identifiant: who.rpps,
          firstName: who.firstName,
          lastName: who.lastName,
        });
        if (!verdict.ok) throw accountsErrors.passwordWeak(verdict.message);
      } else if ([...password].length < 12 || [...password].length > 128) {
        throw accountsErrors.passwordWeak('Le mot de passe comporte de 12 à 128 caractères.');
      }
      return deps.passwords.hash(password);
    },

    /** Creates the account, or replaces its password (every session of the account ends). */
    async setPassword(db: Db, professional: Professional, passwordHash: string): Promise<void> {
      const accounts = createAccountsRepository(db);
      const now = deps.clock.now().toISOString();
      const existing = await accounts.findByProfessional(professional.id);
      if (existing) {
        await accounts.setPasswordHash(existing.id, passwordHash, now);
        await deps.sessions.endAll(db, existing.id);
      } else {
        await accounts.insert({
          id: deps.newId('acc'),
          kind: 'professional',
          patient_id: null,
          professional_id: professional.id,
          identifiant: professional.rpps,
          password_hash: passwordHash,
          created_at: now,
          password_changed_at: now,
        });
      }
      await deps.traces.append(db, {
        patientId: null,
        actor: { type: 'operator', id: null },
        action: existing ? 'account.password_reset' : 'account.create',
        target: { type: 'professional', id: professional.id },
      });
    },
  };
}

/** The professionals' accounts service. */
export type ProfessionalAccountsService = ReturnType<typeof createProfessionalAccountsService>;
