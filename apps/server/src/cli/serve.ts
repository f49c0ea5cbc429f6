/** `carnet serve`: migrate, optionally seed the demo, start the outbox worker, listen. */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../config/config.schema.ts';
import { buildApp, defaultWebDir } from '../app.ts';
import { createDeps } from '../deps.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { createJobWorker } from '../platform/jobs/job-worker.ts';
import { startOutboxWorker } from './outbox.ts';
import { seedDemo } from './seed-demo.ts';

/** Serves Carnet until SIGINT/SIGTERM, then shuts down gracefully. */
export async function serve(config: Config, options: { seedDemo: boolean }): Promise<void> {
  mkdirSync(resolve(config.dataDir), { recursive: true });
  const deps = createDeps(config);
  await migrateToLatest(deps.database);
  if (options.seedDemo) await seedDemo(deps, { onlyIfEmpty: true });
  let draining = false;
  // The daily lifecycle sweep (erasure of closed records, expired exports) schedules itself.
  await deps.lifecycleSweep.ensureScheduled();
  const app = await buildApp(deps, {
    logger: { level: config.logLevel },
    webDir: config.webDir || defaultWebDir,
    isDraining: () => draining,
  });
  const worker = startOutboxWorker(deps, app.log, join(resolve(config.dataDir), 'outbox'));
  // Previews and thumbnails are rendered here, off the request path (issue 3).
  const jobWorker = createJobWorker({
    db: deps.database.db,
    clock: deps.clock,
    queue: deps.jobs,
    handlers: deps.jobHandlers,
    logger: app.log,
  });
  jobWorker.start();
  // Daily job (issue 13): profiles of minors who turned 18 detach from their representatives.
  const detach = () =>
    deps.delegations.detachAdults().then(
      (n) => n > 0 && app.log.info({ detached: n }, 'profiles detached at majority'),
      (error: unknown) => app.log.error({ err: error }, 'detaching adults failed'),
    );
  void detach();
  const daily = setInterval(() => void detach(), 24 * 3600_000);
  daily.unref();
  // Graceful shutdown: /ready answers 503 at once, requests in flight finish (new ones get 503),
  // the workers finish the item in hand, then the database closes and the process exits 0.
  const shutdown = async (signal: string) => {
    if (draining) return;
    draining = true;
    clearInterval(daily);
    app.log.info({ signal }, 'shutting down: draining requests and workers');
    const force = setTimeout(() => {
      app.log.error('shutdown took too long, exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    force.unref();
    try {
      await Promise.all([app.close(), worker.stop(), jobWorker.stop()]);
      deps.blobs.close?.();
      await deps.database.close();
    } catch (error) {
      app.log.error({ err: { type: (error as Error).name } }, 'error during shutdown');
      process.exit(1);
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
}

/** Longest wait for in-flight requests and worker items before a forced exit. */
const SHUTDOWN_TIMEOUT_MS = 30_000;
