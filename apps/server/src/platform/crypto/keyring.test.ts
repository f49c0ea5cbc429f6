import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  KEY_FILE_NAME,
  KeyringError,
  generateMasterKey,
  loadKeyring,
  parseMasterKeySetting,
} from './keyring.ts';

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'carnet-keys-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const posix = process.platform !== 'win32';
const k1 = generateMasterKey();
const k2 = generateMasterKey();

describe('keyring from CARNET_MASTER_KEY', () => {
  it('takes a single base64 key as version v1 and never touches the data folder', () => {
    const dataDir = join(freshDir(), 'absent');
    const keyring = loadKeyring({ masterKey: k1, dataDir });
    expect(keyring.currentVersion).toBe('v1');
    expect(keyring.versions).toEqual(['v1']);
    expect(() => statSync(dataDir)).toThrow();
  });

  it('takes a list of versions, the last one current, and unwraps keys of every version', () => {
    const old = loadKeyring({ masterKey: k1, dataDir: '/nonexistent' });
    const dataKey = randomBytes(32);
    const wrappedByV1 = old.wrapKey(dataKey);
    const both = loadKeyring({ masterKey: `v1:${k1}, v2:${k2}`, dataDir: '/nonexistent' });
    expect(both.currentVersion).toBe('v2');
    expect(both.wrapKey(dataKey).kekVersion).toBe('v2');
    expect(both.unwrapKey(wrappedByV1).equals(dataKey)).toBe(true);
  });

  it('refuses an empty setting, a short key, junk, and duplicate versions', () => {
    const load = (masterKey: string) => () => loadKeyring({ masterKey, dataDir: '/nonexistent' });
    expect(load('')).toThrow(KeyringError);
    expect(load('  ')).toThrow(KeyringError);
    expect(load(randomBytes(16).toString('base64'))).toThrow(KeyringError);
    expect(load(`${k1.slice(0, -4)}!!!!`)).toThrow(KeyringError);
    expect(load(`v1:${k1},v1:${k2}`)).toThrow(KeyringError);
    expect(load(`one:${k1}`)).toThrow(KeyringError);
    expect(load(`v1:${k1},${k2}`)).toThrow(KeyringError);
  });

  it('warns that a key file in the data folder is ignored', () => {
    const dataDir = freshDir();
    writeFileSync(join(dataDir, KEY_FILE_NAME), '{}', { mode: 0o600 });
    const warnings: string[] = [];
    loadKeyring({ masterKey: k1, dataDir, warn: (message) => warnings.push(message) });
    expect(warnings).toEqual([expect.stringContaining('is ignored')]);
  });

  it('cannot rotate: the operator adds a version to the setting instead', () => {
    const keyring = loadKeyring({ masterKey: k1, dataDir: '/nonexistent' });
    expect(() => keyring.rotate()).toThrow(/CARNET_MASTER_KEY/);
  });

  it('parses a setting into versions and the current one', () => {
    const parsed = parseMasterKeySetting(`v1:${k1},v3:${k2}`);
    expect(parsed.current).toBe('v3');
    expect([...parsed.keys.keys()]).toEqual(['v1', 'v3']);
  });
});

