/**
 * Real `carnet` processes for integration tests: start `serve` on a free port, run a command,
 * sign in over HTTP with the one-time code read from the outbox folder, upload and download.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import pg from 'pg';
import { multipart } from '../src/modules/documents/documents.test-support.ts';
import { testPostgresUrl } from './test-db.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const main = join(root, 'apps/server/src/main.ts');

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
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

const temps: string[] = [];

/** A fresh temp folder; removed by `removeTempDirs()`. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** Removes every folder made by `tempDir`. */
export function removeTempDirs(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

const quiet = {
  CARNET_LOG_LEVEL: 'error',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  NODE_NO_WARNINGS: '1',
};

/** Spawns `carnet <args>` with `env` added to this process's environment. */
export function spawnCarnet(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', main, ...args], {
    cwd: root,
    env: { ...process.env, ...quiet, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs a `carnet` command to its end; its exit code and output. */
export async function runCarnet(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnCarnet(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr };
}

/** A running `carnet serve`. */
export interface CarnetServer {
  url: string;
  dataDir: string;
  env: Record<string, string>;
  child: ChildProcess;
  /** Everything it wrote to stderr. */
  stderr(): string;
}

/** Starts `carnet serve` on a free port with `env` (CARNET_DATA_DIR defaults to a temp folder). */
export async function startCarnet(
  env: Record<string, string>,
  options: { seedDemo?: boolean } = {},
): Promise<CarnetServer> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const full = {
    CARNET_DATA_DIR: env.CARNET_DATA_DIR ?? tempDir('carnet-int-'),
    ...env,
    CARNET_PORT: String(port),
    CARNET_PUBLIC_URL: url,
  };
  const child = spawnCarnet(['serve', ...(options.seedDemo ? ['--seed-demo'] : [])], full);
  let stderr = '';
  child.stdout?.resume();
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${url}/ready`)).ok)
        return { url, dataDir: full.CARNET_DATA_DIR, env: full, child, stderr: () => stderr };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('server did not start');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Sends `signal` and resolves with the exit code once the process is gone. */
export async function stopCarnet(
  server: { child: ChildProcess } | undefined,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<number | null> {
  if (!server) return null;
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.kill(signal);
  return exited;
}

/** A new PostgreSQL database for one test file; `drop()` removes it. */
export async function createPostgresDatabase(prefix: string) {
  const name = `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(testPostgresUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: testPostgresUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** The newest six-digit code e-mailed to `to` at or after `notBefore`, from any of the outboxes. */
async function codeFor(dataDirs: string[], to: string, notBefore: number): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found: Array<{ at: number; code: string }> = [];
    for (const dataDir of dataDirs) {
      const dir = join(dataDir, 'outbox');
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

/** A cookie-keeping HTTP client of one server (the cookie may be moved to another server). */
export function httpClient(base: string, cookie = '') {
  const state = { base, cookie };
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${state.base}${path}`, {
      method,
      headers: {
        cookie: state.cookie,
        ...(method === 'GET' ? {} : { 'x-carnet-request': '1' }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const set = response.headers.getSetCookie();
    if (set.length > 0) state.cookie = set.map((c) => c.split(';')[0]).join('; ');
    const bytes = Buffer.from(await response.arrayBuffer());
    const isJson = response.headers.get('content-type')?.includes('json') ?? false;
    return {
      status: response.status,
      bytes,
      json: isJson && bytes.length > 0 ? (JSON.parse(bytes.toString('utf8')) as unknown) : null,
    };
  };
  return Object.assign(call, { state });
}

/** An HTTP client. */
export type HttpClient = ReturnType<typeof httpClient>;

/** Demo accounts. */
export const INAYA = {
  step1: {
    path: '/api/auth/login',
    body: { identifiant: 'inaya.michel', password: 'Carnet-demo-2026' },
  },
  email: 'i.michel@example.org',
};

/** Signs in through `http` (steps 1–3), reading the code from the outboxes of `dataDirs`. */
export async function signInOver(
  http: HttpClient,
  dataDirs: string[],
  who: { step1: { path: string; body: unknown }; email: string } = INAYA,
): Promise<void> {
  // Mail dates have a one-second resolution.
  const notBefore = Math.floor(Date.now() / 1000) * 1000;
  const steps = [
    await http('POST', who.step1.path, who.step1.body),
    await http('POST', '/api/auth/login/code', { channel: 'email' }),
  ];
  for (const step of steps) if (step.status !== 200) throw new Error(`sign-in: ${step.status}`);
  const code = await codeFor(dataDirs, who.email, notBefore);
  const verify = await http('POST', '/api/auth/login/verify', { code });
  if (verify.status !== 200) throw new Error(`sign-in verify: ${verify.status}`);
}

/** One multipart upload over its own connection; resolves with the status and the JSON body. */
export function uploadOver(
  base: string,
  cookie: string,
  file: { title: string; data: Buffer; fileName?: string; contentType?: string },
): Promise<{ status: number; json: unknown }> {
  const body = multipart([
    { name: 'title', value: file.title },
    { name: 'date', value: '2026-01-15' },
    { name: 'category', value: 'AUTR_DOC' },
    {
      name: 'file',
      filename: file.fileName ?? 'examen.pdf',
      contentType: file.contentType ?? 'application/pdf',
      data: file.data,
    },
  ]);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${base}/api/documents`,
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
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = null;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            json = text;
          }
          resolve({ status: response.statusCode ?? 0, json });
        });
        response.on('error', reject);
      },
    );
    request.setTimeout(60_000, () => request.destroy(new Error('timeout')));
    request.on('error', reject);
    request.end(body.payload);
  });
}
