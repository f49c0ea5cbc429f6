/** Fault injection for tests: a blob store whose writes fail like a full or broken disk. */
import { Transform, pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import type { BlobStore } from '../src/platform/blobs/blob-store.ts';

/** An error as the file system raises it (ENOSPC: no space left on device). */
export function fsError(code: string, message = code): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code, syscall: 'write' });
}

/** What a faulty store does to each put. */
export interface PutFault {
  /** Bytes let through to the real store before the write fails; 0: fails before writing. */
  afterBytes: number;
  error: () => Error;
  /** Runs once when `afterBytes` is reached, before more bytes flow (e.g. stop an S3 endpoint). */
  onReached?: () => Promise<void>;
}

/**
 * Wraps `inner`: while `fault()` returns a fault, puts stream into the real store and fail midway,
 * so the real store's clean-up on a failed write is what the test sees.
 */
export function faultyBlobStore(inner: BlobStore, fault: () => PutFault | undefined): BlobStore {
  return {
    ...inner,
    list: () => inner.list(),
    async put(key: string, data: Readable) {
      const current = fault();
      if (!current) return inner.put(key, data);
      if (current.afterBytes === 0) {
        data.destroy();
        throw current.error();
      }
      let seen = 0;
      let reached = false;
      const cut = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          seen += chunk.length;
          if (seen <= current.afterBytes) return done(null, chunk);
          if (reached) return done(null, chunk); // the fault happens elsewhere (S3 went away)
          if (!current.onReached) return done(current.error());
          reached = true;
          const before = chunk.subarray(0, chunk.length - (seen - current.afterBytes));
          this.push(before);
          current.onReached().then(
            () => done(null, chunk.subarray(before.length)),
            (error: Error) => done(error),
          );
        },
      });
      // Like a real driver, a failed put destroys its source (the upload's pipeline ends too).
      pipeline(data, cut, () => undefined);
      try {
        return await inner.put(key, cut);
      } catch (error) {
        data.destroy();
        throw error;
      }
    },
  };
}
