/**
 * B9: the web app's first load of the sign-in page, in bytes transferred: index.html and the
 * scripts, module preloads and style sheets it names, as the compiled server sends them to a
 * browser accepting gzip (the PERFORMANCE.md measure) and brotli. Fonts excluded.
 */
import { execFileSync, spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Benchmark } from './support.ts';
import { load1, root } from './support.ts';

/** Bytes on the wire (compressed body) and the headers of one GET. */
function fetchRaw(url: string, encoding: string) {
  return new Promise<{ bytes: number; body: Buffer; headers: Record<string, unknown> }>(
    (resolve, reject) => {
      const req = request(url, { headers: { 'accept-encoding': encoding } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          if (response.statusCode !== 200) reject(new Error(`${url}: ${response.statusCode}`));
          const body = Buffer.concat(chunks);
          resolve({ bytes: body.length, body, headers: response.headers });
        });
      });
      req.on('error', reject);
      req.end();
    },
  );
}

/** B9. */
export const webWeight: Benchmark = {
  ids: ['B9'],
  title: 'web app first load',
  async run(context) {
    execFileSync('node', ['apps/server/scripts/ensure-built.mjs'], { cwd: root, stdio: 'inherit' });
    const port = 3000 + Math.floor(Math.random() * 1000) + 40_000;
    const child = spawn('node', ['apps/server/dist/main.js', 'serve'], {
      cwd: root,
      stdio: 'ignore',
      env: {
        ...process.env,
        CARNET_PORT: String(port),
        CARNET_DATA_DIR: join(context.work, 'web'),
        CARNET_LOG_LEVEL: 'warn',
      },
    });
    const base = `http://127.0.0.1:${port}`;
    try {
      for (;;) {
        try {
          if ((await fetch(`${base}/health`)).status === 200) break;
        } catch {
          // not listening yet
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const plain = (await fetchRaw(`${base}/connexion`, 'identity')).body.toString('utf8');
      const urls = [
        '/connexion',
        ...[...plain.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"[^>]*>/g)]
          .filter((m) => /<script|rel="(?:stylesheet|modulepreload)"/.test(m[0]))
          .map((m) => m[1]!)
          .filter((url) => url.startsWith('/') && !/\.(woff2?|ttf|otf)$/.test(url)),
      ];
      const total = { gzip: 0, br: 0 };
      let immutable = 0;
      for (const url of urls) {
        const gz = await fetchRaw(`${base}${url}`, 'gzip');
        total.gzip += gz.bytes;
        total.br += (await fetchRaw(`${base}${url}`, 'br')).bytes;
        if (String(gz.headers['cache-control']).includes('immutable')) immutable++;
      }
      const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
      return [
        {
          id: 'B9',
          what: `sign-in page first load, gzip (${urls.length} files, ${immutable} immutable)`,
          value: `${kb(total.gzip)} (brotli ${kb(total.br)})`,
          ceiling: '',
          result: Math.round(total.gzip / 1024),
          target: '≤ 300 kB (aim ≤ 150)',
          met: total.gzip <= 300 * 1024,
          load: load1(),
          details: { urls, total },
        },
      ];
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  },
};
