import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SIGNING_KEY_FILE_NAME,
  SigningKeyError,
  generateSigningKeyPem,
  loadSigner,
} from './signing-key.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'carnet-signing-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the checkpoint signing key', () => {
  it('is generated into the data folder with mode 0600 and reused afterwards', () => {
    const first = loadSigner({ setting: '', dataDir: dir });
    const path = join(dir, SIGNING_KEY_FILE_NAME);

    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(loadSigner({ setting: '', dataDir: dir }).publicKey).toBe(first.publicKey);
  });

  it('comes from the setting as PEM or as base64 DER, the same key either way', () => {
    const pem = generateSigningKeyPem();
    const der = createPrivateKey(pem).export({ format: 'der', type: 'pkcs8' }).toString('base64');

    const fromPem = loadSigner({ setting: pem, dataDir: dir });
    const fromDer = loadSigner({ setting: der, dataDir: dir });

    expect(fromDer.publicKey).toBe(fromPem.publicKey);
    expect(fromPem.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(() => statSync(join(dir, SIGNING_KEY_FILE_NAME))).toThrow();
  });

  it('signs so that only the same bytes verify', () => {
    const signer = loadSigner({ setting: generateSigningKeyPem(), dataDir: dir });
    const signature = signer.sign(Buffer.from('heads'));

    expect(signer.verify(Buffer.from('heads'), signature)).toBe(true);
    expect(signer.verify(Buffer.from('heads!'), signature)).toBe(false);
    expect(signer.verify(Buffer.from('heads'), 'not base64 at all')).toBe(false);
  });

  it('refuses a key that is not Ed25519, or not a key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();

    expect(() => loadSigner({ setting: rsa, dataDir: dir })).toThrow(/not Ed25519/);
    expect(() => loadSigner({ setting: 'bm9wZQ==', dataDir: dir })).toThrow(SigningKeyError);
  });
});
