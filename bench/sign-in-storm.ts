/**
 * B6: a sign-in storm. Waves of 50 concurrent password checks (the real first sign-in step, right
 * password) run while B1 loads the list; B1's p99 during the storm over its p99 alone.
 */
import { join } from 'node:path';
import { listRound } from './documents-list.ts';
import type { BenchServer, Benchmark } from './support.ts';
import { load1, median, startServer } from './support.ts';

/** Sends waves of `size` concurrent sign-ins until `stop()` is called; counts them. */
function storm(server: BenchServer, size: number) {
  let running = true;
  let signIns = 0;
  let failures = 0;
  const body = JSON.stringify({ identifiant: server.identifiant, password: server.password });
  const one = async () => {
    const response = await fetch(`http://127.0.0.1:${server.carnetPort}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-carnet-request': '1' },
      body,
    });
    await response.arrayBuffer();
    if (response.status === 200) signIns++;
    else failures++;
  };
  const done = (async () => {
    while (running) await Promise.all(Array.from({ length: size }, one));
  })();
  return {
    async stop() {
      running = false;
      await done;
      return { signIns, failures };
    },
  };
}

/** B6 on SQLite. */
export const signInStorm: Benchmark = {
  ids: ['B6'],
  title: 'sign-in storm during the document list',
  async run(context) {
    const server = await startServer(context, {
      dataDir: join(context.work, 'storm'),
      documents: 1000,
      dialect: 'sqlite',
    });
    const alone: number[] = [];
    const during: number[] = [];
    const loads: number[] = [];
    const storms: Array<{ signIns: number; failures: number }> = [];
    try {
      await listRound(server, 2); // warm-up
      for (let round = 0; round < context.rounds; round++) {
        alone.push((await listRound(server, context.seconds)).p99);
        const running = storm(server, 50);
        during.push((await listRound(server, context.seconds)).p99);
        storms.push(await running.stop());
        loads.push(load1());
      }
    } finally {
      await server.stop();
    }
    const ratio = median(during) / median(alone);
    const signIns = storms.reduce((sum, s) => sum + s.signIns, 0);
    if (storms.some((s) => s.failures > 0)) throw new Error('B6: some sign-ins failed');
    return [
      {
        id: 'B6',
        what: `list p99 during / alone (${signIns} sign-ins)`,
        value: `${median(during).toFixed(1)} ms`,
        ceiling: `${median(alone).toFixed(1)} ms`,
        result: ratio,
        target: '≤ 2',
        met: ratio <= 2,
        load: median(loads),
        details: { alone, during, storms },
      },
    ];
  },
};
