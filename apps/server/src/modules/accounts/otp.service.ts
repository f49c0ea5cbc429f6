/**
 * One-time codes (SECURITY.md "Sign-in and one-time codes"): 6 digits from a CSPRNG, stored as a
 * keyed hash bound to the flow that asked for it, valid 10 minutes, single use; 5 wrong entries
 * kill a code; 30 s between codes; at most 10 codes and 20 wrong entries per account per 24 h.
 */
import type { Clock } from '../../platform/clock.ts';
import { isoPlus } from '../../platform/clock.ts';
import { keyedHash, randomDigits, timingSafeEqualHex } from '../../platform/crypto/secrets.ts';
import type { Db, OtpCodesTable } from '../../platform/db/schema.ts';
import { accountsErrors } from './accounts.errors.ts';
import { createOtpRepository } from './otp.repository.ts';

/** The limits, from SECURITY.md. */
export const otpLimits = {
  lifetimeMs: 10 * 60_000,
  maxWrongPerCode: 5,
  resendDelayMs: 30_000,
  maxCodesPerDay: 10,
  maxWrongPerDay: 20,
} as const;

const DAY_MS = 24 * 3600_000;

/** What a code is for and where it goes. */
export interface OtpRequest {
  accountId: string;
  patientId: string | null;
  purpose: OtpCodesTable['purpose'];
  flowId: string;
  channel: OtpCodesTable['channel'];
  destination: string;
}

/** Issues and checks one-time codes. */
export function createOtpService(deps: {
  clock: Clock;
  newId: (prefix: string) => string;
  hashKey: Buffer;
}) {
  const hash = (flowId: string, code: string) => keyedHash(deps.hashKey, `${flowId}:${code}`);

  return {
    /** Issues a new code for a flow (killing the flow's older ones); returns the clear code to send. */
    async issue(db: Db, request: OtpRequest): Promise<string> {
      const repo = createOtpRepository(db);
      const now = deps.clock.now();
      const usage = await repo.usageSince(request.accountId, isoPlus(now, -DAY_MS));
      // The resend delay is per purpose: a sign-in code just sent must not hold up a contact change.
      const last = await repo.lastIssuedAt(request.accountId, request.purpose);
      if (last) {
        const wait = new Date(last).getTime() + otpLimits.resendDelayMs - now.getTime();
        if (wait > 0) throw accountsErrors.codeTooSoon(Math.ceil(wait / 1000));
      }
      if (usage.issued >= otpLimits.maxCodesPerDay || usage.wrong >= otpLimits.maxWrongPerDay)
        throw accountsErrors.codeDailyLimit();
      await repo.killFlow(request.flowId);
      const code = randomDigits(6);
      await repo.insert({
        id: deps.newId('otp'),
        account_id: request.accountId,
        patient_id: request.patientId,
        purpose: request.purpose,
        flow_id: request.flowId,
        channel: request.channel,
        destination: request.destination,
        code_hash: hash(request.flowId, code),
        created_at: now.toISOString(),
        expires_at: isoPlus(now, otpLimits.lifetimeMs),
        wrong_attempts: 0,
        consumed_at: null,
        dead: 0,
      });
      return code;
    },

    /**
     * Checks a code for a flow and consumes it. Wrong entries are counted in `db` and must be
     * committed even though the caller's request fails: pass a connection, not a transaction.
     */
    async verify(
      db: Db,
      input: { flowId: string; purpose: OtpCodesTable['purpose']; code: string },
    ): Promise<OtpCodesTable> {
      const repo = createOtpRepository(db);
      const now = deps.clock.now();
      const row = await repo.latestForFlow(input.flowId, input.purpose);
      if (!row || row.consumed_at) throw accountsErrors.codeUnknown();
      if (row.dead) throw accountsErrors.codeExhausted();
      if (row.expires_at <= now.toISOString()) throw accountsErrors.codeExpired();
      const usage = await repo.usageSince(row.account_id, isoPlus(now, -DAY_MS));
      if (usage.wrong >= otpLimits.maxWrongPerDay) throw accountsErrors.codeDailyLimit();
      if (!timingSafeEqualHex(hash(input.flowId, input.code), row.code_hash)) {
        const wrong = await repo.recordWrong(row.id, otpLimits.maxWrongPerCode);
        if (wrong >= otpLimits.maxWrongPerCode) throw accountsErrors.codeExhausted();
        throw accountsErrors.codeInvalid(otpLimits.maxWrongPerCode - wrong);
      }
      // Two parallel requests with the right code: only one UPDATE matches (one success only).
      if (!(await repo.consume(row.id, now.toISOString()))) throw accountsErrors.codeUnknown();
      return row;
    },
  };
}

/** The one-time code service. */
export type OtpService = ReturnType<typeof createOtpService>;
