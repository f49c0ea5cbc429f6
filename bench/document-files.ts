/**
 * B3 (upload of 1 MB and 5 MB PDFs: multipart, sniff, encrypt, fsync, commit) against write +
 * fsync + rename of the same bytes by a plain script; B4 (download: decrypt + stream) against a
 * bare server streaming the raw file; B7 (peak RSS growth during 32 concurrent 5 MB uploads).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import type { BenchRow, BenchServer, Benchmark } from './support.ts';
import { load1, median, startServer } from './support.ts';

const MB = 1024 * 1024;

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

/**
 * Runs `amount` requests over `connections` keep-alive connections; returns MB/s of
 * `bytesPerRequest`. A plain node:http client: autocannon's parser, made for small bodies,
 * caps near 20 MB/s on multi-megabyte bodies here and would measure itself, not the server.
 */
async function transfer(options: {
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

/** B3 and B4 for one file size. */
async function uploadAndDownload(
  server: BenchServer,
  work: string,
  rounds: number,
  sizeMb: number,
): Promise<BenchRow[]> {
  const base = `http://127.0.0.1:${server.carnetPort}`;
  const headers = { cookie: server.cookie, 'x-carnet-request': '1' };
  const data = pdf(sizeMb * MB);
  const upload = multipart(`Bench ${sizeMb} Mo`, data);
  const post = (amount: number) =>
    transfer({
      url: `${base}/api/documents`,
      method: 'POST',
      headers: { ...headers, 'content-type': upload.contentType },
      body: upload.body,
      connections: 1,
      amount,
      bytesPerRequest: data.length,
    });
  const count = sizeMb === 1 ? 20 : 8;
  const plainDir = join(work, `plain-${sizeMb}`);
  mkdirSync(plainDir, { recursive: true });
  await post(2); // warm-up: code paths, JIT, SQLite pages
  const uploads: number[] = [];
  const plains: number[] = [];
  const loads: number[] = [];
  for (let round = 0; round < rounds; round++) {
    uploads.push(await post(count));
    plains.push(await plainWrites(plainDir, data, count));
    loads.push(load1());
  }
  const list = (await (
    await fetch(`${base}/api/documents?q=${encodeURIComponent(`Bench ${sizeMb}`)}`, { headers })
  ).json()) as { items: Array<{ id: string }> };
  const id = list.items[0]!.id;
  const rawFile = join(plainDir, 'file-0');
  const downloads: number[] = [];
  const raws: number[] = [];
  for (let round = 0; round < rounds; round++) {
    downloads.push(
      await transfer({
        url: `${base}/api/documents/${id}/download`,
        headers,
        connections: 1,
        amount: count * 2,
        bytesPerRequest: data.length,
      }),
    );
    raws.push(
      await transfer({
        url: `http://127.0.0.1:${server.rawPort}/?file=${encodeURIComponent(rawFile)}`,
        connections: 1,
        amount: count * 2,
        bytesPerRequest: data.length,
      }),
    );
    loads.push(load1());
  }
  const b3 = { uploadMBs: median(uploads), plainMBs: median(plains) };
  const b4 = { downloadMBs: median(downloads), rawMBs: median(raws) };
  const load = median(loads);
  return [
    {
      id: 'B3',
      what: `upload ${sizeMb} MB`,
      value: `${b3.uploadMBs.toFixed(1)} MB/s`,
      ceiling: `${b3.plainMBs.toFixed(1)} MB/s`,
      result: b3.uploadMBs / b3.plainMBs,
      target: '≥ 0.5',
      met: b3.uploadMBs / b3.plainMBs >= 0.5,
      load,
      details: { ...b3, runs: { uploads, plains } },
    },
    {
      id: 'B4',
      what: `download ${sizeMb} MB`,
      value: `${b4.downloadMBs.toFixed(1)} MB/s`,
      ceiling: `${b4.rawMBs.toFixed(1)} MB/s`,
      result: b4.downloadMBs / b4.rawMBs,
      target: '≥ 0.6',
      met: b4.downloadMBs / b4.rawMBs >= 0.6,
      load,
      details: { ...b4, runs: { downloads, raws } },
    },
  ];
}

/** B7: peak RSS growth over idle during 32 concurrent 5 MB uploads. */
async function memory(server: BenchServer, rounds: number): Promise<BenchRow> {
  const data = pdf(5 * MB);
  const upload = multipart('Bench B7', data);
  const pid = server.child.pid!;
  const growths: number[] = [];
  const loads: number[] = [];
  for (let round = 0; round < rounds; round++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const idle = rssKb(pid, 'VmRSS');
    writeFileSync(`/proc/${pid}/clear_refs`, '5'); // resets VmHWM to the current RSS
    let sampled = idle;
    const timer = setInterval(() => (sampled = Math.max(sampled, rssKb(pid, 'VmRSS'))), 5);
    await transfer({
      url: `http://127.0.0.1:${server.carnetPort}/api/documents`,
      method: 'POST',
      headers: {
        cookie: server.cookie,
        'x-carnet-request': '1',
        'content-type': upload.contentType,
      },
      body: upload.body,
      connections: 32,
      amount: 32,
      bytesPerRequest: data.length,
    });
    clearInterval(timer);
    growths.push((Math.max(sampled, rssKb(pid, 'VmHWM')) - idle) / 1024);
    loads.push(load1());
  }
  const growth = median(growths);
  return {
    id: 'B7',
    what: '32 × 5 MB uploads at once',
    value: `+${growth.toFixed(1)} MB RSS`,
    ceiling: '',
    result: growth,
    target: '≤ 64 MB',
    met: growth <= 64,
    load: median(loads),
    details: { runs: growths },
  };
}

/** B3, B4 and B7 on SQLite and the file-system blob store. */
export const documentFiles: Benchmark = {
  ids: ['B3', 'B4', 'B7'],
  title: 'document upload, download and memory',
  async run(context) {
    const server = await startServer(context, {
      dataDir: join(context.work, 'files'),
      dialect: 'sqlite',
    });
    try {
      const rows: BenchRow[] = [];
      for (const sizeMb of [1, 5])
        rows.push(...(await uploadAndDownload(server, context.work, context.rounds, sizeMb)));
      rows.push(await memory(server, context.rounds));
      return rows;
    } finally {
      await server.stop();
    }
  },
};
