/**
 * PostgreSQL going away under load (a TCP proxy between the server and PostgreSQL is cut, then
 * restored; the machine's PostgreSQL is never touched): reads and uploads answer clean 503s with
 * the error shape, the readiness probe says so, no acknowledged document is lost, no row is left
 * without its file, and the server recovers by itself once the database is back.
 */
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createPostgresDatabase,
  httpClient,
  removeTempDirs,
  runCarnet,
  signInOver,
  startCarnet,
  stopCarnet,
  uploadOver,
} from '../../test/processes.ts';
import type { CarnetServer } from '../../test/processes.ts';
import { startTcpProxy } from '../../test/tcp-proxy.ts';
import type { TcpProxy } from '../../test/tcp-proxy.ts';
import { testDialect, testPostgresUrl } from '../../test/test-db.ts';
import { pdfOfSize } from '../modules/documents/documents.test-support.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const unavailable = {
  error: { code: 'service.unavailable', message: expect.stringContaining('indisponible') },
};

describe.skipIf(testDialect !== 'postgres')(
  'PostgreSQL cut during uploads and reads (skipped on SQLite: no network between them)',
  () => {
    let proxy: TcpProxy | undefined;
    let server: CarnetServer | undefined;
    let drop = async () => {};
    afterAll(async () => {
      await stopCarnet(server, 'SIGKILL');
      await proxy?.close();
      await drop();
      removeTempDirs();
    }, 30_000);

    it('answers 503s while cut, loses nothing acknowledged, and recovers by itself', async () => {
      const database = await createPostgresDatabase('outage');
      drop = database.drop;
      const target = new URL(testPostgresUrl);
      proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
      const viaProxy = new URL(database.url);
      viaProxy.port = String(proxy.port);
      const env = { CARNET_DATABASE_URL: viaProxy.toString() };
      server = await startCarnet(env, { seedDemo: true });
      const base = server.url;
      const inaya = httpClient(base);
      await signInOver(inaya, [server.dataDir]);
      const cookie = inaya.state.cookie;

      const acknowledged = new Map<string, string>(); // id → SHA-256
      const statuses: number[] = [];
      const bodies: unknown[] = [];
      const oneUpload = async (i: number) => {
        const data = pdfOfSize(400_000 + i, 100 + i);
        const res = await uploadOver(base, cookie, { title: `Panne ${i}`, data });
        statuses.push(res.status);
        if (res.status === 201) acknowledged.set((res.json as { id: string }).id, sha256(data));
        else bodies.push(res.json);
      };
      const oneRead = async () => {
        const res = await inaya('GET', '/api/documents');
        statuses.push(res.status);
        if (res.status !== 200) bodies.push(res.json);
      };

      // Load before, during and after the cut: uploads and reads in parallel.
      const load = (from: number) =>
        Promise.all([
          ...Array.from({ length: 6 }, (_, i) => oneUpload(from + i)),
          ...Array.from({ length: 6 }, () => oneRead()),
        ]);
      await load(0);
      const during = load(10);
      await proxy.cut();
      await during;
      // Certainly cut now: a read and an upload both answer 503 with the error shape.
      const read = await inaya('GET', '/api/documents');
      expect(read.status).toBe(503);
      expect(read.json).toEqual(unavailable);
      const upload = await uploadOver(base, cookie, {
        title: 'Pendant la panne',
        data: pdfOfSize(300_000, 7),
      });
      expect(upload.status).toBe(503);
      expect(upload.json).toEqual(unavailable);
      expect((await fetch(`${base}/ready`)).status).toBe(503);
      expect((await fetch(`${base}/health`)).status).toBe(200);

      // Every failure was a clean 503 in the API's shape: never a 500, never a hang.
      for (const status of statuses) expect([200, 201, 503]).toContain(status);
      for (const body of bodies) expect(body).toEqual(unavailable);

      await proxy.restore();
      // The server recovers by itself: no restart, it reconnects on its own.
      for (let i = 0; (await fetch(`${base}/ready`)).status !== 200; i++) {
        if (i > 100) throw new Error('the server did not recover');
        await new Promise((r) => setTimeout(r, 100));
      }
      await load(20);
      expect(statuses.slice(-12).every((s) => s === 200 || s === 201)).toBe(true);

      // Nothing acknowledged is lost, every file is whole.
      for (const [id, hash] of acknowledged) {
        const download = await inaya('GET', `/api/documents/${id}/download`);
        expect(download.status).toBe(200);
        expect(sha256(download.bytes)).toBe(hash);
      }
      const dataDir = server.dataDir;
      expect(await stopCarnet(server)).toBe(0);
      server = undefined;
      // No row without its file (uploads cut before their commit leave at most orphan files).
      const check = await runCarnet(['check'], { ...env, CARNET_DATA_DIR: dataDir });
      expect(check.stdout).toContain('Versions without their blob: 0');
      expect(check.code).toBe(0);
    }, 240_000);
  },
);
