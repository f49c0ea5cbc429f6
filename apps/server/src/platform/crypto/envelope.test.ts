import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import {
  ENVELOPE_HEADER_SIZE,
  ENVELOPE_SEGMENT_SIZE,
  ENVELOPE_TAG_SIZE,
  EnvelopeError,
  createDecryptStream,
  createEncryptStream,
  encryptedSize,
  generateDataKey,
  plaintextSize,
} from './envelope.ts';

const SEGMENT = ENVELOPE_SEGMENT_SIZE;
const FULL = SEGMENT + ENVELOPE_TAG_SIZE;
const aad = 'carnet/doc/v1|pat_a|doc_b|1';

/** Streams `data` (in `chunkSize` pieces) through `transform` and collects the output. */
async function run(transform: NodeJS.ReadWriteStream, data: Buffer, chunkSize = 10_000) {
  const chunks: Buffer[] = [];
  await pipeline(
    Readable.from(
      (function* () {
        for (let i = 0; i < data.length; i += chunkSize) yield data.subarray(i, i + chunkSize);
      })(),
    ),
    transform,
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    }),
  );
  return { output: Buffer.concat(chunks), chunks };
}

const encrypt = async (plain: Buffer, key: Buffer, chunkSize?: number) =>
  (await run(createEncryptStream({ key, aad }), plain, chunkSize)).output;

