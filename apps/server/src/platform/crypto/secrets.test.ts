import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createActivationCode,
  createIdGenerator,
  keyedHash,
  normalizeActivationCode,
  randomDigits,
  randomToken,
  sha256Hex,
  timingSafeEqualHex,
} from './secrets.ts';

describe('random digits', () => {
  it('gives exactly n decimal digits, leading zeros kept', () => {
    const codes = Array.from({ length: 2_000 }, () => randomDigits(6));
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(codes.some((code) => code.startsWith('0'))).toBe(true); // ~10% of them
  });

  it('uses every digit at every position (no modulo bias toward low digits is visible)', () => {
    const counts = Array.from({ length: 10 }, () => 0);
    for (let i = 0; i < 10_000; i++) counts[Number(randomDigits(1))]!++;
    for (const count of counts) expect(count).toBeGreaterThan(800); // expected 1,000 each
  });

  it('refuses a non-positive or fractional length', () => {
    expect(() => randomDigits(0)).toThrow(RangeError);
    expect(() => randomDigits(2.5)).toThrow(RangeError);
  });
});

describe('random tokens', () => {
  it('are base64url of the requested bytes, 32 by default', () => {
    expect(randomToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(randomToken(24), 'base64url')).toHaveLength(24);
    expect(randomToken()).not.toBe(randomToken());
  });

  it('refuse fewer than 128 bits', () => {
    expect(() => randomToken(8)).toThrow(RangeError);
  });
});

describe('hashes', () => {
  it('keyedHash is HMAC-SHA256 (RFC 4231 test case 6) and depends on the key', () => {
    expect(
      keyedHash(Buffer.alloc(131, 0xaa), 'Test Using Larger Than Block-Size Key - Hash Key First'),
    ).toBe('60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54');
    const key = Buffer.alloc(32, 1);
    expect(keyedHash(key, '123456')).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedHash(key, '123456')).toBe(keyedHash(Buffer.alloc(32, 1), '123456'));
    expect(keyedHash(key, '123456')).not.toBe(keyedHash(Buffer.alloc(32, 2), '123456'));
    expect(() => keyedHash(Buffer.alloc(8), 'x')).toThrow(RangeError);
  });

  it('sha256Hex matches the known digest of "abc" (FIPS 180-2)', () => {
    const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(sha256Hex('abc')).toBe(abc);
    expect(sha256Hex(Buffer.from('abc'))).toBe(abc);
  });

  it('timingSafeEqualHex compares digests, and is false for unequal lengths or non-hex', () => {
    const h = sha256Hex('x');
    expect(timingSafeEqualHex(h, h)).toBe(true);
    expect(timingSafeEqualHex(h, h.toUpperCase())).toBe(true);
    expect(timingSafeEqualHex(h, sha256Hex('y'))).toBe(false);
    expect(timingSafeEqualHex(h, h.slice(2))).toBe(false);
    expect(timingSafeEqualHex(`zz${h.slice(2)}`, `zz${h.slice(2)}`)).toBe(false);
    expect(timingSafeEqualHex('', '')).toBe(true);
  });
});

describe('ids', () => {
  it('are the prefix, an underscore and 26 lower-case base32 characters (128 random bits)', () => {
    const { newId } = createIdGenerator();
    expect(newId('pat')).toMatch(/^pat_[a-z2-7]{26}$/);
    expect(newId('doc')).not.toBe(newId('doc'));
  });

  it('are deterministic with an injected random source', () => {
    const { newId } = createIdGenerator({ randomBytes: (size) => Buffer.alloc(size, 0) });
    expect(newId('ses')).toBe(`ses_${'a'.repeat(26)}`);
    const ones = createIdGenerator({ randomBytes: (size) => Buffer.alloc(size, 0xff) });
    expect(ones.newId('ses')).toBe(`ses_${'7'.repeat(25)}4`); // last symbol: 3 bits + 2 padding
  });

  it('encode base32 per RFC 4648 (test vector "foobar")', () => {
    let calls = 0;
    const { newId } = createIdGenerator({
      randomBytes: () => (calls++ === 0 ? Buffer.from('foobar') : randomBytes(16)),
    });
    expect(newId('x')).toBe('x_mzxw6ytboi'); // RFC 4648 §10: MZXW6YTBOI======
  });

  it('refuse a prefix that is not lower-case letters and digits', () => {
    const { newId } = createIdGenerator();
    for (const prefix of ['', 'Pat', 'pat_', 'p-t', '1pat', 'x'.repeat(17)]) {
      expect(() => newId(prefix), prefix).toThrow(RangeError);
    }
  });
});

describe('activation codes', () => {
  it('are 12 unambiguous characters grouped XXXX-XXXX-XXXX', () => {
    for (let i = 0; i < 500; i++) {
      const code = createActivationCode();
      expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
      expect(code).not.toMatch(/[01IO]/);
    }
  });

  it('normalize as typed: lower case, spaces and any dash removed', () => {
    expect(normalizeActivationCode(' abcd-efgh-jkmn ')).toBe('ABCDEFGHJKMN');
    expect(normalizeActivationCode('abcd efgh\tjkmn')).toBe('ABCDEFGHJKMN');
    expect(normalizeActivationCode('ABCD–EFGH—JKMN')).toBe('ABCDEFGHJKMN');
    expect(normalizeActivationCode('ＡＢＣＤ-ＥＦＧＨ-ＪＫＭＮ')).toBe('ABCDEFGHJKMN');
    const code = createActivationCode();
    expect(normalizeActivationCode(code.toLowerCase())).toBe(code.replaceAll('-', ''));
  });
});
