/**
 * `npm run bench`: PERFORMANCE.md B3 (upload), B4 (download) and B7 (memory under 32 concurrent
 * 5 MB uploads). Each figure is the median of several runs and is reported as a ratio to a
 * ceiling measured in the same run on the same machine. Prints a table, writes bench/results/*.json.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const root = fileURLToPath(new URL('..', import.meta.url));
const MB = 1024 * 1024;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface Server {
  child: ChildProcess;
  carnetPort: number;
  rawPort: number;
  cookie: string;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** A PDF-looking file: a real header, then incompressible bytes. */
function pdf(size: number): Buffer {
  const bytes = randomBytes(size);
  Buffer.from('%PDF-1.7\n').copy(bytes);
  return bytes;
}

function multipart(title: string, data: Buffer): { body: Buffer; contentType: string } {
  const boundary = `----bench${randomBytes(8).toString('hex')}`;
  const field = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const head =
    field('title', title) +
    field('date', '2026-01-15') +
    field('category', 'AUTR_DOC') +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
  return {
    body: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

async function startServer(dataDir: string): Promise<Server> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench/server.ts'), dataDir],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', resolve);
  });
  return { child, ...(JSON.parse(line) as Omit<Server, 'child'>) };
}

/**
 * Runs `amount` requests over `connections` keep-alive connections; returns MB/s of
 * `bytesPerRequest`. A plain node:http client: autocannon's parser, made for small bodies,
 * caps near 20 MB/s on multi-megabyte bodies here and would measure itself, not the server.
 */
async function load(options: {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: Buffer;
  connections: number;
  amount: number;
  bytesPerRequest: number;
}): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  let next = 0;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const request = httpRequest(
        options.url,
        {
          method: options.method ?? 'GET',
          agent,
          headers: {
            ...options.headers,
            ...(options.body ? { 'content-length': String(options.body.length) } : {}),
          },
        },
        (response) => {
          response.on('data', () => undefined);
          response.on('end', () =>
            (response.statusCode ?? 500) < 300
              ? resolve()
              : reject(new Error(`${options.url} answered ${response.statusCode}`)),
          );
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(options.body);
    });
  const worker = async () => {
    while (next < options.amount) {
      next++;
      await one();
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: options.connections }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  return (options.amount * options.bytesPerRequest) / MB / seconds;
}

/** The ceiling of B3: write + fsync + rename of the same bytes by a plain script. */
async function plainWrites(dir: string, data: Buffer, count: number): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const temp = join(dir, `.tmp-${i}`);
    const handle = await open(temp, 'w');
    await handle.write(data);
    await handle.sync();
    await handle.close();
    await rename(temp, join(dir, `file-${i}`));
    const folder = await open(dir, 'r');
    await folder.sync();
    await folder.close();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return (count * data.length) / MB / seconds;
}

function rssKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'carnet-bench-'));
  const server = await startServer(join(work, 'data'));
  const base = `http://127.0.0.1:${server.carnetPort}`;
  const headers = { cookie: server.cookie, 'x-carnet-request': '1' };
  const rows: Array<Record<string, string | number>> = [];
  const json: Record<string, unknown> = {
    date: new Date().toISOString(),
    runs: RUNS,
    cpus: cpus().length,
    loadAverageBefore: loadavg(),
  };
  try {
    for (const sizeMb of [1, 5]) {
      const data = pdf(sizeMb * MB);
      const upload = multipart(`Bench ${sizeMb} Mo`, data);
      const count = sizeMb === 1 ? 20 : 8;
      const plainDir = join(work, `plain-${sizeMb}`);
      mkdirSync(plainDir);
      const uploads: number[] = [];
      const plains: number[] = [];
      // Warm-up: code paths, JIT, SQLite pages.
      await load({
        url: `${base}/api/documents`,
        method: 'POST',
        headers: { ...headers, 'content-type': upload.contentType },
        body: upload.body,
        connections: 1,
        amount: 2,
        bytesPerRequest: data.length,
      });
      for (let run = 0; run < RUNS; run++) {
        uploads.push(
          await load({
            url: `${base}/api/documents`,
            method: 'POST',
            headers: { ...headers, 'content-type': upload.contentType },
            body: upload.body,
            connections: 1,
            amount: count,
            bytesPerRequest: data.length,
          }),
        );
        plains.push(await plainWrites(plainDir, data, count));
      }
      const b3 = { uploadMBs: median(uploads), plainMBs: median(plains) };
      rows.push({
        id: 'B3',
        what: `upload ${sizeMb} MB`,
        'MB/s': b3.uploadMBs.toFixed(1),
        'ceiling MB/s': b3.plainMBs.toFixed(1),
        ratio: (b3.uploadMBs / b3.plainMBs).toFixed(2),
        target: '≥ 0.5',
      });
      json[`B3_${sizeMb}MB`] = {
        ...b3,
        ratio: b3.uploadMBs / b3.plainMBs,
        runs: { uploads, plains },
      };

      // B4: the same bytes downloaded (decrypt + stream) vs streamed raw by a bare server.
      const list = (await (
        await fetch(`${base}/api/documents?q=${encodeURIComponent(`Bench ${sizeMb}`)}`, { headers })
      ).json()) as { items: Array<{ id: string }> };
      const id = list.items[0]!.id;
      const rawFile = join(plainDir, 'file-0');
      const downloads: number[] = [];
      const raws: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        downloads.push(
          await load({
            url: `${base}/api/documents/${id}/download`,
            headers,
            connections: 1,
            amount: count * 2,
            bytesPerRequest: data.length,
          }),
        );
        raws.push(
          await load({
            url: `http://127.0.0.1:${server.rawPort}/?file=${encodeURIComponent(rawFile)}`,
            connections: 1,
            amount: count * 2,
            bytesPerRequest: data.length,
          }),
        );
      }
      const b4 = { downloadMBs: median(downloads), rawMBs: median(raws) };
      rows.push({
        id: 'B4',
        what: `download ${sizeMb} MB`,
        'MB/s': b4.downloadMBs.toFixed(1),
        'ceiling MB/s': b4.rawMBs.toFixed(1),
        ratio: (b4.downloadMBs / b4.rawMBs).toFixed(2),
        target: '≥ 0.6',
      });
      json[`B4_${sizeMb}MB`] = {
        ...b4,
        ratio: b4.downloadMBs / b4.rawMBs,
        runs: { downloads, raws },
      };
    }

    // B7: peak RSS growth over idle during 32 concurrent 5 MB uploads.
    const data = pdf(5 * MB);
    const upload = multipart('Bench B7', data);
    const growths: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await new Promise((r) => setTimeout(r, 500));
      const idle = rssKb(server.child.pid!, 'VmRSS');
      writeFileSync(`/proc/${server.child.pid}/clear_refs`, '5'); // resets VmHWM to the current RSS
      let sampled = idle;
      const timer = setInterval(
        () => (sampled = Math.max(sampled, rssKb(server.child.pid!, 'VmRSS'))),
        5,
      );
      await load({
        url: `${base}/api/documents`,
        method: 'POST',
        headers: { ...headers, 'content-type': upload.contentType },
        body: upload.body,
        connections: 32,
        amount: 32,
        bytesPerRequest: data.length,
      });
      clearInterval(timer);
      const peak = Math.max(sampled, rssKb(server.child.pid!, 'VmHWM'));
      growths.push((peak - idle) / 1024);
    }
    const b7 = median(growths);
    rows.push({
      id: 'B7',
      what: '32 × 5 MB uploads at once',
      'MB/s': '',
      'ceiling MB/s': '',
      ratio: `+${b7.toFixed(1)} MB RSS`,
      target: '≤ 64 MB',
    });
    json.B7 = { peakRssGrowthMB: b7, runs: growths };
  } finally {
    server.child.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  }

  json.loadAverageAfter = loadavg();
  console.table(rows);
  console.log(
    `Load average before/after: ${(json.loadAverageBefore as number[])[0]!.toFixed(1)} / ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs (ratios are only meaningful on a quiet machine).`,
  );
  const dir = join(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `documents-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`Written to ${file}`);
}

await main();
