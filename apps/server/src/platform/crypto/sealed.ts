/** Small AES-256-GCM sealed boxes for short secrets at rest (outbox payloads): base64url text. */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Encrypts a JSON value with a 32-byte key; the output is `nonce.ciphertext.tag` in base64url. */
export function sealJson(key: Buffer, value: unknown): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return [nonce, body, cipher.getAuthTag()].map((b) => b.toString('base64url')).join('.');
}

/** Decrypts what sealJson produced; throws if it was altered or the key is wrong. */
export function openJson<T>(key: Buffer, sealed: string): T {
  const [nonce, body, tag] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
  if (!nonce || !body || !tag) throw new Error('malformed sealed value');
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAuthTag(tag);
  return JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')) as T;
}

/** Encrypts text bound to `aad` (RFC 5116: the row it belongs to), as `nonce.ciphertext.tag`. */
export function sealText(key: Buffer, text: string, aad: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return [nonce, body, cipher.getAuthTag()].map((b) => b.toString('base64url')).join('.');
}

/** Decrypts what sealText produced with the same `aad`; throws if anything was altered. */
export function openText(key: Buffer, sealed: string, aad: string): string {
  const [nonce, body, tag] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
  if (!nonce || !body || !tag) throw new Error('malformed sealed value');
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}
