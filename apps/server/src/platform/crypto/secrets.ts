/** Random secrets, identifiers and keyed hashes: every value an attacker must not guess comes from here. */
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** `n` decimal digits from the CSPRNG, leading zeros kept (one-time codes: "000123" is a valid code). */
export function randomDigits(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new RangeError('randomDigits: n must be 1..64');
  let digits = '';
  // randomInt draws without modulo bias (rejection sampling), unlike `byte % 10`.
  for (let i = 0; i < n; i++) digits += String(randomInt(10));
  return digits;
}

/** `bytes` random bytes as base64url (no padding): session ids, flow ids, reset tokens. */
export function randomToken(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < 16) {
    // ASVS 5.0 V7.2.3: session tokens carry at least 128 bits of entropy.
    throw new RangeError('randomToken: at least 16 bytes');
  }
  return randomBytes(bytes).toString('base64url');
}

/** HMAC-SHA256 of `value` under `key`, hex: codes stored keyed so a stolen table cannot be brute-forced offline. */
export function keyedHash(key: Buffer, value: string): string {
  if (key.length < 32) throw new RangeError('keyedHash: key must be at least 32 bytes');
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}

/** SHA-256 hex of text (UTF-8) or bytes: for high-entropy tokens, where a key adds nothing. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256')
    .update(typeof data === 'string' ? Buffer.from(data, 'utf8') : data)
    .digest('hex');
}

const HEX = /^(?:[0-9a-f]{2})*$/i;

/** Compares two hex digests in constant time; false (never a throw) on malformed or unequal-length input. */
export function timingSafeEqualHex(a: string, b: string): boolean {
  // Buffer.from(hex) silently stops at the first non-hex character, so validate first.
  if (!HEX.test(a) || !HEX.test(b) || a.length !== b.length) return false;
  // The length of a digest is public; only its content must not leak through timing.
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}

// RFC 4648 base32, lower case: ids stay valid blob keys, URL path segments and case-insensitive file names.
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const ID_PREFIX = /^[a-z][a-z0-9]{0,15}$/;

function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/** Makes `newId(prefix)` → `pat_<26 base32 chars>`: 128 random bits, never sequential (STYLE.md, ASVS V8). */
export function createIdGenerator(deps: { randomBytes?: (size: number) => Uint8Array } = {}) {
  const random = deps.randomBytes ?? randomBytes;
  return {
    /** A new random id with its type prefix (`pat`, `doc`, `ses`…); the prefix is lower-case letters/digits. */
    newId(prefix: string): string {
      if (!ID_PREFIX.test(prefix)) throw new RangeError(`newId: invalid prefix "${prefix}"`);
      return `${prefix}_${base32(random(16))}`;
    },
  };
}

/** The id generator. */
export type IdGenerator = ReturnType<typeof createIdGenerator>;

// 32 symbols without 0/O and 1/I, so a code read aloud or copied from paper is not misread; 32 = 2^5
// means `byte & 31` is uniform. 12 symbols = 60 bits, ample for a code that is rate-limited and expires.
const ACTIVATION_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A new activation code, 12 unambiguous characters grouped `XXXX-XXXX-XXXX`. */
export function createActivationCode(): string {
  const bytes = randomBytes(12);
  let code = '';
  for (let i = 0; i < 12; i++) {
    if (i > 0 && i % 4 === 0) code += '-';
    code += ACTIVATION_ALPHABET[bytes[i]! & 31];
  }
  return code;
}

/** An activation code as typed → its canonical form: NFKC, upper case, spaces and dashes removed. */
export function normalizeActivationCode(input: string): string {
  // NFKC folds full-width letters from some mobile keyboards; \u2010-\u2015 are the typographic dashes
  // a word processor substitutes for "-" when the code was pasted from a letter.
  return input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015]/gu, '');
}
