/**
 * Streaming authenticated encryption of one document version (SECURITY.md "Data at rest").
 *
 * Format: the online-AE "STREAM" construction of Hoang, Reyhanitabar, Rogaway and Vizár (CRYPTO 2015),
 * as used by age and Tink, over AES-256-GCM (NIST SP 800-38D):
 *
 *   header  = "CRN1" ‖ format version (1 byte) ‖ random nonce prefix (7 bytes)          12 bytes
 *   segment = AES-256-GCM(key, nonce = prefix ‖ uint32 BE counter ‖ last flag (0|1),
 *                         aad = header ‖ caller's associated data, 64 KiB of plaintext) ‖ tag (16 bytes)
 *
 * The counter defeats reordering, the last flag defeats truncation and extension, the header in the
 * AAD binds the format, and the caller's AAD binds patient, document and version, so a blob moved
 * to another row does not decrypt. Every segment is authenticated before any of its plaintext is
 * emitted, and memory stays at one segment whatever the file size. An empty plaintext is a single
 * empty final segment.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { TransformCallback } from 'node:stream';
import { Transform } from 'node:stream';

/** Plaintext bytes per segment. */
export const ENVELOPE_SEGMENT_SIZE = 64 * 1024;
/** Bytes of the header before the first segment. */
export const ENVELOPE_HEADER_SIZE = 12;
/** Bytes of the GCM tag after each segment. */
export const ENVELOPE_TAG_SIZE = 16;

const MAGIC = Buffer.from('CRN1', 'ascii');
const FORMAT_VERSION = 1;
const PREFIX_SIZE = 7;
const KEY_SIZE = 32;
// The counter is 32 bits: 2^32 segments of 64 KiB (256 TiB) per stream, far above any upload limit.
const MAX_SEGMENTS = 2 ** 32;

/** Decryption or format failure: the blob was altered, truncated, or belongs to another key or record. */
export class EnvelopeError extends Error {
  override name = 'EnvelopeError';
}

/** A fresh random 256-bit data key; each document version gets its own (SECURITY.md). */
export function generateDataKey(): Buffer {
  return randomBytes(KEY_SIZE);
}

/** Size of the encrypted output for `plainSize` bytes of plaintext. */
export function encryptedSize(plainSize: number): number {
  if (!Number.isSafeInteger(plainSize) || plainSize < 0)
    throw new RangeError('encryptedSize: bad size');
  const segments = Math.max(1, Math.ceil(plainSize / ENVELOPE_SEGMENT_SIZE));
  return ENVELOPE_HEADER_SIZE + plainSize + segments * ENVELOPE_TAG_SIZE;
}

/** Size of the plaintext inside `cipherSize` bytes of envelope, or undefined if no envelope has that size. */
export function plaintextSize(cipherSize: number): number | undefined {
  const body = cipherSize - ENVELOPE_HEADER_SIZE;
  const fullSegment = ENVELOPE_SEGMENT_SIZE + ENVELOPE_TAG_SIZE;
  if (!Number.isSafeInteger(cipherSize) || body < ENVELOPE_TAG_SIZE) return undefined;
  const full = Math.floor((body - 1) / fullSegment); // segments before the final one
  const last = body - full * fullSegment - ENVELOPE_TAG_SIZE;
  if (last < 0 || (full > 0 && last === 0)) return undefined;
  return full * ENVELOPE_SEGMENT_SIZE + last;
}

/** Parameters of either direction. */
export interface EnvelopeOptions {
  /** The 32-byte data key of this document version. */
  key: Buffer;
  /** Associated data binding the ciphertext to its record (patient id, document id, version). */
  aad: string | Uint8Array;
}

