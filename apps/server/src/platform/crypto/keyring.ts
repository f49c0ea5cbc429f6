/**
 * The master keys, versioned: they wrap the per-document data keys (envelope encryption) and derive
 * the other server keys. They come from configuration or a key file, never from the database
 * (SECURITY.md "Data at rest").
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

/** The file, inside the data folder, that holds the master keys when CARNET_MASTER_KEY is empty. */
export const KEY_FILE_NAME = 'master.key';

const KEY_BYTES = 32;
const NONCE_BYTES = 12; // NIST SP 800-38D §8.2.2: 96-bit random nonces.
const TAG_BYTES = 16; // NIST SP 800-38D §5.2.1.2: full 128-bit tag.
const WRAPPED_BYTES = NONCE_BYTES + KEY_BYTES + TAG_BYTES;
const VERSION = /^v([1-9][0-9]{0,5})$/;

/** A data key wrapped by the key-encryption key of `kekVersion`: nonce ‖ ciphertext ‖ tag. */
export interface WrappedKey {
  kekVersion: string;
  wrapped: Buffer;
}

/** A keyring failure: bad configuration, unknown key version, or a wrapped key that fails authentication. */
export class KeyringError extends Error {
  override name = 'KeyringError';
}

interface KeyFile {
  current: string;
  keys: Record<string, string>;
}

/** Loads the master keys from CARNET_MASTER_KEY or `<dataDir>/master.key`, creating the file on first start. */
export function loadKeyring(options: {
  masterKey?: string;
  dataDir: string;
  /** Told about what does not stop the server: a key file readable by others, or one ignored. */
  warn?: (message: string) => void;
}) {
  if (options.masterKey !== undefined) {
    // An empty variable is a misconfiguration, not a request for the key file: silently falling back
    // would generate a second "v1" and write new documents under a key the operator does not back up.
    if (options.masterKey.trim() === '') {
      throw new KeyringError('CARNET_MASTER_KEY is set but empty');
    }
    const ignored = join(options.dataDir, KEY_FILE_NAME);
    if (existsSync(ignored)) options.warn?.(`CARNET_MASTER_KEY is set: ${ignored} is ignored`);
    return createKeyring({ ...parseMasterKeySetting(options.masterKey), keyFile: undefined });
  }
  const path = join(options.dataDir, KEY_FILE_NAME);
  const material = readOrCreateKeyFile(path, options.warn);
  return createKeyring({ ...material, keyFile: path });
}

/** The keyring. */
export type Keyring = ReturnType<typeof loadKeyring>;

/** Parses CARNET_MASTER_KEY: one base64 key (version v1) or `v1:<b64>,v2:<b64>` where the last is current. */
export function parseMasterKeySetting(setting: string): {
  current: string;
  keys: Map<string, Buffer>;
} {
  const entries = setting
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (entries.length === 1 && !entries[0]!.includes(':')) {
    return { current: 'v1', keys: new Map([['v1', decodeKey(entries[0]!, 'CARNET_MASTER_KEY')]]) };
  }
  const keys = new Map<string, Buffer>();
  let current = '';
  for (const entry of entries) {
    const colon = entry.indexOf(':');
    const version = entry.slice(0, colon);
    if (colon < 0 || !VERSION.test(version)) {
      throw new KeyringError('CARNET_MASTER_KEY: expected "<base64>" or "v1:<base64>,v2:<base64>"');
    }
    if (keys.has(version))
      throw new KeyringError(`CARNET_MASTER_KEY: version ${version} appears twice`);
    keys.set(version, decodeKey(entry.slice(colon + 1), `CARNET_MASTER_KEY ${version}`));
    current = version;
  }
  if (keys.size === 0) throw new KeyringError('CARNET_MASTER_KEY: no key');
  return { current, keys };
}

/** Generates a fresh master key as base64, what `CARNET_MASTER_KEY` expects. */
export function generateMasterKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

