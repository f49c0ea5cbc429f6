/**
 * The Ed25519 key that signs trace checkpoints (SECURITY.md "Traceability": a signed checkpoint of
 * each chain head can be exported to an external store). From CARNET_TRACE_SIGNING_KEY (PKCS#8, PEM
 * or base64 DER) or `<data>/trace-signing.key`, generated on first use with mode 0600.
 */
import type { KeyObject } from 'node:crypto';
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

/** The key file inside the data folder when CARNET_TRACE_SIGNING_KEY is empty. */
export const SIGNING_KEY_FILE_NAME = 'trace-signing.key';

/** A bad signing key setting or file. */
export class SigningKeyError extends Error {
  override name = 'SigningKeyError';
}

/** Signs and verifies with one Ed25519 key pair (RFC 8032). */
export interface Signer {
  /** The public key, base64 of its SPKI DER: stored beside what it signs. */
  publicKey: string;
  /** SHA-256 of the public key, hex, first 16 characters: to compare keys by eye. */
  fingerprint: string;
  sign(data: Buffer): string;
  /** True when `signature` (base64) is this key's signature of `data`. */
  verify(data: Buffer, signature: string): boolean;
}

/** Loads the signing key from the setting, or from (or into) the data folder's key file. */
export function loadSigner(options: {
  setting: string;
  dataDir: string;
  warn?: (message: string) => void;
}): Signer {
  const privateKey =
    options.setting.trim() !== ''
      ? parsePrivateKey(options.setting.trim(), 'CARNET_TRACE_SIGNING_KEY')
      : readOrCreateKeyFile(join(options.dataDir, SIGNING_KEY_FILE_NAME), options.warn);
  return signerOf(privateKey);
}

/** A fresh Ed25519 private key as PKCS#8 PEM (what CARNET_TRACE_SIGNING_KEY accepts). */
export function generateSigningKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

function signerOf(privateKey: KeyObject): Signer {
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return {
    publicKey: der.toString('base64'),
    fingerprint: createHash('sha256').update(der).digest('hex').slice(0, 16),
    // Ed25519 hashes internally: node:crypto takes `null` as the digest (RFC 8032 §5.1.6).
    sign: (data) => sign(null, data, privateKey).toString('base64'),
    verify: (data, signature) => {
      try {
        return verify(null, data, publicKey, Buffer.from(signature, 'base64'));
      } catch {
        return false;
      }
    },
  };
}

function parsePrivateKey(text: string, label: string): KeyObject {
  let key: KeyObject;
  try {
    key = text.startsWith('-----BEGIN')
      ? createPrivateKey(text)
      : createPrivateKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'pkcs8' });
  } catch {
    throw new SigningKeyError(
      `${label}: expected an Ed25519 private key (PKCS#8, PEM or base64 DER)`,
    );
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new SigningKeyError(`${label}: the key is ${key.asymmetricKeyType}, not Ed25519`);
  return key;
}

function readOrCreateKeyFile(path: string, warn: ((message: string) => void) | undefined) {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const pem = generateSigningKeyPem();
    if (createOnly(path, pem)) return parsePrivateKey(pem, path);
    // Another process created it meanwhile: the link failed, and its key is used, not ours.
    text = readFileSync(path, 'utf8');
  }
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0)
    warn?.(`${path} is readable by other users; run: chmod 600 ${path}`);
  return parsePrivateKey(text.trim(), path);
}

/** temp file (0600) → fsync → link into place (fails if present) → fsync folder. */
function createOnly(path: string, content: string): boolean {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = `${path}.tmp-${randomBytes(8).toString('hex')}`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temp);
  }
  if (process.platform !== 'win32') {
    const dirFd = openSync(dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  }
  return true;
}