/** A Transform turning plaintext into the envelope format. */
export function createEncryptStream(options: EnvelopeOptions): Transform {
  const key = checkKey(options.key);
  // Random prefix: each version has its own key already; the prefix guards an accidental key reuse.
  const header = Buffer.concat([MAGIC, Buffer.of(FORMAT_VERSION), randomBytes(PREFIX_SIZE)]);
  const aad = Buffer.concat([header, toBuffer(options.aad)]);
  const pending = Buffer.allocUnsafe(ENVELOPE_SEGMENT_SIZE);
  let filled = 0;
  let counter = 0;
  let headerSent = false;

  const sendHeader = (stream: Transform) => {
    if (headerSent) return;
    stream.push(header);
    headerSent = true;
  };
  const seal = (stream: Transform, last: boolean) => {
    if (counter >= MAX_SEGMENTS) throw new EnvelopeError('stream too long for one envelope');
    const cipher = createCipheriv('aes-256-gcm', key, nonceFor(header, counter, last), {
      authTagLength: ENVELOPE_TAG_SIZE,
    });
    cipher.setAAD(aad);
    const body = cipher.update(pending.subarray(0, filled));
    cipher.final(); // GCM outputs nothing more here; it computes the tag.
    stream.push(Buffer.concat([body, cipher.getAuthTag()]));
    counter++;
    filled = 0;
  };

  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      try {
        sendHeader(this);
        let offset = 0;
        while (offset < chunk.length) {
          // A full segment is sealed only once more data arrives: until then it may be the last one.
          if (filled === ENVELOPE_SEGMENT_SIZE) seal(this, false);
          const copied = chunk.copy(pending, filled, offset);
          filled += copied;
          offset += copied;
        }
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done: TransformCallback) {
      try {
        sendHeader(this);
        seal(this, true);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
}

/** A Transform turning an envelope back into plaintext; it errors on any alteration, never emitting unauthenticated bytes. */
export function createDecryptStream(options: EnvelopeOptions): Transform {
  const key = checkKey(options.key);
  const callerAad = toBuffer(options.aad);
  const segmentSize = ENVELOPE_SEGMENT_SIZE + ENVELOPE_TAG_SIZE;
  const header = Buffer.alloc(ENVELOPE_HEADER_SIZE);
  let headerFilled = 0;
  let aad: Buffer | undefined;
  const pending = Buffer.allocUnsafe(segmentSize);
  let filled = 0;
  let counter = 0;

  const open = (stream: Transform, last: boolean) => {
    if (counter >= MAX_SEGMENTS) throw new EnvelopeError('stream too long for one envelope');
    if (filled < ENVELOPE_TAG_SIZE) throw new EnvelopeError('envelope truncated');
    const decipher = createDecipheriv('aes-256-gcm', key, nonceFor(header, counter, last), {
      authTagLength: ENVELOPE_TAG_SIZE,
    });
    decipher.setAAD(aad!);
    decipher.setAuthTag(pending.subarray(filled - ENVELOPE_TAG_SIZE, filled));
    // update() returns plaintext before the tag is checked: hold it until final() has verified it.
    const plain = decipher.update(pending.subarray(0, filled - ENVELOPE_TAG_SIZE));
    try {
      decipher.final();
    } catch {
      throw new EnvelopeError(
        'envelope failed authentication (altered, truncated, wrong key or wrong record)',
      );
    }
    if (plain.length > 0) stream.push(plain);
    counter++;
    filled = 0;
  };

  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      try {
        let offset = 0;
        if (headerFilled < ENVELOPE_HEADER_SIZE) {
          const copied = chunk.copy(header, headerFilled, 0);
          headerFilled += copied;
          offset = copied;
          if (headerFilled < ENVELOPE_HEADER_SIZE) return done();
          aad = Buffer.concat([checkHeader(header), callerAad]);
        }
        while (offset < chunk.length) {
          // As in encryption: a full segment is the last one only if nothing follows it.
          if (filled === segmentSize) open(this, false);
          const copied = chunk.copy(pending, filled, offset);
          filled += copied;
          offset += copied;
        }
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done: TransformCallback) {
      try {
        if (headerFilled < ENVELOPE_HEADER_SIZE) throw new EnvelopeError('envelope truncated');
        open(this, true);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
}

function checkHeader(header: Buffer): Buffer {
  if (!header.subarray(0, MAGIC.length).equals(MAGIC))
    throw new EnvelopeError('not a Carnet envelope');
  if (header[MAGIC.length] !== FORMAT_VERSION)
    throw new EnvelopeError('unsupported envelope version');
  return header;
}

function nonceFor(header: Buffer, counter: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  header.copy(nonce, 0, MAGIC.length + 1, ENVELOPE_HEADER_SIZE);
  nonce.writeUInt32BE(counter, PREFIX_SIZE);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

function checkKey(key: Buffer): Buffer {
  if (!Buffer.isBuffer(key) || key.length !== KEY_SIZE)
    throw new EnvelopeError('a data key is 32 bytes');
  return key;
}

function toBuffer(aad: string | Uint8Array): Buffer {
  return typeof aad === 'string' ? Buffer.from(aad, 'utf8') : Buffer.from(aad);
}
