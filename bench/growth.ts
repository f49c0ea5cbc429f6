/**
 * B5: growth. The patient's list (page of 50 of 1,000) while the store grows to 10 k, 100 k and
 * 1 M documents (100 k with --quick), on SQLite: p50 of the HTTP request (one connection, timed
 * in microseconds) and p50 of the list's queries without the page cache; ratio of the largest
 * store to 10 k.
 */
import { request } from 'node:http';
import { join } from 'node:path';
import type { BenchRow, BenchServer, Benchmark } from './support.ts';
import { load1, median, startServer } from './support.ts';

/** p50 in microseconds of `count` sequential requests on one keep-alive connection. */
async function sequentialP50(server: BenchServer, count: number): Promise<number> {
  const { Agent } = await import('node:http');
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    await new Promise<void>((resolve, reject) => {
      const req = request(
        `http://127.0.0.1:${server.carnetPort}/api/documents`,
        { agent, headers: { cookie: server.cookie } },
        (response) => {
          response.resume();
          response.on('end', () =>
            response.statusCode === 200 ? resolve() : reject(new Error(`${response.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });
    times.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  agent.destroy();
  return median(times);
}

/** B5 on SQLite. */
export const growth: Benchmark = {
  ids: ['B5'],
  title: 'growth of the store (10 k → 1 M documents)',
  async run(context) {
    const scales = context.quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
    const server = await startServer(context, {
      dataDir: join(context.work, 'growth'),
      documents: 1000,
      dialect: 'sqlite',
    });
    const figures: Array<{
      documents: number;
      httpP50us: number;
      queryP50us: number;
      load: number;
      seedSeconds: number;
    }> = [];
    try {
      for (const documents of scales) {
        const seeding = Date.now();
        await server.command({ grow: documents });
        const seedSeconds = (Date.now() - seeding) / 1000;
        const http: number[] = [];
        const query: number[] = [];
        await sequentialP50(server, 200); // warm-up
        for (let round = 0; round < context.rounds; round++) {
          http.push(await sequentialP50(server, 500));
          query.push(Number((await server.command({ time: 300 })).p50us));
        }
        figures.push({
          documents,
          httpP50us: median(http),
          queryP50us: median(query),
          load: load1(),
          seedSeconds,
        });
      }
    } finally {
      await server.stop();
    }
    const first = figures[0]!;
    const last = figures.at(-1)!;
    const scale = `${last.documents / 1000} k / ${first.documents / 1000} k`;
    const row = (what: string, key: 'httpP50us' | 'queryP50us'): BenchRow => ({
      id: 'B5',
      what: `${what}, p50 ${scale}`,
      value: figures.map((f) => `${(f[key] / 1000).toFixed(2)}`).join(' / ') + ' ms',
      ceiling: '',
      result: last[key] / first[key],
      target: '≤ 1.1',
      met: last[key] / first[key] <= 1.1,
      load: last.load,
      details: { figures },
    });
    return [
      row('list request (cached page)', 'httpP50us'),
      row('list queries (no cache)', 'queryP50us'),
    ];
  },
};
