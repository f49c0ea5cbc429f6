/** Password hashing: Argon2id, computed on the libuv thread pool so the event loop keeps serving. */
import { hash as argon2Hash, parseOptions, verify as argon2Verify } from '@node-rs/argon2';
import type { Options } from '@node-rs/argon2';
import { availableParallelism } from 'node:os';

// `Algorithm` and `Version` are ambient const enums, unusable under isolatedModules: their values.
const ARGON2ID = 2;
const ARGON2_VERSION_13 = 1;

/**
 * Current parameters: the OWASP Password Storage Cheat Sheet minimum for Argon2id (19 MiB, 2
 * passes, 1 lane), which SECURITY.md requires (m ≥ 19 MiB, t ≥ 2). Raising them later makes
 * `needsRehash` true for older hashes, which are upgraded at the next successful sign-in.
 */
export const PASSWORD_HASH_PARAMS = {
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const;

const OPTIONS: Options = {
  ...PASSWORD_HASH_PARAMS,
  algorithm: ARGON2ID,
  version: ARGON2_VERSION_13,
};

// The hash of a random password nobody knows, made once with PASSWORD_HASH_PARAMS (it must share
// them, or an unknown account would answer faster). Its password was discarded: nothing matches it.
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$uxfBrcRtmycT/EpgYkiRlw$uJ4MqYNFuI2SZNLyICgleH5xIsP/RCxm5HR3tBmO7so';

// NIST SP 800-63B §5.1.1.2: normalize Unicode (NFKC) before hashing, so the same password typed on
// two devices ("é" precomposed or as e + accent) verifies. Never truncated (SECURITY.md).
const normalize = (password: string): string => password.normalize('NFKC');

/**
 * At most `slots` hashes at once, the others wait their turn (first come, first served). Each hash
 * runs on a libuv thread and keeps a core busy for tens of milliseconds: a storm of sign-ins
 * hashing on every thread at once would starve the event loop of CPU and slow every other request
 * (PERFORMANCE.md B6). Real and dummy verifications queue alike, so waiting reveals nothing.
 */
export function createHashGate(slots: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async function gated<T>(work: () => Promise<T>): Promise<T> {
    if (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

/** Hashes and verifies passwords (Argon2id, PHC string format). */
export function createPasswordHasher(options: { concurrency?: number } = {}) {
  // One core is left to the event loop (at least one hash at a time on a single core).
  const gated = createHashGate(options.concurrency ?? Math.max(1, availableParallelism() - 1));
  return {
    /** Hashes a password with a fresh 16-byte salt; returns the PHC string to store. */
    hash(password: string): Promise<string> {
      return gated(() => argon2Hash(normalize(password), OPTIONS));
    },
    /** Whether `password` matches the stored `hash` (the parameters are read from the hash). */
    verify(hash: string, password: string): Promise<boolean> {
      return gated(() => argon2Verify(hash, normalize(password)));
    },
    /**
     * Spends the time of a real verification and answers false: called when the identifiant is
     * unknown so its answer cannot be told apart by timing (SECURITY.md "No enumeration", ASVS V6).
     */
    async verifyDummy(password: string): Promise<boolean> {
      await gated(() => argon2Verify(DUMMY_HASH, normalize(password)));
      return false;
    },
    /** Whether a stored hash was made with weaker parameters than today's and should be replaced. */
    needsRehash(hash: string): boolean {
      let parsed: ReturnType<typeof parseOptions>;
      try {
        parsed = parseOptions(hash);
      } catch {
        return true;
      }
      return (
        parsed.algorithm !== OPTIONS.algorithm ||
        parsed.version !== OPTIONS.version ||
        parsed.memoryCost < PASSWORD_HASH_PARAMS.memoryCost ||
        parsed.timeCost < PASSWORD_HASH_PARAMS.timeCost ||
        parsed.parallelism < PASSWORD_HASH_PARAMS.parallelism ||
        parsed.outputLen < PASSWORD_HASH_PARAMS.outputLen
      );
    },
  };
}

/** The password hasher. */
export type PasswordHasher = ReturnType<typeof createPasswordHasher>;
