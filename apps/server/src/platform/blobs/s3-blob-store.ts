/**
 * The S3 blob store (several servers share one bucket): streaming multipart uploads through
 * `@aws-sdk/lib-storage`, never a whole file in memory (at most `queueSize` × `partSize` buffered),
 * path-style addressing so MinIO, Garage, Ceph or s3rver work as well as AWS.
 *
 * Atomicity comes from S3 itself: an object appears only when its PutObject or
 * CompleteMultipartUpload succeeds; a failed upload is aborted, so nothing is left under the key
 * and a previous version stays whole.
 */
import { Transform, pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';
import type { BlobEntry, BlobStore } from './blob-store.ts';
import { BlobNotFoundError, assertValidBlobKey, isValidBlobKey } from './blob-store.ts';

/** Where the bucket is and how to reach it. */
export interface S3BlobStoreOptions {
  bucket: string;
  /** Endpoint URL (MinIO, s3rver…); empty for AWS itself. */
  endpoint?: string | undefined;
  region?: string | undefined;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  /** Size of each uploaded part (minimum 5 MiB, the S3 minimum). */
  partSize?: number;
  clock?: Clock;
}

const MIN_PART_SIZE = 5 * 1024 * 1024;

/** Creates an S3 blob store; the bucket must exist. */
export function createS3BlobStore(options: S3BlobStoreOptions) {
  const { bucket } = options;
  const clock = options.clock ?? systemClock;
  const partSize = Math.max(options.partSize ?? MIN_PART_SIZE, MIN_PART_SIZE);
  const client = new S3Client({
    region: options.region || 'us-east-1',
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    forcePathStyle: true,
    ...(options.accessKeyId && options.secretAccessKey
      ? {
          credentials: {
            accessKeyId: options.accessKeyId,
            secretAccessKey: options.secretAccessKey,
          },
        }
      : {}),
    // Checksums only where S3 requires them: many S3-compatible stores reject aws-chunked bodies.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // A dead endpoint must fail a request, not hang it.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
    maxAttempts: 2,
  });

  const store = {
    /** Streams `data` under `key`; the object appears only once the whole upload completed. */
    async put(key: string, data: Readable): Promise<{ size: number }> {
      assertValidBlobKey(key);
      let size = 0;
      const counter = new Transform({
        transform(chunk: unknown, _encoding, done) {
          if (!(chunk instanceof Uint8Array) && typeof chunk !== 'string') {
            done(new TypeError('blob source must yield bytes'));
            return;
          }
          const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
          size += bytes.length;
          done(null, bytes);
        },
      });
      // pipeline turns a source destroyed without an error into ERR_STREAM_PREMATURE_CLOSE.
      let sourceError: Error | undefined;
      pipeline(data, counter, (error) => {
        if (error) sourceError = error;
      });
      const upload = new Upload({
        client,
        params: { Bucket: bucket, Key: key, Body: counter },
        partSize,
        queueSize: 2,
        leavePartsOnError: false,
      });
      try {
        await upload.done();
      } catch (error) {
        if (!data.destroyed) data.destroy();
        throw sourceError ?? error;
      }
      return { size };
    },

    /** Opens the object for reading; throws BlobNotFoundError if there is none. */
    async get(key: string): Promise<Readable> {
      assertValidBlobKey(key);
      try {
        const result = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return result.Body as Readable;
      } catch (error) {
        if (isNotFound(error)) throw new BlobNotFoundError(key);
        throw error;
      }
    },

    /** Removes the object; S3 answers success for a missing key too. */
    async delete(key: string): Promise<void> {
      assertValidBlobKey(key);
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },

    /** Whether an object exists under `key`. */
    async exists(key: string): Promise<boolean> {
      assertValidBlobKey(key);
      try {
        await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    },

    /** Every object with a valid blob key, page by page (1,000 per request). */
    async *list(): AsyncGenerator<BlobEntry> {
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }),
        );
        for (const object of page.Contents ?? []) {
          if (!object.Key || !isValidBlobKey(object.Key)) continue;
          yield {
            key: object.Key,
            size: object.Size ?? 0,
            modifiedAt: object.LastModified ?? new Date(0),
          };
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },

    /** Aborts multipart uploads started more than `olderThanMs` ago (left by a crash mid-put). */
    async sweepTemp(olderThanMs: number): Promise<number> {
      const cutoff = clock.now().getTime() - olderThanMs;
      let removed = 0;
      let keyMarker: string | undefined;
      let uploadIdMarker: string | undefined;
      for (;;) {
        let page;
        try {
          page = await client.send(
            new ListMultipartUploadsCommand({
              Bucket: bucket,
              KeyMarker: keyMarker,
              UploadIdMarker: uploadIdMarker,
            }),
          );
        } catch (error) {
          // Some S3-compatible stores (s3rver) do not list uploads: nothing to sweep there.
          if (isNotImplemented(error)) return removed;
          throw error;
        }
        for (const upload of page.Uploads ?? []) {
          if (!upload.Key || !upload.UploadId) continue;
          if ((upload.Initiated?.getTime() ?? 0) >= cutoff) continue;
          await client.send(
            new AbortMultipartUploadCommand({
              Bucket: bucket,
              Key: upload.Key,
              UploadId: upload.UploadId,
            }),
          );
          removed++;
        }
        if (!page.IsTruncated) return removed;
        keyMarker = page.NextKeyMarker;
        uploadIdMarker = page.NextUploadIdMarker;
      }
    },

    /** Whether the bucket answers (readiness probe). */
    async ping(): Promise<boolean> {
      try {
        await client.send(new HeadBucketCommand({ Bucket: bucket }));
        return true;
      } catch {
        return false;
      }
    },

    /** Releases the client's sockets. */
    close(): void {
      client.destroy();
    },
  };
  return store satisfies BlobStore;
}

/** The S3 blob store. */
export type S3BlobStore = ReturnType<typeof createS3BlobStore>;

function isNotFound(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
}

function isNotImplemented(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return (
    e.name === 'NotImplemented' ||
    e.$metadata?.httpStatusCode === 501 ||
    e.$metadata?.httpStatusCode === 405
  );
}