function createKeyring(init: {
  current: string;
  keys: Map<string, Buffer>;
  keyFile: string | undefined;
}) {
  const keys = new Map(init.keys);
  let current = init.current;
  if (!keys.has(current)) throw new KeyringError(`current key ${current} is missing`);
  // Key separation (NIST SP 800-57 Part 1 §5.2: one key, one purpose): the master key never
  // encrypts directly; the wrapping key and every derived key are distinct HKDF outputs of it.
  const kekCache = new Map<string, Buffer>();
  const kek = (version: string): Buffer => {
    let key = kekCache.get(version);
    if (!key) {
      const master = keys.get(version);
      if (!master) throw new KeyringError(`unknown key version ${version}`);
      key = hkdf(master, 'carnet/kek-wrap');
      kekCache.set(version, key);
    }
    return key;
  };
  // Derived keys come from the OLDEST master key, not the current one: they key the hashes of
  // one-time codes, activation codes and sealed outbox rows, which must stay valid across a
  // rotation (rotation re-wraps data keys, it cannot re-hash values nobody knows any more).
  // Consequence: the oldest version must stay configured as long as those values matter.
  const oldest = [...keys.keys()].sort((a, b) => versionNumber(a) - versionNumber(b))[0]!;
  const derivationRoot = keys.get(oldest)!;

  return {
    /** The version new data keys are wrapped with. */
    get currentVersion(): string {
      return current;
    },
    /** Every version this keyring can unwrap, oldest first. */
    get versions(): string[] {
      return [...keys.keys()].sort((a, b) => versionNumber(a) - versionNumber(b));
    },
    /** Wraps a 32-byte data key with the current KEK (AES-256-GCM, AAD = version, RFC 5116). */
    wrapKey(dataKey: Buffer): WrappedKey {
      if (dataKey.length !== KEY_BYTES) throw new KeyringError('a data key is 32 bytes');
      const kekVersion = current;
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', kek(kekVersion), nonce, {
        authTagLength: TAG_BYTES,
      });
      // The version is authenticated so a wrapped key cannot be relabelled to another KEK.
      cipher.setAAD(Buffer.from(kekVersion, 'utf8'));
      const wrapped = Buffer.concat([
        nonce,
        cipher.update(dataKey),
        cipher.final(),
        cipher.getAuthTag(),
      ]);
      return { kekVersion, wrapped };
    },
    /** Unwraps a data key; throws KeyringError if the version is unknown or the bytes were altered. */
    unwrapKey(input: WrappedKey): Buffer {
      if (input.wrapped.length !== WRAPPED_BYTES) throw new KeyringError('malformed wrapped key');
      const key = kek(input.kekVersion);
      const nonce = input.wrapped.subarray(0, NONCE_BYTES);
      const body = input.wrapped.subarray(NONCE_BYTES, NONCE_BYTES + KEY_BYTES);
      const tag = input.wrapped.subarray(NONCE_BYTES + KEY_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(input.kekVersion, 'utf8'));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(body), decipher.final()]);
      } catch {
        throw new KeyringError(`wrapped key does not authenticate under ${input.kekVersion}`);
      }
    },
    /**
     * Adds a new master key version to the key file and makes it current (`carnet keys rotate`).
     * Other running processes keep their old keyring: restart them before re-wrapping data keys.
     */
    rotate(): string {
      if (!init.keyFile) {
        throw new KeyringError(
          'keys come from CARNET_MASTER_KEY: append a new "vN:<base64>" entry there instead',
        );
      }
      const next = `v${Math.max(...[...keys.keys()].map(versionNumber)) + 1}`;
      const fresh = randomBytes(KEY_BYTES);
      const file: KeyFile = { current: next, keys: {} };
      for (const [version, key] of [...keys.entries(), [next, fresh] as const]) {
        file.keys[version] = key.toString('base64');
      }
      writeKeyFile(init.keyFile, file, 'replace');
      keys.set(next, fresh);
      current = next;
      return next;
    },
    /** A 32-byte key for `purpose` (e.g. "carnet/otp"), HKDF-SHA256 (RFC 5869) of the oldest master key. */
    deriveKey(purpose: string): Buffer {
      if (purpose === '') throw new KeyringError('deriveKey: a purpose is required');
      // The "carnet/derive:" prefix keeps every purpose apart from the wrapping key's "carnet/kek-wrap".
      return hkdf(derivationRoot, `carnet/derive:${purpose}`);
    },
  };
}

