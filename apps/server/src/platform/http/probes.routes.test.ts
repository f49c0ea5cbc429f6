import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterEach, describe, expect, it } from 'vitest';
import { registerProbes } from './probes.ts';
import type { ProbeDeps } from './probes.ts';

const apps: Array<{ close(): Promise<unknown> }> = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

function appWith(deps: ProbeDeps) {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProbes(app, deps);
  apps.push(app);
  return app;
}

const up = () => Promise.resolve(true);
const down = () => Promise.resolve(false);

describe('load-balancer probes', () => {
  it('answers liveness without asking the database', async () => {
    let asked = 0;
    const app = appWith({
      database: { ping: () => ((asked += 1), down()) },
      blobs: { ping: down },
    });
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    expect(asked).toBe(0);
  });

  it('is ready when the database and the blob store answer', async () => {
    const res = await appWith({ database: { ping: up }, blobs: { ping: up } }).inject({
      method: 'GET',
      url: '/ready',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', database: true, blobs: true, draining: false });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('is not ready when the blob store does not answer, or fails', async () => {
    const silent = appWith({ database: { ping: up }, blobs: { ping: down } });
    const res = await silent.inject({ method: 'GET', url: '/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      status: 'unavailable',
      database: true,
      blobs: false,
      draining: false,
    });
    const failing = appWith({
      database: { ping: up },
      blobs: { ping: () => Promise.reject(new Error('EIO')) },
    });
    expect((await failing.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(503);
  });

  it('is not ready once a graceful shutdown has begun', async () => {
    let draining = false;
    const app = appWith({
      database: { ping: up },
      blobs: { ping: up },
      isDraining: () => draining,
    });
    expect((await app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);
    draining = true;
    const res = await app.inject({ method: 'GET', url: '/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'unavailable', draining: true });
  });
});
