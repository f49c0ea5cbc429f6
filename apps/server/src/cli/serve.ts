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
  // The daily lifecycle sweep (erasure of closed records, expired exports) schedules itself.
  await deps.lifecycleSweep.ensureScheduled();
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
  const shutdown = async () => {
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
