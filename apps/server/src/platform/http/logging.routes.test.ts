import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { parseConfig } from '../../config/config.schema.ts';
import { createDeps } from '../../deps.ts';
import { givenActivePatient } from '../../../test/builders.ts';
import {
  TEST_MASTER_KEY,
  createClient,
  createTestApp,
  lastCodeSentTo,
} from '../../../test/test-app.ts';
import { openDatabase } from '../db/database.ts';
import { loadKeyring } from '../crypto/keyring.ts';

describe('logs', () => {
  it('carry no password, one-time code, session cookie or contact data through a whole sign-in', async () => {
    const t = await createTestApp();
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const app = await buildApp(t.deps, { logger: { level: 'trace', stream } });
    try {
      const inaya = await givenActivePatient(t);
      const client = createClient(app);
      await client.post('/api/auth/login', {
        identifiant: inaya.identifiant,
        password: inaya.password,
      });
      await client.post('/api/auth/login/code', { channel: 'email' });
      const code = await lastCodeSentTo(t.deps, inaya.email);
      await client.post('/api/auth/login/verify', { code });
      await client.post('/api/auth/login/verify', { code: '000000' });
      await client.get('/api/me');
      const session = [...client.cookies.values()][0]!;
      const log = lines.join('');
      expect(lines.length).toBeGreaterThan(5);
      for (const secret of [inaya.password, code, session, inaya.email, inaya.ins, 'Michel'])
        expect(log).not.toContain(secret);
    } finally {
      await app.close();
      await t.close();
    }
  });
});

describe('database outage', () => {
  it('answers 503 with the error shape while the database is unreachable, and the readiness probe says so', async () => {
    // A port nothing listens on: every query fails to connect, as during a PostgreSQL restart.
    const database = openDatabase({ postgresUrl: 'postgres://postgres@127.0.0.1:1/test' });
    const config = parseConfig({
      CARNET_MASTER_KEY: TEST_MASTER_KEY,
      CARNET_DATA_DIR: '/nonexistent-test-dir',
    });
    const deps = createDeps(config, {
      database,
      keyring: loadKeyring({ masterKey: TEST_MASTER_KEY, dataDir: '/nonexistent-test-dir' }),
    });
    const app = await buildApp(deps);
    try {
      // Liveness does not depend on the database; readiness does.
      expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
      const ready = await app.inject({ method: 'GET', url: '/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ status: 'unavailable', database: false });
      const login = await createClient(app).post('/api/auth/login', {
        identifiant: 'inaya.michel',
        password: 'Carnet-demo-2026',
      });
      expect(login.statusCode).toBe(503);
      expect(login.json()).toEqual({
        error: { code: 'service.unavailable', message: expect.any(String) },
      });
    } finally {
      await app.close();
      await database.close();
    }
  });
});
