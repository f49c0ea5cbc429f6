/** The behaviour every BlobStore driver must have, as a test suite each driver's tests run. */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BlobStore } from './blob-store.ts';
import { BlobNotFoundError, InvalidBlobKeyError } from './blob-store.ts';

/** Reads a whole stream into memory (tests only: blobs in tests are small). */
export async function readBlob(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** A source that yields `bytesBeforeFailure` bytes then fails, like an upload cut midway (or aborted without error). */
export function failingSource(
  bytesBeforeFailure: number,
  how: 'error' | 'abort' = 'error',
): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent < bytesBeforeFailure) {
        const size = Math.min(16 * 1024, bytesBeforeFailure - sent);
        sent += size;
        this.push(randomBytes(size));
      } else {
        this.destroy(how === 'error' ? new Error('client went away') : undefined);
      }
    },
  });
}

/** A source yielding `data` in `chunkSize` pieces, so drivers see a real multi-chunk stream. */
export function chunkedSource(data: Buffer, chunkSize = 64 * 1024): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < data.length; i += chunkSize) yield data.subarray(i, i + chunkSize);
    })(),
  );
}

/** Declares the shared BlobStore tests for one driver; `makeStore` gives a store per test (may be shared). */
export function describeBlobStoreContract(
  name: string,
  makeStore: () => BlobStore | Promise<BlobStore>,
) {
  describe(`${name} blob store contract`, () => {
    let store: BlobStore;
    // Keys unique to each test, so a driver may reuse one bucket across tests and runs.
    let ns: string;
    beforeEach(async () => {
      store = await makeStore();
      ns = `contract_${randomBytes(6).toString('hex')}`;
    });

    it('reads back exactly the bytes it stored, and reports their size', async () => {
      const data = randomBytes(10_000);
      expect(await store.put(`${ns}/a`, Readable.from(data))).toEqual({ size: data.length });
      expect((await readBlob(await store.get(`${ns}/a`))).equals(data)).toBe(true);
    });

    it('stores an empty blob', async () => {
      expect(await store.put(`${ns}/empty`, Readable.from(Buffer.alloc(0)))).toEqual({ size: 0 });
      expect((await readBlob(await store.get(`${ns}/empty`))).length).toBe(0);
    });

    it('streams a blob of many chunks', async () => {
      const data = randomBytes(3 * 1024 * 1024 + 17);
      expect(await store.put(`${ns}/big`, chunkedSource(data))).toEqual({ size: data.length });
      expect((await readBlob(await store.get(`${ns}/big`))).equals(data)).toBe(true);
    });

    it('replaces the content on a second put under the same key', async () => {
      await store.put(`${ns}/doc`, Readable.from(Buffer.from('first version')));
      await store.put(`${ns}/doc`, Readable.from(Buffer.from('second')));
      expect((await readBlob(await store.get(`${ns}/doc`))).toString()).toBe('second');
    });

    it('throws BlobNotFoundError when getting a key that was never stored', async () => {
      await expect(store.get(`${ns}/missing`)).rejects.toBeInstanceOf(BlobNotFoundError);
    });

    it('tells whether a key exists', async () => {
      await store.put(`${ns}/here`, Readable.from(Buffer.from('x')));
      expect(await store.exists(`${ns}/here`)).toBe(true);
      expect(await store.exists(`${ns}/absent`)).toBe(false);
    });

    it('deletes a blob, and deleting a missing blob is not an error', async () => {
      await store.put(`${ns}/gone`, Readable.from(Buffer.from('x')));
      await store.delete(`${ns}/gone`);
      expect(await store.exists(`${ns}/gone`)).toBe(false);
      await expect(store.get(`${ns}/gone`)).rejects.toBeInstanceOf(BlobNotFoundError);
      await expect(store.delete(`${ns}/gone`)).resolves.toBeUndefined();
    });

    it('refuses keys that are not server-generated', async () => {
      const invalid = [
        '',
        '../etc/passwd',
        'a/../b',
        'doc.pdf',
        'Doc_ABC',
        '/abs',
        'trailing/',
        'a//b',
        'a\\b',
        'é',
        'a b',
        '.tmp-x',
        'a'.repeat(201),
      ];
      for (const key of invalid) {
        await expect(store.put(key, Readable.from(Buffer.from('x'))), key).rejects.toBeInstanceOf(
          InvalidBlobKeyError,
        );
        await expect(store.get(key), key).rejects.toBeInstanceOf(InvalidBlobKeyError);
        await expect(store.exists(key), key).rejects.toBeInstanceOf(InvalidBlobKeyError);
        await expect(store.delete(key), key).rejects.toBeInstanceOf(InvalidBlobKeyError);
      }
    });

    it('accepts the longest valid key and slash-separated segments', async () => {
      const long = `${ns}/${'x'.repeat(200 - ns.length - 1)}`;
      await store.put(long, Readable.from(Buffer.from('x')));
      await store.put(`${ns}/pat_1/doc_2/v3`, Readable.from(Buffer.from('y')));
      expect(await store.exists(long)).toBe(true);
      expect(await store.exists(`${ns}/pat_1/doc_2/v3`)).toBe(true);
    });

    it('leaves nothing under the key when the source fails midway', async () => {
      await expect(store.put(`${ns}/cut`, failingSource(100_000))).rejects.toThrow();
      expect(await store.exists(`${ns}/cut`)).toBe(false);
    });

    it('leaves nothing under the key when the source is aborted without an error', async () => {
      await expect(store.put(`${ns}/aborted`, failingSource(100_000, 'abort'))).rejects.toThrow();
      expect(await store.exists(`${ns}/aborted`)).toBe(false);
    });

    it('keeps the previous content whole when a replacing put fails midway', async () => {
      const before = randomBytes(50_000);
      await store.put(`${ns}/keep`, Readable.from(before));
      await expect(store.put(`${ns}/keep`, failingSource(200_000))).rejects.toThrow();
      expect((await readBlob(await store.get(`${ns}/keep`))).equals(before)).toBe(true);
    });

    it('lists stored blobs with their size and modification time, and not deleted ones', async () => {
      const started = Date.now() - 5_000; // file-system times may be coarse or slightly skewed
      await store.put(`${ns}/one`, Readable.from(Buffer.alloc(3)));
      await store.put(`${ns}/two/deep`, Readable.from(Buffer.alloc(5)));
      await store.put(`${ns}/three`, Readable.from(Buffer.alloc(1)));
      await store.delete(`${ns}/three`);
      const mine = [];
      for await (const entry of store.list()) if (entry.key.startsWith(`${ns}/`)) mine.push(entry);
      mine.sort((a, b) => a.key.localeCompare(b.key));
      expect(mine.map(({ key, size }) => ({ key, size }))).toEqual([
        { key: `${ns}/one`, size: 3 },
        { key: `${ns}/two/deep`, size: 5 },
      ]);
      for (const entry of mine) {
        expect(entry.modifiedAt).toBeInstanceOf(Date);
        expect(entry.modifiedAt.getTime()).toBeGreaterThan(started);
      }
    });
  });
}