/** Decrypts, returning what was emitted before any error, and the error. */
async function decrypt(sealed: Buffer, key: Buffer, associated: string | Buffer = aad) {
  const emitted: Buffer[] = [];
  const stream = createDecryptStream({ key, aad: associated });
  stream.on('data', (chunk: Buffer) => emitted.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  for (let i = 0; i < sealed.length; i += 7_000) stream.write(sealed.subarray(i, i + 7_000));
  stream.end();
  try {
    await done;
    return { plain: Buffer.concat(emitted), error: undefined };
  } catch (error) {
    return { plain: Buffer.concat(emitted), error };
  }
}

describe('envelope encryption', () => {
  const key = generateDataKey();

  for (const [label, size] of [
    ['0 B', 0],
    ['1 B', 1],
    ['64 KiB exactly', SEGMENT],
    ['64 KiB + 1', SEGMENT + 1],
    ['3 segments exactly', 3 * SEGMENT],
    ['5 MB', 5_000_000],
  ] as const) {
    it(`round-trips ${label}, with an output of exactly encryptedSize bytes`, async () => {
      const plain = randomBytes(size);
      const sealed = await encrypt(plain, key);
      expect(sealed.length).toBe(encryptedSize(size));
      expect(plaintextSize(sealed.length)).toBe(size);
      const { plain: opened, error } = await decrypt(sealed, key);
      expect(error).toBeUndefined();
      expect(opened.equals(plain)).toBe(true);
    });
  }

  it('produces the same output layout whatever the input chunking', async () => {
    const plain = randomBytes(3 * SEGMENT + 5);
    for (const chunkSize of [1_000, SEGMENT, 3 * SEGMENT + 5]) {
      const sealed = await encrypt(plain, key, chunkSize);
      expect(sealed.length).toBe(encryptedSize(plain.length));
      expect((await decrypt(sealed, key)).plain.equals(plain)).toBe(true);
    }
  });

  it('starts with the CRN1 magic and version 1, and never repeats a nonce prefix', async () => {
    const a = await encrypt(Buffer.from('same'), key);
    const b = await encrypt(Buffer.from('same'), key);
    expect(a.subarray(0, 5)).toEqual(Buffer.from('CRN1\x01', 'latin1'));
    expect(a.subarray(5, ENVELOPE_HEADER_SIZE).equals(b.subarray(5, ENVELOPE_HEADER_SIZE))).toBe(
      false,
    );
    expect(a.equals(b)).toBe(false);
  });

  it('never holds more than a segment: a 5 MB file is emitted as it streams, in segment-sized pieces', async () => {
    const { chunks } = await run(createEncryptStream({ key, aad }), randomBytes(5_000_000));
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(FULL);
    expect(chunks.length).toBeGreaterThan(70);
  });

  describe('tampering', () => {
    const plain = randomBytes(3 * SEGMENT + 100); // segments 0, 1, 2 full; 3 final and short
    let sealed: Buffer;
    const sealedOnce = async () => (sealed ??= await encrypt(plain, key));
    const segment = (s: Buffer, i: number) =>
      s.subarray(ENVELOPE_HEADER_SIZE + i * FULL, ENVELOPE_HEADER_SIZE + (i + 1) * FULL);
    const header = (s: Buffer) => s.subarray(0, ENVELOPE_HEADER_SIZE);

    const expectFailure = async (altered: Buffer, expectedPlain: Buffer = plain.subarray(0, 0)) => {
      const { plain: emitted, error } = await decrypt(altered, key);
      expect(error).toBeInstanceOf(EnvelopeError);
      // Only segments that authenticated may have been emitted, never a byte of a failed one.
      expect(emitted.equals(expectedPlain)).toBe(true);
    };

    it('fails when one bit of a segment is flipped, emitting nothing of that segment', async () => {
      const altered = Buffer.from(await sealedOnce());
      altered[ENVELOPE_HEADER_SIZE + FULL + 5]! ^= 0x01; // inside segment 1
      await expectFailure(altered, plain.subarray(0, SEGMENT));
    });

    it('fails when one bit of a tag is flipped', async () => {
      const altered = Buffer.from(await sealedOnce());
      altered[altered.length - 1]! ^= 0x80;
      await expectFailure(altered, plain.subarray(0, 3 * SEGMENT));
    });

    it('fails when one bit of the header is flipped', async () => {
      for (const byte of [0, 4, 5, 11]) {
        const altered = Buffer.from(await sealedOnce());
        altered[byte]! ^= 0x01;
        await expectFailure(altered);
      }
    });

    it('fails when truncated at a segment boundary', async () => {
      const s = await sealedOnce();
      await expectFailure(
        s.subarray(0, ENVELOPE_HEADER_SIZE + 2 * FULL),
        plain.subarray(0, SEGMENT),
      );
    });

    it('fails when truncated inside a segment or inside the header', async () => {
      const s = await sealedOnce();
      await expectFailure(s.subarray(0, s.length - 1), plain.subarray(0, 3 * SEGMENT));
      await expectFailure(s.subarray(0, ENVELOPE_HEADER_SIZE + 10));
      await expectFailure(s.subarray(0, ENVELOPE_HEADER_SIZE));
      await expectFailure(s.subarray(0, 5));
      await expectFailure(Buffer.alloc(0));
    });

    it('fails when the final segment is dropped, even for a file of one full segment', async () => {
      const one = await encrypt(randomBytes(2 * SEGMENT), key);
      const { error } = await decrypt(one.subarray(0, ENVELOPE_HEADER_SIZE + FULL), key);
      expect(error).toBeInstanceOf(EnvelopeError);
    });

    it('fails when data is appended after the final segment', async () => {
      const s = await sealedOnce();
      await expectFailure(Buffer.concat([s, Buffer.alloc(1)]), plain.subarray(0, 3 * SEGMENT));
      await expectFailure(Buffer.concat([s, segment(s, 0)]), plain.subarray(0, 3 * SEGMENT));
    });

    it('fails when two segments are swapped', async () => {
      const s = await sealedOnce();
      const swapped = Buffer.concat([
        header(s),
        segment(s, 1),
        segment(s, 0),
        s.subarray(ENVELOPE_HEADER_SIZE + 2 * FULL),
      ]);
      await expectFailure(swapped);
    });

    it('fails when a segment is duplicated in place of another', async () => {
      const s = await sealedOnce();
      const replayed = Buffer.concat([
        header(s),
        segment(s, 0),
        segment(s, 0),
        s.subarray(ENVELOPE_HEADER_SIZE + 2 * FULL),
      ]);
      await expectFailure(replayed, plain.subarray(0, SEGMENT));
    });

    it('fails when a segment is spliced in from another envelope under the same key', async () => {
      const s = await sealedOnce();
      const other = await encrypt(randomBytes(3 * SEGMENT + 100), key);
      const spliced = Buffer.concat([
        header(s),
        segment(s, 0),
        segment(other, 1),
        s.subarray(ENVELOPE_HEADER_SIZE + 2 * FULL),
      ]);
      await expectFailure(spliced, plain.subarray(0, SEGMENT));
    });

    it('fails with the wrong associated data (another document or version)', async () => {
      const { plain: emitted, error } = await decrypt(
        await sealedOnce(),
        key,
        'carnet/doc/v1|pat_a|doc_b|2',
      );
      expect(error).toBeInstanceOf(EnvelopeError);
      expect(emitted.length).toBe(0);
    });

    it('fails with the wrong key', async () => {
      const { plain: emitted, error } = await decrypt(await sealedOnce(), generateDataKey());
      expect(error).toBeInstanceOf(EnvelopeError);
      expect(emitted.length).toBe(0);
    });

    it('fails for an empty plaintext decrypted with the wrong associated data', async () => {
      const empty = await encrypt(Buffer.alloc(0), key);
      expect((await decrypt(empty, key, 'other')).error).toBeInstanceOf(EnvelopeError);
    });
  });

  it('accepts binary associated data equal to its text form', async () => {
    const sealed = await encrypt(Buffer.from('bonjour'), key);
    const { plain } = await decrypt(sealed, key, Buffer.from(aad, 'utf8'));
    expect(plain.toString()).toBe('bonjour');
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => createEncryptStream({ key: randomBytes(16), aad })).toThrow(EnvelopeError);
    expect(() => createDecryptStream({ key: randomBytes(31), aad })).toThrow(EnvelopeError);
  });

  it('computes sizes: one empty segment for 0 B, one tag per started segment', () => {
    expect(encryptedSize(0)).toBe(ENVELOPE_HEADER_SIZE + ENVELOPE_TAG_SIZE);
    expect(encryptedSize(SEGMENT)).toBe(ENVELOPE_HEADER_SIZE + SEGMENT + ENVELOPE_TAG_SIZE);
    expect(encryptedSize(SEGMENT + 1)).toBe(
      ENVELOPE_HEADER_SIZE + SEGMENT + 1 + 2 * ENVELOPE_TAG_SIZE,
    );
    expect(plaintextSize(ENVELOPE_HEADER_SIZE + ENVELOPE_TAG_SIZE - 1)).toBeUndefined();
    expect(plaintextSize(ENVELOPE_HEADER_SIZE + FULL + ENVELOPE_TAG_SIZE)).toBeUndefined();
  });
});
