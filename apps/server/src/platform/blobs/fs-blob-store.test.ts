import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../clock.ts';
import { describeBlobStoreContract, failingSource, readBlob } from './blob-store.contract.ts';
import { TEMP_PREFIX, createFsBlobStore } from './fs-blob-store.ts';

const roots: string[] = [];
async function freshRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'carnet-blobs-'));
  roots.push(root);
  return root;
}
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

/** Every file (not folder) under `root`, relative paths. */
async function filesUnder(root: string, dir = root): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(root, path)));
    else files.push(relative(root, path));
  }
  return files;
}

describeBlobStoreContract('file-system', async () =>
  createFsBlobStore({ root: await freshRoot() }),
);

describe('file-system blob store', () => {
  it('lays a blob out under a two-level fan-out of its key hash, readable by the owner only', async () => {
    const root = await freshRoot();
    await createFsBlobStore({ root }).put('pat_a/doc_b/v1', Readable.from(Buffer.from('x')));
    const files = await filesUnder(root);
    expect(files).toHaveLength(1);
    expect(files[0]!.split(sep)).toEqual([
      expect.stringMatching(/^[0-9a-f]{2}$/),
      expect.stringMatching(/^[0-9a-f]{2}$/),
      'pat_a+doc_b+v1',
    ]);
    if (process.platform !== 'win32') {
      expect((await stat(join(root, files[0]!))).mode & 0o777).toBe(0o600);
    }
  });

  it('leaves no file at all, not even a temp file, when the source errors midway', async () => {
    const root = await freshRoot();
    const store = createFsBlobStore({ root });
    await expect(store.put('doc_cut', failingSource(300_000))).rejects.toThrow('client went away');
    expect(await filesUnder(root)).toEqual([]);
  });

  it('leaves no file at all when the source is aborted without an error', async () => {
    const root = await freshRoot();
    const store = createFsBlobStore({ root });
    await expect(store.put('doc_cut', failingSource(300_000, 'abort'))).rejects.toThrow();
    expect(await filesUnder(root)).toEqual([]);
  });

  it('leaves no file when the source yields something other than bytes', async () => {
    const root = await freshRoot();
    const store = createFsBlobStore({ root });
    const objects = Readable.from([Buffer.from('ok'), { not: 'bytes' }]);
    await expect(store.put('doc_bad', objects)).rejects.toThrow(TypeError);
    expect(await filesUnder(root)).toEqual([]);
  });

  it('lets readers see the whole previous content while an overwrite is still streaming', async () => {
    const store = createFsBlobStore({ root: await freshRoot() });
    const before = randomBytes(200_000);
    await store.put('doc_x', Readable.from(before));
    const source = new PassThrough();
    const writing = store.put('doc_x', source);
    source.write(randomBytes(100_000));
    await new Promise((done) => setTimeout(done, 20));
    expect((await readBlob(await store.get('doc_x'))).equals(before)).toBe(true);
    source.end(Buffer.from('tail'));
    await writing;
    expect((await readBlob(await store.get('doc_x'))).length).toBe(100_004);
  });

  it('keeps serving the old content to a reader opened before an overwrite', async () => {
    const store = createFsBlobStore({ root: await freshRoot() });
    const before = randomBytes(300_000);
    await store.put('doc_y', Readable.from(before));
    const reader = await store.get('doc_y');
    await store.put('doc_y', Readable.from(Buffer.from('new')));
    expect((await readBlob(reader)).equals(before)).toBe(true);
  });

  it('does not list the temp file of a put in progress', async () => {
    const store = createFsBlobStore({ root: await freshRoot() });
    await store.put('doc_done', Readable.from(Buffer.from('x')));
    const source = new PassThrough();
    const writing = store.put('doc_pending', source);
    source.write(Buffer.alloc(1000));
    await new Promise((done) => setTimeout(done, 20));
    const keys = [];
    for await (const entry of store.list()) keys.push(entry.key);
    expect(keys).toEqual(['doc_done']);
    source.end();
    await writing;
  });

  it('sweeps temp files older than the threshold and keeps recent ones and blobs', async () => {
    const root = await freshRoot();
    const clock = createManualClock(new Date());
    const store = createFsBlobStore({ root, clock });
    await store.put('doc_kept', Readable.from(Buffer.from('x')));
    const [dir] = (await filesUnder(root)).map((file) => join(root, file, '..'));
    const stale = join(dir!, `${TEMP_PREFIX}stale`);
    const fresh = join(dir!, `${TEMP_PREFIX}fresh`);
    await writeFile(stale, 'orphan of a crash');
    await writeFile(fresh, 'a put still streaming');
    const twoHoursAgo = new Date(clock.now().getTime() - 2 * 3600_000);
    await utimes(stale, twoHoursAgo, twoHoursAgo);
    expect(await store.sweepTemp(3600_000)).toBe(1);
    expect((await filesUnder(root)).map((file) => file.split(sep).at(-1)).sort()).toEqual([
      `${TEMP_PREFIX}fresh`,
      'doc_kept',
    ]);
  });

  it('lists nothing and sweeps nothing in a root that does not exist yet', async () => {
    const store = createFsBlobStore({ root: join(await freshRoot(), 'not-yet') });
    const entries = [];
    for await (const entry of store.list()) entries.push(entry);
    expect(entries).toEqual([]);
    expect(await store.sweepTemp(0)).toBe(0);
  });
});
