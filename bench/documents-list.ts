/**
 * B1: the patient lists their documents (page of 50 of 1,000, session cookie), 32 connections,
 * against a bare node:http server answering the same bytes; on SQLite and on PostgreSQL.
 */
import { join } from 'node:path';
import type { BenchContext, BenchRow, BenchServer, Benchmark, LoadResult } from './support.ts';
import { hammer, load1, median, startServer } from './support.ts';

/** Headers of the signed-in patient. */
export const patientHeaders = (server: BenchServer) => ({ cookie: server.cookie });

/** One round of B1 against Carnet. */
export const listRound = (server: BenchServer, seconds: number): Promise<LoadResult> =>
  hammer({
    url: `http://127.0.0.1:${server.carnetPort}/api/documents`,
    headers: patientHeaders(server),
    seconds,
  });

/** Interleaved rounds of Carnet and of the bare ceiling; medians. */
export async function measureList(server: BenchServer, context: BenchContext) {
  await listRound(server, 2); // warm-up: JIT, caches, pages
  const carnet: LoadResult[] = [];
  const bare: LoadResult[] = [];
  const loads: number[] = [];
  for (let round = 0; round < context.rounds; round++) {
    carnet.push(await listRound(server, context.seconds));
    bare.push(
      await hammer({ url: `http://127.0.0.1:${server.barePort}/`, seconds: context.seconds }),
    );
    loads.push(load1());
  }
  const errors = carnet.reduce((sum, r) => sum + r.errors, 0);
  if (errors > 0) throw new Error(`B1: ${errors} failed requests`);
  return {
    requestsPerSecond: median(carnet.map((r) => r.requestsPerSecond)),
    p50: median(carnet.map((r) => r.p50)),
    p99: median(carnet.map((r) => r.p99)),
    bareRequestsPerSecond: median(bare.map((r) => r.requestsPerSecond)),
    load: median(loads),
    rounds: { carnet, bare, loads },
  };
}

/** B1 on both stores. */
export const documentsList: Benchmark = {
  ids: ['B1'],
  title: 'document list (page of 50 of 1,000)',
  async run(context) {
    const rows: BenchRow[] = [];
    for (const dialect of ['sqlite', 'postgres'] as const) {
      const server = await startServer(context, {
        dataDir: join(context.work, `b1-${dialect}`),
        documents: 1000,
        dialect,
      });
      try {
        const m = await measureList(server, context);
        const ratio = m.requestsPerSecond / m.bareRequestsPerSecond;
        const details = { ...m, bodyBytes: server.listBytes };
        rows.push(
          {
            id: 'B1',
            what: `list, ${dialect}: req/s ratio`,
            value: `${m.requestsPerSecond.toFixed(0)} req/s`,
            ceiling: `${m.bareRequestsPerSecond.toFixed(0)} req/s`,
            result: ratio,
            target: '≥ 0.35',
            met: ratio >= 0.35,
            load: m.load,
            details,
          },
          {
            id: 'B1',
            what: `list, ${dialect}: p99`,
            value: `${m.p99.toFixed(1)} ms (p50 ${m.p50.toFixed(1)})`,
            ceiling: '',
            result: m.p99,
            target: '≤ 25 ms',
            met: m.p99 <= 25,
            load: m.load,
          },
        );
      } finally {
        await server.stop();
      }
    }
    return rows;
  },
};
