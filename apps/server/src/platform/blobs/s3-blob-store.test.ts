import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestS3 } from '../../../test/s3-server.ts';
import type { TestS3 } from '../../../test/s3-server.ts';
import { describeBlobStoreContract, failingSource, readBlob } from './blob-store.contract.ts';
import { createS3BlobStore } from './s3-blob-store.ts';
import type { S3BlobStore } from './s3-blob-store.ts';

let s3: TestS3;
let store: S3BlobStore;
beforeAll(async () => {
  s3 = await startTestS3();
  store = createS3BlobStore({
    bucket: s3.bucket,
    endpoint: s3.endpoint,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
  });
});
afterAll(async () => {
  store.close();
  await s3.close();
});

describeBlobStoreContract('S3', () => store);

describe('S3 blob store', () => {
  it('uploads a blob larger than one part as a multipart upload and reads it back', async () => {
    const data = Buffer.alloc(11 * 1024 * 1024 + 5, 7);
    data.write('head', 0);
    data.write('tail', data.length - 4);
    expect(await store.put('multi_part', Readable.from(data))).toEqual({ size: data.length });
    expect((await readBlob(await store.get('multi_part'))).equals(data)).toBe(true);
  });

  it('aborts a multipart upload whose source fails after some parts, keeping the old content', async () => {
    const before = Buffer.from('previous version');
    await store.put('multi_cut', Readable.from(before));
    await expect(store.put('multi_cut', failingSource(12 * 1024 * 1024))).rejects.toThrow(
      'client went away',
    );
    expect((await readBlob(await store.get('multi_cut'))).equals(before)).toBe(true);
    await expect(
      store.put('multi_new', failingSource(11 * 1024 * 1024, 'abort')),
    ).rejects.toThrow();
    expect(await store.exists('multi_new')).toBe(false);
  });

  it('answers the readiness probe while the endpoint runs, and not once it is down', async () => {
    expect(await store.ping()).toBe(true);
    const elsewhere = createS3BlobStore({ bucket: 'absent', endpoint: s3.endpoint });
    expect(await elsewhere.ping()).toBe(false);
    elsewhere.close();
  });
});
