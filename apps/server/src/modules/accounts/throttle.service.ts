/**
 * Password-step throttling with backoff, per account and per IP (SECURITY.md "Sign-in"): after a
 * few failures each new one doubles a short wait, capped at 15 minutes, so an attacker can slow
 * an account down but never lock its owner out for good.
 */
import type { Clock } from '../../platform/clock.ts';
import { isoPlus } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/schema.ts';
import { createOtpRepository } from './otp.repository.ts';

/** Thresholds of a throttle. */
export interface ThrottleRule {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  windowMs: number;
}

/** Per identifiant: 5 free failures, then 30 s doubling up to 15 min. */
export const accountRule: ThrottleRule = {
  freeFailures: 5,
  baseDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  windowMs: 24 * 3600_000,
};
/** Per IP: 30 free failures (shared networks), then the same backoff. */
export const ipRule: ThrottleRule = {
  freeFailures: 30,
  baseDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  windowMs: 3600_000,
};

/** Checks and records failures against keys. */
export function createThrottleService(deps: { clock: Clock }) {
  return {
    /** Milliseconds to wait before `key` may try again (0 when free). */
    async waitFor(db: Db, key: string): Promise<number> {
      const row = await createOtpRepository(db).findThrottle(key);
      if (!row?.blocked_until) return 0;
      return Math.max(0, new Date(row.blocked_until).getTime() - deps.clock.now().getTime());
    },
    /** Records one failure and sets the next wait. */
    async fail(db: Db, key: string, rule: ThrottleRule): Promise<void> {
      const repo = createOtpRepository(db);
      const now = deps.clock.now();
      const row = await repo.findThrottle(key);
      const fresh =
        !row || new Date(row.window_started_at).getTime() + rule.windowMs < now.getTime();
      const failures = fresh ? 1 : row.failures + 1;
      const over = failures - rule.freeFailures;
      const delay = over > 0 ? Math.min(rule.maxDelayMs, rule.baseDelayMs * 2 ** (over - 1)) : 0;
      await repo.saveThrottle({
        key,
        failures,
        window_started_at: fresh ? now.toISOString() : row.window_started_at,
        blocked_until: delay > 0 ? isoPlus(now, delay) : null,
      });
    },
    /** Forgets failures after a success. */
    async clear(db: Db, key: string): Promise<void> {
      await createOtpRepository(db).clearThrottle(key);
    },
  };
}

/** The throttle service. */
export type ThrottleService = ReturnType<typeof createThrottleService>;
