import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/test-app.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { buildApp } from '../../app.ts';
import { IMMUTABLE } from './web-assets.ts';

const html =
  '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body>Carnet</body></html>'.repeat(
    4,
  );
const js = `console.log(${JSON.stringify('Carnet '.repeat(200))});`;

describe('the built web app', () => {
  let t: TestApp;
  let web: FastifyInstance;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp();
    dir = mkdtempSync(join(tmpdir(), 'carnet-web-'));
    mkdirSync(join(dir, 'assets'));
    const files = { 'index.html': html, 'assets/index-abc123.js': js };
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(join(dir, name), text);
      writeFileSync(join(dir, `${name}.br`), brotliCompressSync(text));
      writeFileSync(join(dir, `${name}.gz`), gzipSync(text));
    }
    web = await buildApp(t.deps, { webDir: dir });
  });
  afterAll(async () => {
    await web.close();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string, encoding?: string) =>
    web.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

  it('serves a hashed asset pre-compressed with brotli, cached as immutable', async () => {
    const response = await get('/assets/index-abc123.js', 'gzip, deflate, br');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe(IMMUTABLE);
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(response.rawPayload.equals(brotliCompressSync(js))).toBe(true);
  });

  it('serves the gzip copy to a browser without brotli, and the plain file to one without either', async () => {
    const gzip = await get('/assets/index-abc123.js', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.rawPayload.equals(gzipSync(js))).toBe(true);
    const plain = await get('/assets/index-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(js);
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('answers index.html pre-compressed and never cached without revalidation', async () => {
    for (const url of ['/index.html', '/', '/documents/abc']) {
      const response = await get(url, 'br');
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-encoding']).toBe('br');
      expect(response.rawPayload.equals(brotliCompressSync(html))).toBe(true);
    }
  });

  it('still answers an unknown API route with the JSON 404', async () => {
    const response = await get('/api/nope', 'br');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'resource.not_found', message: 'Ressource introuvable.' },
    });
  });
});
