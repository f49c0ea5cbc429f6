/**
 * Two real `carnet serve` processes on one PostgreSQL database and one S3 endpoint (s3rver), as
 * behind a load balancer: sessions, documents and access rules live in shared stores, so any
 * server answers any request; the job and outbox workers of both never process one item twice.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPostgresDatabase,
  httpClient,
  removeTempDirs,
  signInOver,
  startCarnet,
  stopCarnet,
  uploadOver,
} from '../../test/processes.ts';
import type { CarnetServer } from '../../test/processes.ts';
import { startTestS3 } from '../../test/s3-server.ts';
import type { TestS3 } from '../../test/s3-server.ts';
import { testDialect } from '../../test/test-db.ts';
import { TEST_MASTER_KEY } from '../../test/test-app.ts';
import { pdfBytes, pdfOfSize } from '../modules/documents/documents.test-support.ts';
import { systemClock } from '../platform/clock.ts';
import { loadKeyring } from '../platform/crypto/keyring.ts';
import { createIdGenerator } from '../platform/crypto/secrets.ts';
import { openDatabase } from '../platform/db/database.ts';
import { createOutbox } from '../platform/mail/outbox.ts';

const NDIAYE = {
  step1: {
    path: '/api/pro/auth/login',
    body: { rpps: '10000000045', password: 'Carnet-demo-2026' },
  },
  email: 'adama.ndiaye@example.org',
};

describe.skipIf(testDialect !== 'postgres')(
  'two servers on one PostgreSQL and one S3 (skipped on SQLite: one process owns a SQLite file)',
  () => {
    let s3: TestS3;
    let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
    let a: CarnetServer | undefined;
    let b: CarnetServer | undefined;
    let env: Record<string, string>;

    beforeAll(async () => {
      s3 = await startTestS3();
      database = await createPostgresDatabase('cluster');
      env = { ...s3.env, CARNET_DATABASE_URL: database.url, CARNET_MASTER_KEY: TEST_MASTER_KEY };
      // A migrates and seeds first; B then starts on the same, already migrated database.
      a = await startCarnet(env, { seedDemo: true });
      b = await startCarnet(env);
    }, 200_000);

    afterAll(async () => {
      await Promise.all([stopCarnet(a), stopCarnet(b)]);
      await database?.drop();
      await s3?.close();
      removeTempDirs();
    }, 60_000);

    const outboxes = () => [a!.dataDir, b!.dataDir];
    /** Inaya's session, opened once (sending codes is throttled per account). */
    let inayaCookie = '';

    it('a session opened on A works on B, and an upload through A downloads byte-identical through B', async () => {
      const onA = httpClient(a!.url);
      await signInOver(onA, outboxes());
      inayaCookie = onA.state.cookie;
      const onB = httpClient(b!.url, onA.state.cookie);
      expect((await onB('GET', '/api/me')).status).toBe(200);

      const data = pdfOfSize(2 * 1024 * 1024 + 3, 11);
      const added = await uploadOver(a!.url, onA.state.cookie, { title: 'Partagé', data });
      expect(added.status).toBe(201);
      const id = (added.json as { id: string }).id;
      const download = await onB('GET', `/api/documents/${id}/download`);
      expect(download.status).toBe(200);
      expect(download.bytes.equals(data)).toBe(true);
      // The file is in the bucket, not in either server's data folder.
      expect(readdirSync(a!.dataDir)).not.toContain('blobs');
      expect(readdirSync(b!.dataDir)).not.toContain('blobs');
    }, 120_000);

    it("a block made on A denies the professional's very next request on B", async () => {
      const inaya = httpClient(a!.url, inayaCookie);
      const ndiaye = httpClient(b!.url);
      await signInOver(ndiaye, outboxes(), NDIAYE);
      const found = await ndiaye('POST', '/api/pro/patients/search', {
        ins: '288047512345617',
        birthDate: '1988-04-12',
      });
      expect(found.status).toBe(200);
      const patientId = (found.json as { patientId: string }).patientId;
      expect((await ndiaye('GET', `/api/pro/patients/${patientId}`)).status).toBe(200);
      const list = (await inaya('GET', '/api/access/professionals')).json as {
        authorized: Array<{ professional: { id: string; rpps: string } }>;
      };
      const psId = list.authorized.find((e) => e.professional.rpps === '10000000045')!.professional
        .id;
      expect((await inaya('POST', `/api/access/professionals/${psId}/block`)).status).toBe(200);
      const next = await ndiaye('GET', `/api/pro/patients/${patientId}`);
      expect(next.status).toBe(404);
      expect(next.json).toEqual({
        error: { code: 'resource.not_found', message: 'Ressource introuvable.' },
      });
    }, 120_000);

    it('the preview jobs and the outbox messages are each processed once, by one server or the other', async () => {
      const inaya = httpClient(a!.url, inayaCookie);
      const cookie = inayaCookie;
      // Uploads through both servers at once: both job workers are woken with work to take.
      const files = await Promise.all(
        Array.from({ length: 8 }, (_, i) => pdfBytes(`Compte rendu ${i}`)),
      );
      const uploads = await Promise.all(
        files.map((data, i) =>
          uploadOver((i % 2 ? b! : a!).url, cookie, { title: `Job ${i}`, data }),
        ),
      );
      for (const upload of uploads) expect(upload.status).toBe(201);
      const ids = uploads.map((u) => (u.json as { id: string }).id);

      // 40 messages committed at once, with both outbox workers polling.
      const handle = openDatabase({ postgresUrl: database.url, poolSize: 1 });
      const ids2 = createIdGenerator();
      const outbox = createOutbox({
        clock: systemClock,
        newId: (p) => ids2.newId(p),
        sealKey: loadKeyring({ masterKey: TEST_MASTER_KEY, dataDir: '/nonexistent' }).deriveKey(
          'carnet/outbox',
        ),
      });
      const texts = Array.from({ length: 40 }, (_, i) => `Message de test ${i} ${Date.now()}`);
      await handle.db.transaction().execute(async (trx) => {
        for (const text of texts)
          await outbox.enqueue(trx, { channel: 'sms', to: '+33611121314', text });
      });

      const deadline = Date.now() + 60_000;
      for (;;) {
        const pendingJobs = await handle.db
          .selectFrom('jobs')
          .select('id')
          .where('type', '=', 'document.preview')
          .execute();
        const unsent = await handle.db
          .selectFrom('outbox')
          .select('id')
          .where('sent_at', 'is', null)
          .execute();
        if (pendingJobs.length === 0 && unsent.length === 0) break;
        if (Date.now() > deadline) throw new Error('workers did not finish');
        await new Promise((r) => setTimeout(r, 250));
      }
      await handle.close();

      for (const id of ids) {
        const preview = (await inaya('GET', `/api/documents/${id}/preview`)).json as {
          status: string;
        };
        expect(preview.status).toBe('ready');
      }
      // Each version's thumbnail was stored exactly once: no preview job ran twice.
      const thumbnails = s3.requests.filter((r) => /^PUT \/[^?]*\/thumbnail(\?|$)/.test(r));
      const perKey = new Map<string, number>();
      for (const r of thumbnails) {
        const key = r.split(' ')[1]!.split('?')[0]!;
        perKey.set(key, (perKey.get(key) ?? 0) + 1);
      }
      expect(perKey.size).toBeGreaterThanOrEqual(ids.length);
      expect([...perKey.values()].every((n) => n === 1)).toBe(true);

      // Each message was written exactly once, across both servers' outboxes.
      const written: string[] = [];
      for (const dir of outboxes()) {
        const outboxDir = join(dir, 'outbox');
        for (const file of readdirSync(outboxDir).filter((f) => f.endsWith('.txt')))
          written.push(readFileSync(join(outboxDir, file), 'utf8'));
      }
      for (const text of texts)
        expect(written.filter((w) => w.includes(text)).length, text).toBe(1);
    }, 180_000);
  },
);
