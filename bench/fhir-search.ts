/**
 * PERFORMANCE.md B2: the ITI-67 search (`GET /fhir/R4/DocumentReference?patient=…`, first page of
 * 20) on a patient of 1,000 documents (5 % masked), bearer token, a trace written per request, at
 * 32 connections, on SQLite and PostgreSQL — reported with req/s, p99 and the ratio to a bare
 * `node:http` server answering the same bytes in the same process and run. Target ≥ 1,500 req/s
 * on 2 cores and p99 ≤ 50 ms. Run alone: `npx tsx bench/fhir-search.ts` (BENCH_SECONDS=10).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { Benchmark } from './support.ts';
import { median } from './support.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** One line of B2's results. */
export interface FhirSearchResult {
  store: 'sqlite' | 'postgres';
  carnet: { reqPerSec: number; p99Ms: number; errors: number };
  bare: { reqPerSec: number; p99Ms: number };
  ratio: number;
  bytes: number;
  loadAverage: { before: number[]; after: number[] };
}

async function cannon(url: string, headers: Record<string, string>, seconds: number) {
  const result = await autocannon({ url, headers, connections: 32, duration: seconds });
  return {
    reqPerSec: result.requests.average,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

/** Runs B2 on one store: seeds, loads Carnet then the bare server, stops the server. */
async function runOn(store: 'sqlite' | 'postgres', seconds: number): Promise<FhirSearchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), `carnet-b2-${store}-`));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench/fhir-search-server.ts'), store, dataDir],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const line = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`B2 server exited with ${code}`)));
      createInterface({ input: child.stdout }).once('line', resolve);
    });
    const ready = JSON.parse(line) as {
      carnetPort: number;
      rawPort: number;
      token: string;
      path: string;
      bytes: number;
    };
    const before = loadavg();
    const auth = { authorization: `Bearer ${ready.token}` };
    // A short warm-up so both sides run compiled code.
    await cannon(`http://127.0.0.1:${ready.carnetPort}${ready.path}`, auth, 2);
    const carnet = await cannon(`http://127.0.0.1:${ready.carnetPort}${ready.path}`, auth, seconds);
    const bare = await cannon(`http://127.0.0.1:${ready.rawPort}/`, {}, seconds);
    return {
      store,
      carnet,
      bare: { reqPerSec: bare.reqPerSec, p99Ms: bare.p99Ms },
      ratio: carnet.reqPerSec / bare.reqPerSec,
      bytes: ready.bytes,
      loadAverage: { before, after: loadavg() },
    };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** B2 on SQLite then PostgreSQL (the lead registers this in bench/run.ts). */
export async function runFhirSearchBench(
  options: { seconds?: number; stores?: ('sqlite' | 'postgres')[] } = {},
): Promise<FhirSearchResult[]> {
  const seconds = options.seconds ?? Number(process.env.BENCH_SECONDS ?? 10);
  const results: FhirSearchResult[] = [];
  for (const store of options.stores ?? ['sqlite', 'postgres'])
    results.push(await runOn(store, seconds));
  return results;
}

/** B2's table. */
export function formatFhirSearchResults(results: FhirSearchResult[]): string {
  const lines = results.map(
    (r) =>
      `B2 ${r.store.padEnd(8)} Carnet ${r.carnet.reqPerSec.toFixed(0)} req/s p99 ${r.carnet.p99Ms} ms` +
      ` (errors ${r.carnet.errors}) | bare ${r.bare.reqPerSec.toFixed(0)} req/s p99 ${r.bare.p99Ms} ms` +
      ` | ratio ${r.ratio.toFixed(3)} | ${r.bytes} B | load ${r.loadAverage.before.map((x) => x.toFixed(2)).join(' ')}` +
      ` → ${r.loadAverage.after.map((x) => x.toFixed(2)).join(' ')}`,
  );
  return ['B2 ITI-67 search, 32 connections (target ≥ 1500 req/s, p99 ≤ 50 ms)', ...lines].join(
    '\n',
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const results = await runFhirSearchBench();
  process.stdout.write(`${formatFhirSearchResults(results)}\n`);
}

/** B2 as a registered benchmark of `npm run bench`: medians of the rounds, per store. */
export const fhirSearch: Benchmark = {
  ids: ['B2'],
  title: 'FHIR ITI-67 search, bearer token, 32 connections',
  async run(context) {
    const rounds: FhirSearchResult[][] = [];
    for (let round = 0; round < context.rounds; round += 1)
      rounds.push(await runFhirSearchBench({ seconds: context.seconds }));
    return (['sqlite', 'postgres'] as const).map((store) => {
      const of = rounds.map((results) => results.find((r) => r.store === store)!);
      const reqPerSec = median(of.map((r) => r.carnet.reqPerSec));
      const p99 = median(of.map((r) => r.carnet.p99Ms));
      const bare = median(of.map((r) => r.bare.reqPerSec));
      return {
        id: 'B2',
        what: `ITI-67 search, ${store}`,
        value: `${reqPerSec.toFixed(0)} req/s, p99 ${p99} ms`,
        ceiling: `${bare.toFixed(0)} req/s bare`,
        result: reqPerSec,
        target: '≥ 1500 req/s, p99 ≤ 50 ms',
        met: reqPerSec >= 1500 && p99 <= 50,
        load: median(of.map((r) => r.loadAverage.after[0]!)),
        details: { rounds: of, ratio: reqPerSec / bare },
      };
    });
  },
};
