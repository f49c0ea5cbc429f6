/**
 * Two real server processes on one PostgreSQL database (ACCESS.md: "takes effect on the next
 * request of any server instance"): a block made through A denies the very next request of the
 * professional through B. Grants are never cached, so nothing needs to be told to B.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect, testPostgresUrl } from '../../../test/test-db.ts';

const root = fileURLToPath(new URL('../../../../..', import.meta.url));
const masterKey = randomBytes(32).toString('base64');

interface Server {
  url: string;
  dataDir: string;
  child: ChildProcess;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('port')),
      );
    });
  });
}

async function startServer(databaseUrl: string, seedDemo: boolean): Promise<Server> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'carnet-access-int-'));
  const url = `http://localhost:${port}`;
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'apps/server/src/main.ts'),
      'serve',
      ...(seedDemo ? ['--seed-demo'] : []),
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        CARNET_PORT: String(port),
        CARNET_PUBLIC_URL: url,
        CARNET_DATA_DIR: dataDir,
        CARNET_DATABASE_URL: databaseUrl,
        CARNET_MASTER_KEY: masterKey,
        CARNET_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return { url, dataDir, child };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function stopServer(server: Server | undefined) {
  if (!server) return;
  if (server.child.exitCode === null) {
    const exited = new Promise((r) => server.child.once('exit', r));
    server.child.kill('SIGTERM');
    await exited;
  }
  rmSync(server.dataDir, { recursive: true, force: true });
}

/** The newest one-time code mailed to `to` by either server (each writes to its own outbox). */
async function codeFor(servers: Server[], to: string, notBefore: number): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found: Array<{ at: number; code: string }> = [];
    for (const server of servers) {
      const dir = join(server.dataDir, 'outbox');
      let files: string[] = [];
      try {
        files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
      } catch {
        // nothing sent yet
      }
      for (const file of files) {
        const mail = await simpleParser(readFileSync(join(dir, file)));
        const recipients = [mail.to]
          .flat()
          .flatMap((a) => (a ? a.value.map((v) => v.address) : []));
        const code = /\b(\d{6})\b/.exec(mail.text ?? '')?.[1];
        const at = mail.date?.getTime() ?? 0;
        if (recipients.includes(to) && code && at >= notBefore) found.push({ at, code });
      }
    }
    if (found.length > 0) return found.sort((a, b) => b.at - a.at)[0]!.code;
    if (Date.now() > deadline) throw new Error(`no code for ${to}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A cookie-keeping HTTP client of one server. */
function client(server: Server) {
  let cookie = '';
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        cookie,
        ...(method === 'GET' ? {} : { 'x-carnet-request': '1' }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const set = response.headers.getSetCookie();
    if (set.length > 0) cookie = set.map((c) => c.split(';')[0]).join('; ');
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as unknown) : null };
  };
}

async function signIn(
  servers: Server[],
  http: ReturnType<typeof client>,
  step1: { path: string; body: unknown },
  email: string,
) {
  // Mail dates have a one-second resolution.
  const notBefore = Math.floor(Date.now() / 1000) * 1000;
  expect((await http('POST', step1.path, step1.body)).status).toBe(200);
  expect((await http('POST', '/api/auth/login/code', { channel: 'email' })).status).toBe(200);
  const code = await codeFor(servers, email, notBefore);
  expect((await http('POST', '/api/auth/login/verify', { code })).status).toBe(200);
}

describe.skipIf(testDialect !== 'postgres')(
  'two server processes on one PostgreSQL (skipped on SQLite: one process owns a SQLite file)',
  () => {
    const name = `access_int_${randomBytes(4).toString('hex')}`;
    let a: Server | undefined;
    let b: Server | undefined;

    beforeAll(async () => {
      const admin = new pg.Client({ connectionString: testPostgresUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(testPostgresUrl);
      url.pathname = `/${name}`;
      // A migrates and seeds first; B then starts on the same, already migrated database.
      a = await startServer(url.toString(), true);
      b = await startServer(url.toString(), false);
    }, 200_000);

    afterAll(async () => {
      await stopServer(a);
      await stopServer(b);
      const admin = new pg.Client({ connectionString: testPostgresUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }, 60_000);

    it('a block made through server A denies the very next request of the professional through server B', async () => {
      const servers = [a!, b!];
      const inaya = client(a!);
      await signIn(
        servers,
        inaya,
        {
          path: '/api/auth/login',
          body: { identifiant: 'inaya.michel', password: 'Carnet-demo-2026' },
        },
        'i.michel@example.org',
      );
      const ndiaye = client(b!);
      await signIn(
        servers,
        ndiaye,
        {
          path: '/api/pro/auth/login',
          body: { rpps: '10000000045', password: 'Carnet-demo-2026' },
        },
        'adama.ndiaye@example.org',
      );

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
      expect(next).toEqual({
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
