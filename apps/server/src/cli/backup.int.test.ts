/**
 * `carnet backup` while a server serves and uploads keep coming, then `carnet restore` into a new
 * folder and a server on it: every document decrypts to its original bytes, every trace chain
 * verifies, and the demo patient signs in. The embedded store only (SQLite + files).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  httpClient,
  removeTempDirs,
  runCarnet,
  signInOver,
  startCarnet,
  stopCarnet,
  tempDir,
  uploadOver,
} from '../../test/processes.ts';
import type { CarnetServer } from '../../test/processes.ts';
import { testDialect } from '../../test/test-db.ts';
import { pdfOfSize } from '../modules/documents/documents.test-support.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.skipIf(testDialect !== 'sqlite')(
  'backup and restore of the embedded store (SQLite only: PostgreSQL uses pg_dump)',
  () => {
    let server: CarnetServer | undefined;
    afterAll(async () => {
      await stopCarnet(server, 'SIGKILL');
      removeTempDirs();
    }, 30_000);

    it('backs up while serving, restores into a fresh folder, and the restored server has everything', async () => {
      const dataDir = tempDir('carnet-backup-src-');
      server = await startCarnet({ CARNET_DATA_DIR: dataDir }, { seedDemo: true });
      const inaya = httpClient(server.url);
      const firstCodeAt = Date.now();
      await signInOver(inaya, [dataDir]);

      const sent = new Map<string, string>(); // title → SHA-256 of the bytes
      for (let i = 0; i < 3; i++) {
        const data = pdfOfSize(300_000 + i, 40 + i);
        const res = await uploadOver(server.url, inaya.state.cookie, { title: `Avant ${i}`, data });
        expect(res.status).toBe(201);
        sent.set(`Avant ${i}`, sha256(data));
      }
      // Uploads keep coming while the backup runs: it must stay consistent.
      let writing = true;
      const during = (async () => {
        for (let i = 0; writing && i < 20; i++) {
          const data = pdfOfSize(200_000 + i, 60 + i);
          const res = await uploadOver(server.url, inaya.state.cookie, {
            title: `Pendant ${i}`,
            data,
          });
          if (res.status === 201) sent.set(`Pendant ${i}`, sha256(data));
        }
      })();
      const file = join(tempDir('carnet-backup-out-'), 'carnet.backup');
      const backup = await runCarnet(['backup', '--out', file], { CARNET_DATA_DIR: dataDir });
      writing = false;
      await during;
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
      expect(backup.stdout).toContain('key files: master.key');
      expect(await stopCarnet(server)).toBe(0);
      server = undefined;

      // A second backup to the same file is refused; so is a restore into a non-empty folder.
      expect((await runCarnet(['backup', '--out', file], { CARNET_DATA_DIR: dataDir })).code).toBe(
        1,
      );
      const refused = await runCarnet(['restore', '--from', file], { CARNET_DATA_DIR: dataDir });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('not empty');

      const restored = join(tempDir('carnet-backup-dst-'), 'data');
      const env = { CARNET_DATA_DIR: restored };
      const restore = await runCarnet(['restore', '--from', file], env);
      expect(restore.stderr).toBe('');
      expect(restore.code).toBe(0);

      const check = await runCarnet(['check', '--deep'], env);
      expect(check.stdout).toContain('Versions that do not decrypt or match their SHA-256: 0');
      expect(check.stdout).toContain('Versions without their blob: 0');
      expect(check.code).toBe(0);
      const traces = await runCarnet(['traces', 'verify'], env);
      expect(traces.stdout).toContain('Every chain is intact.');
      expect(traces.code).toBe(0);

      server = await startCarnet(env);
      const again = httpClient(server.url);
      // The restored database remembers the first sign-in's code: a new code is only sent 30 s
      // after it (SECURITY.md), so a fast run waits for that before signing in again.
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, firstCodeAt + 31_000 - Date.now())),
      );
      await signInOver(again, [restored]);
      const items: Array<{ id: string; title: string }> = [];
      for (let page = 1; ; page++) {
        const list = (await again('GET', `/api/documents?page=${page}`)).json as {
          items: Array<{ id: string; title: string }>;
        };
        items.push(...list.items);
        if (list.items.length < 50) break;
      }
      const byTitle = new Map(items.map((d) => [d.title, d.id]));
      // Every upload acknowledged before the backup began is in it, byte for byte.
      for (let i = 0; i < 3; i++) expect(byTitle.has(`Avant ${i}`)).toBe(true);
      expect(items.length).toBeGreaterThanOrEqual(12 + 3); // the demo's documents and ours
      for (const { id, title } of items) {
        const download = await again('GET', `/api/documents/${id}/download`);
        expect(download.status, title).toBe(200);
        if (sent.has(title)) expect(sha256(download.bytes), title).toBe(sent.get(title));
      }
      expect(await stopCarnet(server)).toBe(0);
      server = undefined;
    }, 240_000);
  },
);