function hkdf(master: Buffer, info: string): Buffer {
  // RFC 5869 §3.1: the salt is optional when the input key is already uniformly random.
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, KEY_BYTES));
}

function versionNumber(version: string): number {
  return Number(VERSION.exec(version)?.[1] ?? Number.NaN);
}

function decodeKey(text: string, label: string): Buffer {
  const trimmed = text.trim();
  // Buffer.from(base64) ignores junk; re-encoding and comparing catches a truncated or mistyped key.
  const key = Buffer.from(trimmed, 'base64');
  const canonical = key.toString('base64');
  if (key.length !== KEY_BYTES || canonical.replace(/=+$/, '') !== trimmed.replace(/=+$/, '')) {
    throw new KeyringError(
      `${label}: expected 32 bytes in base64 (generate one with: openssl rand -base64 32)`,
    );
  }
  return key;
}

function readOrCreateKeyFile(path: string, warn: ((message: string) => void) | undefined) {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
    const file: KeyFile = { current: 'v1', keys: { v1: generateMasterKey() } };
    if (writeKeyFile(path, file, 'create-only')) return fromKeyFile(file, path);
    // Another process created it between our read and our link: use theirs, not ours.
    text = readFileSync(path, 'utf8');
  }
  checkPermissions(path, warn);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new KeyringError(`${path}: not valid JSON`);
  }
  return fromKeyFile(parsed, path);
}

function checkPermissions(path: string, warn: ((message: string) => void) | undefined) {
  // POSIX modes only; on Windows the ACL of the data folder is what protects the file.
  if (process.platform === 'win32') return;
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    warn?.(`${path} is readable by other users (mode ${mode.toString(8)}); run: chmod 600 ${path}`);
  }
}

function fromKeyFile(value: unknown, path: string): { current: string; keys: Map<string, Buffer> } {
  if (typeof value !== 'object' || value === null)
    throw new KeyringError(`${path}: not a key file`);
  const { current, keys } = value as Partial<KeyFile>;
  if (typeof current !== 'string' || typeof keys !== 'object' || keys === null) {
    throw new KeyringError(`${path}: expected { "current": "v1", "keys": { "v1": "<base64>" } }`);
  }
  const map = new Map<string, Buffer>();
  for (const [version, encoded] of Object.entries(keys)) {
    if (!VERSION.test(version) || typeof encoded !== 'string') {
      throw new KeyringError(`${path}: bad key entry "${version}"`);
    }
    map.set(version, decodeKey(encoded, `${path} ${version}`));
  }
  if (!map.has(current)) throw new KeyringError(`${path}: current key ${current} is missing`);
  return { current, keys: map };
}

/**
 * Writes the key file durably: temp file (0600) → fsync → link or rename → fsync the folder.
 * `create-only` links the temp file into place, which fails if the file exists, so two processes
 * starting together cannot each generate a different key. Returns false when it already existed.
 */
function writeKeyFile(path: string, file: KeyFile, mode: 'create-only' | 'replace'): boolean {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = `${path}.tmp-${randomBytes(8).toString('hex')}`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    try {
      writeSync(fd, `${JSON.stringify(file, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (mode === 'replace') {
      renameSync(temp, path);
    } else {
      try {
        linkSync(temp, path);
      } catch (error) {
        if (isErrno(error, 'EEXIST')) return false;
        throw error;
      }
    }
    fsyncDirectory(dir);
    return true;
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // Already renamed into place.
    }
  }
}

function fsyncDirectory(dir: string) {
  // Makes the new directory entry itself durable (rename/link is only in the folder's metadata).
  if (process.platform === 'win32') return; // Folders cannot be opened for fsync there.
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
