/**
 * Bearer tokens of professional software (INTEROP.md "Authentication", SECURITY.md): 256-bit random,
 * bound to one professional, short-lived (≤ 1 h), stored as their SHA-256 only, revocable. Every
 * request reads the row and the professional now: a revocation or an expiry counts at once.
 */
import type { Kysely } from 'kysely';
import type { TraceStore } from '../../platform/audit/trace-store.ts';
import type { Clock } from '../../platform/clock.ts';
import { isoPlus } from '../../platform/clock.ts';
import { randomToken, sha256Hex } from '../../platform/crypto/secrets.ts';
import type { Database } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { Professional, ProfessionalsService } from '../professionals/professionals.service.ts';
import { createApiTokensRepository } from './api-tokens.repository.ts';

/** The longest life of an access token (issue 10: ≤ 1 h). */
export const MAX_TOKEN_MINUTES = 60;

/** Why a bearer token is not accepted (all answer 401 alike). */
export const tokenInvalid = () =>
  new AppError('auth.token_invalid', 401, 'Jeton d’accès absent, expiré ou révoqué.');

/** Creates the API tokens service. */
export function createApiTokensService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  newId: (prefix: string) => string;
  traces: TraceStore;
  professionals: Pick<ProfessionalsService, 'find' | 'findByRpps'>;
  hasAccount: (professionalId: string) => Promise<boolean>;
}) {
  const { db, clock } = deps;

  /** Issues a token for a professional with an account; returns the token once. */
  async function issue(input: {
    professional: Professional;
    clientId: string;
    minutes?: number | undefined;
    scope?: string | undefined;
  }): Promise<{ token: string; expiresAt: string }> {
    const minutes = input.minutes ?? MAX_TOKEN_MINUTES;
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_TOKEN_MINUTES)
      throw new AppError(
        'token.lifetime_invalid',
        400,
        `La durée du jeton va de 1 à ${MAX_TOKEN_MINUTES} minutes.`,
      );
    if (!(await deps.hasAccount(input.professional.id)))
      throw new AppError('token.no_account', 404, 'Ce professionnel n’a pas de compte.');
    const token = randomToken(32);
    const now = clock.now();
    const expiresAt = isoPlus(now, minutes * 60_000);
    await db.transaction().execute(async (trx) => {
      await createApiTokensRepository(trx).insert({
        id: deps.newId('tok'),
        token_hash: sha256Hex(token),
        professional_id: input.professional.id,
        client_id: input.clientId,
        scope: input.scope ?? 'user/*.*',
        expires_at: expiresAt,
        revoked_at: null,
        created_at: now.toISOString(),
      });
      await deps.traces.append(trx, {
        patientId: null,
        actor: { type: 'operator', id: null },
        action: 'token.issue',
        target: { type: 'professional', id: input.professional.id },
        details: { clientId: input.clientId, minutes },
      });
    });
    return { token, expiresAt };
  }

  return {
    issue,

    /** `carnet token --rpps`: refused unless the professional exists and has an account. */
    async issueForRpps(
      rpps: string,
      minutes?: number,
    ): Promise<{ token: string; expiresAt: string }> {
      const professional = await deps.professionals.findByRpps(db, rpps);
      if (!professional)
        throw new AppError('token.no_account', 404, 'Aucun professionnel avec ce numéro RPPS.');
      return issue({ professional, clientId: 'cli', minutes });
    },

    /** The professional a bearer token stands for; 401 when absent, unknown, expired or revoked. */
    async authenticate(token: string | undefined): Promise<Professional> {
      if (!token || token.length > 200) throw tokenInvalid();
      const row = await createApiTokensRepository(db).findByHash(sha256Hex(token));
      if (!row || row.revoked_at !== null || row.expires_at <= clock.now().toISOString())
        throw tokenInvalid();
      const professional = await deps.professionals.find(row.professional_id);
      if (!professional) throw tokenInvalid();
      return professional;
    },

    /** Revokes one token (RFC 7009: unknown tokens are not an error). */
    async revoke(token: string): Promise<void> {
      await createApiTokensRepository(db).revokeByHash(sha256Hex(token), clock.now().toISOString());
    },

    /** Revokes every token of a professional (operator). */
    revokeAllOf(professionalId: string): Promise<number> {
      return createApiTokensRepository(db).revokeAllOf(professionalId, clock.now().toISOString());
    },
  };
}

/** The API tokens service. */
export type ApiTokensService = ReturnType<typeof createApiTokensService>;
