/**
 * `carnet reactivate --ins …` (a new code provisoire for a closed profile) and
 * `carnet lifecycle sweep [--at ISO]` (the daily job by hand; `--at` runs it as if it were that
 * date, e.g. to carry out a deletion request in a test without waiting for the delay).
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { insSchema } from '@carnet/shared';
import type { Config } from '../config/config.schema.ts';
import type { AppDeps } from '../deps.ts';
import { createDeps } from '../deps.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';

type WithDeps = (config: Config, run: (deps: AppDeps) => Promise<void>) => Promise<void>;

/** Runs `run` with services whose clock reads `at` (plus the time elapsed since the start). */
async function withDepsAt(config: Config, at: Date, run: (deps: AppDeps) => Promise<void>) {
  const offset = at.getTime() - Date.now();
  const deps = createDeps(config, { clock: { now: () => new Date(Date.now() + offset) } });
  try {
    await migrateToLatest(deps.database);
    await run(deps);
  } finally {
    await deps.database.close();
  }
}

/** Registers the lifecycle commands. */
export function registerLifecycleCommands(program: Command, config: Config, withDeps: WithDeps) {
  program
    .command('reactivate')
    .description(
      'send a new activation code to a closed profile (refused once its data are deleted)',
    )
    .requiredOption('--ins <ins>', 'INS (NIR, 15 digits)', (value: string) => {
      if (!insSchema.safeParse(value).success) throw new InvalidArgumentError('INS invalide.');
      return value;
    })
    .action((o: { ins: string }) =>
      withDeps(config, async (deps) => {
        const patient = await deps.closure.reactivate(o.ins);
        process.stdout.write(
          `Profile ${patient.id}: a new activation code was queued to the patient's ${patient.email ? 'e-mail' : 'mobile'}.\n`,
        );
      }),
    );
  const lifecycle = program.command('lifecycle').description('closed records and data exports');
  lifecycle
    .command('sweep')
    .description('erase closed records whose time has come and delete expired exports (daily job)')
    .option('--at <date>', 'run as if it were this ISO-8601 date (tests, simulations)')
    .action((o: { at?: string }) => {
      const at = o.at === undefined ? undefined : new Date(o.at);
      if (at && Number.isNaN(at.getTime())) throw new InvalidArgumentError('Date invalide.');
      const run = async (deps: AppDeps) => {
        const erased = await deps.lifecycle.sweep();
        const expired = await deps.exports.sweepExpired();
        process.stdout.write(`Records erased: ${erased}\nExpired exports deleted: ${expired}\n`);
      };
      return at ? withDepsAt(config, at, run) : withDeps(config, run);
    });
}
