/** The `carnet` command: serve, migrate, seed-demo, create-patient, config. */
import { Command, InvalidArgumentError } from 'commander';
import { insSchema, isoDateSchema } from '@carnet/shared';
import { ConfigError, describeConfig, parseConfig } from '../config/config.schema.ts';
import type { Config } from '../config/config.schema.ts';
import { createDeps } from '../deps.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { AppError } from '../platform/http/app-error.ts';
import { serve } from './serve.ts';
import { seedDemo } from './seed-demo.ts';
import { registerProfessionalsCommands } from './professionals.ts';
import { registerTracesCommands } from './traces.ts';
import { registerCheckCommand } from './check.ts';
import { registerKeysCommands } from './keys.ts';
import { registerBackupCommands } from './backup.ts';
import { registerTokenCommands } from './token.ts';
import { registerOAuthClientCommands } from './oauth-clients.ts';
import { registerLifecycleCommands } from './lifecycle.ts';

const parseWith =
  (schema: { safeParse(v: string): { success: boolean; data?: unknown } }, what: string) =>
  (value: string) => {
    const result = schema.safeParse(value);
    if (!result.success) throw new InvalidArgumentError(`${what} invalide.`);
    return result.data as string;
  };

/** Runs a command that needs the migrated database, then closes it. */
async function withDeps(
  config: Config,
  run: (deps: ReturnType<typeof createDeps>) => Promise<void>,
) {
  const deps = createDeps(config);
  try {
    await migrateToLatest(deps.database);
    await run(deps);
  } finally {
    await deps.database.close();
  }
}

/** Parses argv and runs the command; exits non-zero with a clear message on bad config or input. */
export async function runCli(
  argv: string[],
  env: Record<string, string | undefined>,
): Promise<void> {
  let config: Config;
  try {
    config = parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const program = new Command('carnet').description('Carnet, personal health record platform');
  program
    .command('serve')
    .description('migrate and serve the web app and API')
    .option('--seed-demo', 'seed the demo data if the database has none')
    .action(async (options: { seedDemo?: boolean }) =>
      serve(config, { seedDemo: Boolean(options.seedDemo) }),
    );
  program
    .command('migrate')
    .description('apply database migrations')
    .action(() =>
      withDeps(config, async () => {
        process.stdout.write('Migrations applied.\n');
        return Promise.resolve();
      }),
    );
  program
    .command('seed-demo')
    .description('create the demo patient and professionals')
    .action(() =>
      withDeps(config, async (deps) => {
        const created = await seedDemo(deps, { onlyIfEmpty: true });
        process.stdout.write(created ? 'Demo data created.\n' : 'Demo data already present.\n');
      }),
    );
  program
    .command('create-patient')
    .description('create a profile; the activation code leaves through the outbox, never printed')
    .requiredOption('--ins <ins>', 'INS (NIR, 15 digits)', parseWith(insSchema, 'INS'))
    .requiredOption('--first-name <name>', 'first name')
    .requiredOption('--last-name <name>', 'last name')
    .requiredOption(
      '--birth-date <date>',
      'birth date YYYY-MM-DD',
      parseWith(isoDateSchema, 'Date de naissance'),
    )
    .option('--email <email>', 'e-mail')
    .option('--mobile <mobile>', 'mobile number')
    .option(
      '--legal-representative <ins>',
      "a minor's profile: INS of the legal representative (an activated account), who receives the code",
      parseWith(insSchema, 'INS du représentant légal'),
    )
    .action(
      (o: {
        ins: string;
        firstName: string;
        lastName: string;
        birthDate: string;
        email?: string;
        mobile?: string;
        legalRepresentative?: string;
      }) =>
        withDeps(config, async (deps) => {
          const input = {
            ins: o.ins,
            firstName: o.firstName,
            lastName: o.lastName,
            birthDate: o.birthDate,
            email: o.email ?? null,
            mobile: o.mobile ?? null,
          };
          if (o.legalRepresentative) {
            const child = await deps.delegations.createChildProfile({
              ...input,
              representativeIns: o.legalRepresentative,
            });
            process.stdout.write(
              `Profile ${child.id} created and attached; the activation code was queued to the legal representative.\n`,
            );
            return;
          }
          if (!o.email && !o.mobile)
            throw new InvalidArgumentError('--email or --mobile is required.');
          const patient = await deps.activation.createProfile(input);
          process.stdout.write(
            `Profile ${patient.id} created; the activation code was queued to the patient's ${o.email ? 'e-mail' : 'mobile'}.\n`,
          );
        }),
    );
  program
    .command('detach-adults')
    .description(
      'daily job: detaches the profiles of minors who turned 18 (what `serve` runs every day)',
    )
    .action(() =>
      withDeps(config, async (deps) => {
        const n = await deps.delegations.detachAdults();
        process.stdout.write(`${n} profile(s) detached.\n`);
      }),
    );
  registerTracesCommands(program, config, withDeps);
  registerProfessionalsCommands(program, config, withDeps);
  registerKeysCommands(program, config, withDeps);
  registerCheckCommand(program, config, withDeps);
  registerBackupCommands(program, config);
  registerTokenCommands(program, config, withDeps);
  registerOAuthClientCommands(program, config, withDeps);
  registerLifecycleCommands(program, config, withDeps);
  program
    .command('config')
    .description('print every setting with its value and documentation')
    .action(() => {
      process.stdout.write(`${describeConfig(env)}\n`);
    });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof AppError || error instanceof InvalidArgumentError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
