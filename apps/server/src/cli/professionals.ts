/**
 * Operator commands of the professionals directory and of access (PRODUCT.md "Opérateur"):
 * `create-professional`, `set-professional-password`, `import-professionals <csv>`,
 * `set-medecin-traitant`, `load-habilitation-matrix <file>`.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { insSchema, professions, rppsSchema } from '@carnet/shared';
import type { Profession } from '@carnet/shared';
import type { Config } from '../config/config.schema.ts';
import type { AppDeps } from '../deps.ts';
import { parseProfessionalsCsv } from '../modules/professionals/professionals-csv.ts';

type WithDeps = (config: Config, run: (deps: AppDeps) => Promise<void>) => Promise<void>;

const rppsArgument = (value: string) => {
  const parsed = rppsSchema.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError('Le numéro RPPS comporte 11 chiffres.');
  return parsed.data;
};
const professionArgument = (value: string): Profession => {
  if (!(value in professions))
    throw new InvalidArgumentError(
      `Profession inconnue (attendu : ${Object.keys(professions).join(', ')}).`,
    );
  return value as Profession;
};
const insArgument = (value: string) => {
  const parsed = insSchema.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError('INS invalide.');
  return parsed.data;
};
const readText = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new InvalidArgumentError(`Impossible de lire ${file}.`);
  }
};

/** Registers the commands on the `carnet` program. */
export function registerProfessionalsCommands(
  program: Command,
  config: Config,
  withDeps: WithDeps,
  out: (text: string) => void = (text) => process.stdout.write(text),
): void {
  program
    .command('create-professional')
    .description('add a professional to the directory, with an account when --password is given')
    .requiredOption('--rpps <rpps>', 'RPPS number (11 digits)', rppsArgument)
    .requiredOption('--first-name <name>', 'first name')
    .requiredOption('--last-name <name>', 'last name')
    .requiredOption('--profession <code>', Object.keys(professions).join(' | '), professionArgument)
    .option('--specialty <specialty>', 'specialty')
    .option('--regulator', 'régulateur of a SAMU centre (may open SAMU emergency accesses)')
    .option('--email <email>', 'e-mail: receives the sign-in codes')
    .option('--password <password>', 'password of the account (12–128 characters, not weak)')
    .action(
      (o: {
        rpps: string;
        firstName: string;
        lastName: string;
        profession: Profession;
        specialty?: string;
        regulator?: boolean;
        email?: string;
        password?: string;
      }) =>
        withDeps(config, async (deps) => {
          if (o.password && !o.email)
            throw new InvalidArgumentError('--email is required to sign in (one-time codes).');
          const hash = o.password
            ? await deps.professionalAccounts.hashPassword(o, o.password, { checkStrength: true })
            : undefined;
          const ps = await deps.database.db.transaction().execute(async (trx) => {
            const created = await deps.professionals.create(trx, {
              rpps: o.rpps,
              firstName: o.firstName,
              lastName: o.lastName,
              profession: o.profession,
              specialty: o.specialty ?? null,
              isRegulator: Boolean(o.regulator),
              email: o.email?.toLowerCase() ?? null,
            });
            if (hash) await deps.professionalAccounts.setPassword(trx, created, hash);
            return created;
          });
          out(
            `Professional ${ps.id} (RPPS ${ps.rpps}) created${hash ? ' with an account' : ', without account (set-professional-password)'}.\n`,
          );
        }),
    );

  program
    .command('set-professional-password')
    .description("create a professional's account or replace its password (ends its sessions)")
    .requiredOption('--rpps <rpps>', 'RPPS number (11 digits)', rppsArgument)
    .requiredOption('--password <password>', 'password (12–128 characters, not weak)')
    .action((o: { rpps: string; password: string }) =>
      withDeps(config, async (deps) => {
        const ps = await deps.professionals.findByRpps(deps.database.db, o.rpps);
        if (!ps) throw new InvalidArgumentError(`Aucun professionnel avec le RPPS ${o.rpps}.`);
        if (!ps.email) throw new InvalidArgumentError('Ce professionnel n’a pas d’e-mail.');
        const hash = await deps.professionalAccounts.hashPassword(
          { rpps: ps.rpps, firstName: ps.first_name, lastName: ps.last_name },
          o.password,
          { checkStrength: true },
        );
        await deps.database.db
          .transaction()
          .execute((trx) => deps.professionalAccounts.setPassword(trx, ps, hash));
        out(`Password of RPPS ${ps.rpps} set.\n`);
      }),
    );

  program
    .command('import-professionals <csv>')
    .description(
      'import the directory from CSV (rpps;nom;prenom;profession;specialite;regulateur;email): creates or updates, all or nothing',
    )
    .action((file: string) =>
      withDeps(config, async (deps) => {
        const parsed = parseProfessionalsCsv(readText(file));
        if (!parsed.ok)
          throw new InvalidArgumentError(
            `Nothing imported:\n${parsed.problems.map((p) => `  line ${p.line}: ${p.message}`).join('\n')}`,
          );
        const { created, updated } = await deps.professionals.importMany(parsed.entries);
        out(`${created} professional(s) created, ${updated} updated.\n`);
      }),
    );

  program
    .command('set-medecin-traitant')
    .description('declare the médecin traitant of a record')
    .requiredOption('--ins <ins>', 'INS of the record', insArgument)
    .requiredOption('--rpps <rpps>', 'RPPS number of the médecin traitant', rppsArgument)
    .action((o: { ins: string; rpps: string }) =>
      withDeps(config, async (deps) => {
        const patient = await deps.patients.findByIns(o.ins);
        const ps = await deps.professionals.findByRpps(deps.database.db, o.rpps);
        if (!patient) throw new InvalidArgumentError('Aucun profil pour cet INS.');
        if (!ps) throw new InvalidArgumentError(`Aucun professionnel avec le RPPS ${o.rpps}.`);
        await deps.patientAccess.declareMedecinTraitant(patient.id, ps.id);
        out(`Médecin traitant of ${patient.id} declared: RPPS ${ps.rpps}.\n`);
      }),
    );

  program
    .command('load-habilitation-matrix <file>')
    .description(
      'replace the matrice d’habilitation (JSON, same shape as src/data/habilitation-matrix.json)',
    )
    .action((file: string) =>
      withDeps(config, async (deps) => {
        let json: unknown;
        try {
          json = JSON.parse(readText(file));
        } catch (error) {
          if (error instanceof InvalidArgumentError) throw error;
          throw new InvalidArgumentError(`${file} is not valid JSON.`);
        }
        const result = await deps.habilitationMatrix.replace(json);
        if (!result.ok)
          throw new InvalidArgumentError(
            `Matrix refused:\n${result.problems.map((p) => `  - ${p}`).join('\n')}`,
          );
        out('Matrice d’habilitation loaded.\n');
      }),
    );
}
