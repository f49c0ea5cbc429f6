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

/** Serves Carnet until SIGINT/SIGTERM. */
export async function serve(config: Config, options: { seedDemo: boolean }): Promise<void> {
  mkdirSync(resolve(config.dataDir), { recursive: true });
  const deps = createDeps(config);
  await migrateToLatest(deps.database);
  if (options.seedDemo) await seedDemo(deps, { onlyIfEmpty: true });
  const app = await buildApp(deps, {
    logger: { level: config.logLevel },
    webDir: config.webDir || defaultWebDir,
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
  const shutdown = async () => {
    clearInterval(daily);
    await app.close();
    await worker.stop();
    await jobWorker.stop();
    await deps.database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  await app.listen({ port: config.port, host: config.host });
}
