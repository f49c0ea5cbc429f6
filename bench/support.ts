/** What the benchmark modules share: the registry's types, the bench server, load and statistics. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Interface } from 'node:readline';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

/** The repository root. */
export const root = fileURLToPath(new URL('..', import.meta.url));

/** One line of the results table. */
export interface BenchRow {
  id: string;
  what: string;
  /** The measured figure, with its unit. */
  value: string;
  /** The ceiling measured in the same run, with its unit ('' when the target is absolute). */
  ceiling: string;
  /** The figure compared with the target (a ratio, seconds or bytes). */
  result: number;
  target: string;
  met: boolean;
  /** 1-minute load average when the figure was taken. */
  load: number;
  /** Raw figures of every round, written to the JSON. */
  details?: Record<string, unknown>;
}

/** What a benchmark receives. */
export interface BenchContext {
  /** Rounds per figure (medians are taken over them). */
  rounds: number;
  /** Seconds of load per autocannon round. */
  seconds: number;
  /** Smaller scales (B5 stops at 100 k documents). */
  quick: boolean;
  /** A scratch folder removed after the run. */
  work: string;
  /** PostgreSQL server URL (a database is created per server and dropped after). */
  postgresUrl: string;
}

/** One benchmark module, registered in run.ts. */
export interface Benchmark {
  /** The ids it reports (B1…). */
  ids: string[];
  title: string;
  run(context: BenchContext): Promise<BenchRow[]>;
}

/** Options of bench/server.ts. */
export interface ServerOptions {
  dataDir: string;
  /** PostgreSQL URL of a database of its own; absent: SQLite in dataDir. */
  postgresUrl?: string;
  /** Documents of the signed-in patient. */
  documents?: number;
}

/** What bench/server.ts prints when ready. */
export interface ServerInfo {
  carnetPort: number;
  rawPort: number;
  barePort: number;
  cookie: string;
  identifiant: string;
  password: string;
  listBytes: number;
}

/** A running bench server. */
export interface BenchServer extends ServerInfo {
  child: ChildProcess;
  /** Sends a command line and waits for its one-line answer. */
  command(value: Record<string, unknown>): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** The median of some figures. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The 1-minute load average. */
export const load1 = (): number => loadavg()[0]!;

/** Starts bench/server.ts in its own process (optionally on its own fresh PostgreSQL database). */
export async function startServer(
  context: BenchContext,
  options: Omit<ServerOptions, 'postgresUrl'> & { dialect: 'sqlite' | 'postgres' },
): Promise<BenchServer> {
  let dropDatabase = async () => undefined as void;
  const serverOptions: ServerOptions = { dataDir: options.dataDir };
  if (options.documents) serverOptions.documents = options.documents;
  if (options.dialect === 'postgres') {
    const name = `carnet_bench_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: context.postgresUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(context.postgresUrl);
    url.pathname = `/${name}`;
    serverOptions.postgresUrl = url.toString();
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: context.postgresUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    };
  }
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench/server.ts'), JSON.stringify(serverOptions)],
    { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines: Interface = createInterface({ input: child.stdout });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`bench server exited (${code})`));
      child.once('exit', onExit);
      lines.once('line', (line) => {
        child.off('exit', onExit);
        resolve(line);
      });
    });
  const info = JSON.parse(await nextLine()) as ServerInfo;
  return {
    ...info,
    child,
    async command(value) {
      const answer = nextLine();
      child.stdin.write(`${JSON.stringify(value)}\n`);
      return JSON.parse(await answer) as Record<string, unknown>;
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
      await dropDatabase();
    },
  };
}

/** Result of one autocannon round. */
export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

/** One autocannon round: `connections` keep-alive connections for `seconds`. */
export async function hammer(options: {
  url: string;
  headers?: Record<string, string>;
  connections?: number;
  seconds: number;
}): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    headers: options.headers ?? {},
    connections: options.connections ?? 32,
    duration: options.seconds,
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: bad,
  };
}
