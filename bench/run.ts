/**
 * `npm run bench [-- --quick] [-- --only B1,B5]`: the benchmarks of PERFORMANCE.md. Each figure is
 * the median of several rounds, reported as a ratio to a ceiling measured in the same run on the
 * same machine (or against an absolute target), with the load average when it was taken. Prints a
 * table and writes bench/results/<date>.json. Benchmarks are never tests: nothing here fails a build.
 *
 * A benchmark is one module of bench/ exporting a `Benchmark`; register it in `benchmarks` below.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { coldStart } from './cold-start.ts';
import { documentFiles } from './document-files.ts';
import { documentsList } from './documents-list.ts';
import { fhirSearch } from './fhir-search.ts';
import { growth } from './growth.ts';
import { signInStorm } from './sign-in-storm.ts';
import type { BenchContext, BenchRow, Benchmark } from './support.ts';
import { root } from './support.ts';
import { webWeight } from './web-weight.ts';

/** Every benchmark, in the order they run. */
export const benchmarks: Benchmark[] = [
  documentsList,
  fhirSearch,
  documentFiles,
  growth,
  signInStorm,
  coldStart,
  webWeight,
];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    rounds: { type: 'string' },
    seconds: { type: 'string' },
  },
});
const only = values.only?.split(',').map((id) => id.trim().toUpperCase());
const quick = values.quick ?? false;
const context: BenchContext = {
  rounds: Number(values.rounds ?? process.env.BENCH_RUNS ?? (quick ? 3 : 5)),
  seconds: Number(values.seconds ?? (quick ? 5 : 10)),
  quick,
  work: mkdtempSync(join(tmpdir(), 'carnet-bench-')),
  postgresUrl: process.env.CARNET_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
};

const started = new Date();
const loadBefore = loadavg();
const rows: BenchRow[] = [];
const failures: Record<string, string> = {};
try {
  for (const benchmark of benchmarks) {
    if (only && !benchmark.ids.some((id) => only.includes(id))) continue;
    console.log(`${benchmark.ids.join('/')}: ${benchmark.title}…`);
    try {
      const result = await benchmark.run(context);
      rows.push(...result.filter((row) => !only || only.includes(row.id)));
    } catch (error) {
      failures[benchmark.ids.join('/')] = error instanceof Error ? error.message : String(error);
      console.error(`${benchmark.ids.join('/')} failed:`, error);
    }
  }
} finally {
  rmSync(context.work, { recursive: true, force: true });
}

console.table(
  rows.map((row) => ({
    id: row.id,
    what: row.what,
    measured: row.value,
    ceiling: row.ceiling,
    result: Number.isInteger(row.result) ? row.result : Number(row.result.toFixed(3)),
    target: row.target,
    met: row.met ? 'yes' : 'NO',
    load: row.load.toFixed(1),
  })),
);
console.log(
  `Load average (1 min) before/after: ${loadBefore[0]!.toFixed(1)} / ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs — ratios are only meaningful on a quiet machine.`,
);
const dir = join(root, 'bench/results');
mkdirSync(dir, { recursive: true });
const file = join(dir, `${started.toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(
  file,
  `${JSON.stringify(
    {
      date: started.toISOString(),
      cpus: cpus().length,
      node: process.version,
      rounds: context.rounds,
      seconds: context.seconds,
      quick,
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadavg(),
      rows,
      failures,
    },
    null,
    2,
  )}\n`,
);
console.log(`Written to ${file}`);
