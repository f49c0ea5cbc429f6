/** Starts a real Carnet server process on a free port with its own data folder. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A running server. */
export interface RunningServer {
  url: string;
  dataDir: string;
  /** The settings the server runs with (to run `carnet` commands on the same data). */
  env: Record<string, string>;
  process: ChildProcess;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Which store the browser tests run on: `CARNET_E2E_DB=postgres` for PostgreSQL. */
export const e2eDialect = process.env.CARNET_E2E_DB === 'postgres' ? 'postgres' : 'sqlite';

/** Starts `carnet serve --seed-demo` (extra settings in `options.env`) and waits for /health. */
export async function startServer(
  options: { env?: Record<string, string> } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'carnet-e2e-'));
  const url = `http://localhost:${port}`;
  let databaseUrl = '';
  let dropSchema = async () => {};
  if (e2eDialect === 'postgres') {
    const base = process.env.CARNET_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const name = `e2e_${port}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const parsed = new URL(base);
    parsed.pathname = `/${name}`;
    databaseUrl = parsed.toString();
    dropSchema = async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const env = {
    CARNET_PORT: String(port),
    CARNET_PUBLIC_URL: url,
    CARNET_DATA_DIR: dataDir,
    CARNET_DATABASE_URL: databaseUrl,
    CARNET_LOG_LEVEL: 'warn',
    ...options.env,
  };
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'apps/server/src/main.ts'), 'serve', '--seed-demo'],
    {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dataDir,
    env,
    process: child,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await dropSchema();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