describe('keyring from the key file', () => {
  it('creates master.key on first start with mode 0600, and reads the same key afterwards', () => {
    const dataDir = join(freshDir(), 'data', 'nested');
    const first = loadKeyring({ dataDir });
    const path = join(dataDir, KEY_FILE_NAME);
    if (posix) expect(statSync(path).mode & 0o777).toBe(0o600);
    const file = JSON.parse(readFileSync(path, 'utf8')) as {
      current: string;
      keys: Record<string, string>;
    };
    expect(file.current).toBe('v1');
    expect(Buffer.from(file.keys.v1!, 'base64')).toHaveLength(32);
    expect(readdirSync(dataDir)).toEqual([KEY_FILE_NAME]); // no temp file left behind

    const dataKey = randomBytes(32);
    const again = loadKeyring({ dataDir });
    expect(again.unwrapKey(first.wrapKey(dataKey)).equals(dataKey)).toBe(true);
    expect(again.deriveKey('carnet/otp').equals(first.deriveKey('carnet/otp'))).toBe(true);
  });

  it('rotates: a new current version is saved, old wrapped keys still unwrap, derived keys stay the same', () => {
    const dataDir = freshDir();
    const keyring = loadKeyring({ dataDir });
    const dataKey = randomBytes(32);
    const beforeRotation = keyring.wrapKey(dataKey);
    const otpKey = keyring.deriveKey('carnet/otp');

    expect(keyring.rotate()).toBe('v2');
    expect(keyring.currentVersion).toBe('v2');
    const afterRotation = keyring.wrapKey(dataKey);
    expect(afterRotation.kekVersion).toBe('v2');

    const reloaded = loadKeyring({ dataDir });
    expect(reloaded.currentVersion).toBe('v2');
    expect(reloaded.versions).toEqual(['v1', 'v2']);
    expect(reloaded.unwrapKey(beforeRotation).equals(dataKey)).toBe(true);
    expect(reloaded.unwrapKey(afterRotation).equals(dataKey)).toBe(true);
    expect(reloaded.deriveKey('carnet/otp').equals(otpKey)).toBe(true);
    if (posix) expect(statSync(join(dataDir, KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
    expect(readdirSync(dataDir)).toEqual([KEY_FILE_NAME]);
  });

  it('warns when the key file is readable by other users', () => {
    if (!posix) return;
    const dataDir = freshDir();
    loadKeyring({ dataDir });
    chmodSync(join(dataDir, KEY_FILE_NAME), 0o644);
    const warnings: string[] = [];
    loadKeyring({ dataDir, warn: (message) => warnings.push(message) });
    expect(warnings).toEqual([expect.stringContaining('chmod 600')]);
  });

  it('refuses a corrupt key file rather than replacing it', () => {
    const dataDir = freshDir();
    const path = join(dataDir, KEY_FILE_NAME);
    writeFileSync(path, '{ not json', { mode: 0o600 });
    expect(() => loadKeyring({ dataDir })).toThrow(KeyringError);
    writeFileSync(path, JSON.stringify({ current: 'v2', keys: { v1: k1 } }), { mode: 0o600 });
    expect(() => loadKeyring({ dataDir })).toThrow(/current key v2 is missing/);
    expect(readFileSync(path, 'utf8')).toContain(k1);
  });
});

describe('wrapping data keys', () => {
  const keyring = loadKeyring({ masterKey: `v1:${k1},v2:${k2}`, dataDir: '/nonexistent' });

  it('wraps with a random nonce: the same data key wraps differently each time', () => {
    const dataKey = randomBytes(32);
    const a = keyring.wrapKey(dataKey);
    const b = keyring.wrapKey(dataKey);
    expect(a.wrapped).toHaveLength(12 + 32 + 16);
    expect(a.wrapped.equals(b.wrapped)).toBe(false);
  });

  it('refuses a wrapped key with a flipped bit, a relabelled version, or an unknown version', () => {
    const wrapped = keyring.wrapKey(randomBytes(32));
    const flipped = Buffer.from(wrapped.wrapped);
    flipped[20]! ^= 1;
    expect(() => keyring.unwrapKey({ ...wrapped, wrapped: flipped })).toThrow(KeyringError);
    expect(() => keyring.unwrapKey({ ...wrapped, kekVersion: 'v1' })).toThrow(KeyringError);
    expect(() => keyring.unwrapKey({ ...wrapped, kekVersion: 'v9' })).toThrow(
      /unknown key version/,
    );
    expect(() => keyring.unwrapKey({ ...wrapped, wrapped: wrapped.wrapped.subarray(1) })).toThrow(
      KeyringError,
    );
  });

  it('refuses to wrap anything but a 32-byte key', () => {
    expect(() => keyring.wrapKey(randomBytes(16))).toThrow(KeyringError);
  });

  it('does not unwrap with a different master key under the same version name', () => {
    const other = loadKeyring({ masterKey: generateMasterKey(), dataDir: '/nonexistent' });
    const mine = loadKeyring({ masterKey: k1, dataDir: '/nonexistent' });
    expect(() => other.unwrapKey(mine.wrapKey(randomBytes(32)))).toThrow(KeyringError);
  });
});

describe('derived keys', () => {
  it('are 32 bytes, distinct per purpose, and stable for the same master key', () => {
    const a = loadKeyring({ masterKey: k1, dataDir: '/nonexistent' });
    const b = loadKeyring({ masterKey: k1, dataDir: '/nonexistent' });
    expect(a.deriveKey('carnet/otp')).toHaveLength(32);
    expect(a.deriveKey('carnet/otp').equals(b.deriveKey('carnet/otp'))).toBe(true);
    expect(a.deriveKey('carnet/otp').equals(a.deriveKey('carnet/activation'))).toBe(false);
  });

  it('come from the oldest version, so adding a version does not change them', () => {
    const before = loadKeyring({ masterKey: k1, dataDir: '/nonexistent' });
    const after = loadKeyring({ masterKey: `v1:${k1},v2:${k2}`, dataDir: '/nonexistent' });
    expect(after.deriveKey('carnet/otp').equals(before.deriveKey('carnet/otp'))).toBe(true);
  });

  it('differ from the raw master key', () => {
    const keyring = loadKeyring({ masterKey: k1, dataDir: '/nonexistent' });
    expect(keyring.deriveKey('carnet/otp').equals(Buffer.from(k1, 'base64'))).toBe(false);
  });

  it('refuse an empty purpose', () => {
    const keyring = loadKeyring({ masterKey: k1, dataDir: '/nonexistent' });
    expect(() => keyring.deriveKey('')).toThrow(KeyringError);
  });
});
