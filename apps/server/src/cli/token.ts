/**
 * `carnet token --rpps <RPPS> [--minutes N]` (issue 10): issues an access token of the FHIR API for
 * a professional with an account, for operators and tests; the token is the output's last line.
 * `carnet token revoke --rpps <RPPS>` revokes every token of that professional.
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { Config } from '../config/config.schema.ts';
import type { AppDeps } from '../deps.ts';
import { MAX_TOKEN_MINUTES } from '../modules/api-tokens/api-tokens.service.ts';
import { AppError } from '../platform/http/app-error.ts';

type WithDeps = (config: Config, run: (deps: AppDeps) => Promise<void>) => Promise<void>;

const parseRpps = (value: string) => {
  if (!/^\d{11}$/.test(value))
    throw new InvalidArgumentError('Le numéro RPPS comporte 11 chiffres.');
  return value;
};
const parseMinutes = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_TOKEN_MINUTES)
    throw new InvalidArgumentError(`--minutes va de 1 à ${MAX_TOKEN_MINUTES}.`);
  return n;
};

/** Issues a token; returns the lines to print (the token last). */
export async function issueToken(
  deps: Pick<AppDeps, 'apiTokens'>,
  input: { rpps: string; minutes?: number | undefined },
): Promise<string[]> {
  const { token, expiresAt } = await deps.apiTokens.issueForRpps(input.rpps, input.minutes);
  return [`Access token for RPPS ${input.rpps}, valid until ${expiresAt}:`, token];
}

/** Registers `token` and `token revoke`. */
export function registerTokenCommands(program: Command, config: Config, withDeps: WithDeps) {
  const token = program
    .command('token')
    .description('issue a FHIR API access token for a professional (printed on the last line)')
    .requiredOption('--rpps <rpps>', 'RPPS number (11 digits)', parseRpps)
    .option(
      '--minutes <n>',
      `lifetime in minutes (1–${MAX_TOKEN_MINUTES}, default ${MAX_TOKEN_MINUTES})`,
      parseMinutes,
    )
    .action((o: { rpps: string; minutes?: number }) =>
      withDeps(config, async (deps) => {
        const lines = await issueToken(deps, o);
        process.stdout.write(`${lines.join('\n')}\n`);
      }),
    );
  token
    .command('revoke')
    .description('revoke every FHIR API token of a professional')
    .requiredOption('--rpps <rpps>', 'RPPS number (11 digits)', parseRpps)
    .action((o: { rpps: string }) =>
      withDeps(config, async (deps) => {
        const ps = await deps.professionals.findByRpps(deps.database.db, o.rpps);
        if (!ps)
          throw new AppError('token.no_account', 404, 'Aucun professionnel avec ce numéro RPPS.');
        const n = await deps.apiTokens.revokeAllOf(ps.id);
        process.stdout.write(`${n} token(s) revoked.\n`);
      }),
    );
}
