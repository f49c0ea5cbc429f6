/**
 * B8: cold start. `npm start` on a built checkout until the first 200 on /health: on a data folder
 * that already exists (a restart) and on an empty one (the very first start, which also seeds the
 * demo). The builds are made (or found current) once before timing.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { BenchRow, Benchmark } from './support.ts';
import { load1, median, root } from './support.ts';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Seconds from spawning `npm start` to the first 200 on /health. */
export async function timeStart(dataDir: string): Promise<number> {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: root,
    detached: true,
    stdio: 'ignore',
    env: {
      ...process.env,
      CARNET_PORT: String(port),
      CARNET_DATA_DIR: dataDir,
      CARNET_LOG_LEVEL: 'warn',
    },
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/health`);
        if (response.status === 200) break;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGTERM'); // npm, its shell and the server
    await exited;
  }
}

/** B8. */
export const coldStart: Benchmark = {
  ids: ['B8'],
  title: 'cold start of npm start',
  async run(context) {
    execFileSync('node', ['apps/server/scripts/ensure-built.mjs'], { cwd: root, stdio: 'inherit' });
    const restarts: number[] = [];
    const firsts: number[] = [];
    const loads: number[] = [];
    const kept = join(mkdtempSync(join(context.work, 'start-')), 'data');
    await timeStart(kept); // creates and seeds the kept folder
    for (let round = 0; round < context.rounds; round++) {
      restarts.push(await timeStart(kept));
      firsts.push(await timeStart(join(mkdtempSync(join(context.work, 'start-')), 'data')));
      loads.push(load1());
    }
    const row = (what: string, runs: number[]): BenchRow => ({
      id: 'B8',
      what,
      value: `${median(runs).toFixed(2)} s`,
      ceiling: '',
      result: median(runs),
      target: '≤ 2 s',
      met: median(runs) <= 2,
      load: median(loads),
      details: { runs },
    });
    return [
      row('npm start → /health 200 (existing data)', restarts),
      row('first start (empty data, seeds the demo)', firsts),
    ];
  },
};
