/**
 * Two real server processes on one PostgreSQL database (ACCESS.md: "takes effect on the next
 * request of any server instance"): a block made through A denies the very next request of the
 * professional through B. Grants are never cached, so nothing needs to be told to B.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CarnetServer } from '../../../test/processes.ts';
import {
  INAYA,
  createPostgresDatabase,
  httpClient,
  removeTempDirs,
  signInOver,
  startCarnet,
  stopCarnet,
} from '../../../test/processes.ts';
import { testDialect } from '../../../test/test-db.ts';

const masterKey = randomBytes(32).toString('base64');

describe.skipIf(testDialect !== 'postgres')(
  'two server processes on one PostgreSQL (skipped on SQLite: one process owns a SQLite file)',
  () => {
    let database: Awaited<ReturnType<typeof createPostgresDatabase>> | undefined;
    let a: CarnetServer | undefined;
    let b: CarnetServer | undefined;

    beforeAll(async () => {
      database = await createPostgresDatabase('access_int');
      const env = { CARNET_DATABASE_URL: database.url, CARNET_MASTER_KEY: masterKey };
      // A migrates and seeds first; B then starts on the same, already migrated database.
      a = await startCarnet(env, { seedDemo: true });
      b = await startCarnet(env);
    }, 200_000);

    afterAll(async () => {
      await stopCarnet(a);
      await stopCarnet(b);
      await database?.drop();
      removeTempDirs();
    }, 60_000);

    it('a block made through server A denies the very next request of the professional through server B', async () => {
      const outboxes = [a!.dataDir, b!.dataDir];
      const inaya = httpClient(a!.url);
      await signInOver(inaya, outboxes, INAYA);
      const ndiaye = httpClient(b!.url);
      await signInOver(ndiaye, outboxes, {
        step1: {
          path: '/api/pro/auth/login',
          body: { rpps: '10000000045', password: 'Carnet-demo-2026' },
        },
        email: 'adama.ndiaye@example.org',
      });

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
      expect({ status: next.status, json: next.json }).toEqual({
        status: 404,
        json: { error: { code: 'resource.not_found', message: 'Ressource introuvable.' } },
      });

      // Débloquer through A: B still denies until a new consent.
      expect((await inaya('POST', `/api/access/professionals/${psId}/unblock`)).status).toBe(200);
      expect((await ndiaye('GET', `/api/pro/patients/${patientId}`)).status).toBe(404);
      expect(
        (await ndiaye('POST', `/api/pro/patients/${patientId}/consent`, { patientConsents: true }))
          .status,
      ).toBe(200);
      expect((await ndiaye('GET', `/api/pro/patients/${patientId}`)).status).toBe(200);
    }, 120_000);
  },
);
