/**
 * SECURITY.md "Durability": a server killed with SIGKILL during uploads leaves every document
 * either whole (its download matches its SHA-256) or absent, every acknowledged upload survives,
 * and `carnet check` finds nothing wrong. Runs real `carnet serve` processes on SQLite or PostgreSQL.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { testDialect, testPostgresUrl } from '../../../test/test-db.ts';
import { multipart, pdfOfSize } from './documents.test-support.ts';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const main = join(root, 'apps/server/src/main.ts');

let dataDir: string;
let env: Record<string, string>;
let dropDatabase = async () => {};
let server: ChildProcess | undefined;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function carnet(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', main, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

async function startServer(): Promise<ChildProcess> {
  const child = carnet(['serve', '--seed-demo']);
  child.stdout?.resume();
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${env.CARNET_PUBLIC_URL}/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function newestCode(to: string, after: number): Promise<string> {
  const dir = join(dataDir, 'outbox');
  for (let i = 0; i < 100; i++) {
    let files: string[] = [];
    try {
      files = readdirSync(dir)
        .filter((f) => f.endsWith('.eml'))
        .sort();
    } catch {
      // the outbox folder appears with the first message
    }
    for (const file of files.slice(after).reverse()) {
      const mail = await simpleParser(readFileSync(join(dir, file)));
      const recipients = [mail.to].flat().flatMap((a) => (a ? a.value.map((v) => v.address) : []));
      const code = recipients.includes(to) ? /\b(\d{6})\b/.exec(mail.text ?? '')?.[1] : undefined;
      if (code) return code;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no code in the outbox');
}

/** Signs the demo patient in over HTTP; returns the cookie header. */
async function signInDemo(): Promise<string> {
  const base = env.CARNET_PUBLIC_URL;
  let cookie = '';
  const call = async (path: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-carnet-request': '1', cookie },
      body: JSON.stringify(body),
    });
    const set = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
    if (set.length > 0) cookie = set.join('; ');
    if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  };
  let count = 0;
  try {
    count = readdirSync(join(dataDir, 'outbox')).filter((f) => f.endsWith('.eml')).length;
  } catch {
    // no outbox yet
  }
  await call('/api/auth/login', { identifiant: 'inaya.michel', password: 'Carnet-demo-2026' });
  await call('/api/auth/login/code', { channel: 'email' });
  await call('/api/auth/login/verify', { code: await newestCode('i.michel@example.org', count) });
  return cookie;
}

/** One multipart upload over its own connection; rejects when the connection dies. */
function postUpload(cookie: string, title: string, data: Buffer): Promise<number> {
  const body = multipart([
    { name: 'title', value: title },
    { name: 'date', value: '2026-01-15' },
    { name: 'category', value: 'AUTR_DOC' },
    { name: 'file', filename: `${title}.pdf`, contentType: 'application/pdf', data },
  ]);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${env.CARNET_PUBLIC_URL}/api/documents`,
      {
        method: 'POST',
        agent: false,
        headers: {
          cookie,
          'x-carnet-request': '1',
          'content-type': body.contentType,
          'content-length': String(body.payload.length),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.setTimeout(60_000, () => request.destroy(new Error('timeout')));
    request.on('error', reject);
    request.end(body.payload);
  });
}

beforeAll(async () => {
  const port = await freePort();
  dataDir = mkdtempSync(join(tmpdir(), 'carnet-crash-'));
  let databaseUrl = '';
  if (testDialect === 'postgres') {
    const name = `crash_${port}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: testPostgresUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(testPostgresUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: testPostgresUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  env = {
    CARNET_PORT: String(port),
    CARNET_PUBLIC_URL: `http://localhost:${port}`,
    CARNET_DATA_DIR: dataDir,
    CARNET_DATABASE_URL: databaseUrl,
    CARNET_LOG_LEVEL: 'error',
  };
}, 30_000);

afterAll(async () => {
  server?.kill('SIGKILL');
  await dropDatabase();
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

test('a server killed with SIGKILL during 20 uploads loses nothing it acknowledged and keeps nothing half-written', async () => {
  server = await startServer();
  const cookie = await signInDemo();
  const files = Array.from({ length: 20 }, (_, i) => {
    const data = pdfOfSize((1 + (i % 4)) * 1024 * 1024 + i, i + 1);
    return { title: `Crash ${i}`, data, sha256: createHash('sha256').update(data).digest('hex') };
  });
  const acknowledged = new Set<string>();
  const uploads = files.map(async (file) => {
    const status = await postUpload(cookie, file.title, file.data);
    if (status !== 201) throw new Error(`upload answered ${status}`);
    acknowledged.add(file.title);
  });
  // Kill once a few uploads are acknowledged and others are still streaming.
  for (let i = 0; i < 600 && acknowledged.size < 3; i++)
    await new Promise((r) => setTimeout(r, 10));
  server.kill('SIGKILL');
  const settled = await Promise.allSettled(uploads);
  expect(settled.some((s) => s.status === 'rejected')).toBe(true); // the kill did cut uploads
  await new Promise<void>((resolve) =>
    server!.exitCode !== null ? resolve() : server!.once('exit', () => resolve()),
  );

  server = await startServer();
  const base = env.CARNET_PUBLIC_URL;
  const list = (await (
    await fetch(`${base}/api/documents?q=crash`, { headers: { cookie } })
  ).json()) as {
    items: Array<{ id: string; title: string }>;
  };
  const found = new Map(list.items.map((d) => [d.title, d.id]));
  for (const title of acknowledged)
    expect(found.has(title), `${title} was acknowledged`).toBe(true);
  for (const [title, id] of found) {
    const expected = files.find((f) => f.title === title)!;
    const res = await fetch(`${base}/api/documents/${id}/download`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const hash = createHash('sha256')
      .update(Buffer.from(await res.arrayBuffer()))
      .digest('hex');
    expect(hash, `${title} is whole`).toBe(expected.sha256);
  }
  server.kill('SIGTERM');
  await new Promise<void>((resolve) =>
    server!.exitCode !== null ? resolve() : server!.once('exit', () => resolve()),
  );
  server = undefined;

  const check = carnet(['check', '--deep']);
  let output = '';
  check.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => check.once('exit', resolve));
  expect(output).toContain('No incident.');
  expect(output).toContain('Versions without their blob: 0');
  expect(code).toBe(0);
}, 240_000);
