/**
 * Load-balancer probes: `/health` is liveness (the process answers; no database, so a database
 * outage never gets healthy servers restarted), `/ready` is readiness (database and blob store
 * reachable, and not shutting down; 503 otherwise, so the balancer routes elsewhere).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** What the readiness probe asks. */
export interface ProbeDeps {
  database: { ping(): Promise<boolean> };
  blobs: { ping?(): Promise<boolean> };
  /** True once a graceful shutdown has begun. */
  isDraining?: () => boolean;
}

const readiness = z.strictObject({
  status: z.enum(['ready', 'unavailable']),
  database: z.boolean(),
  blobs: z.boolean(),
  draining: z.boolean(),
});

/** Registers GET /health and GET /ready. */
export function registerProbes(app: FastifyInstance, deps: ProbeDeps): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/health',
    { schema: { response: { 200: z.strictObject({ status: z.literal('ok') }) } } },
    () => ({ status: 'ok' as const }),
  );
  typed.get(
    '/ready',
    { schema: { response: { 200: readiness, 503: readiness } } },
    async (_request, reply) => {
      const draining = deps.isDraining?.() ?? false;
      const [database, blobs] = await Promise.all([
        deps.database.ping(),
        deps.blobs.ping ? deps.blobs.ping().catch(() => false) : Promise.resolve(true),
      ]);
      const ready = database && blobs && !draining;
      return reply
        .status(ready ? 200 : 503)
        .header('cache-control', 'no-store')
        .send({ status: ready ? 'ready' : 'unavailable', database, blobs, draining });
    },
  );
}
