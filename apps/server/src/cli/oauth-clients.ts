/**
 * `carnet oauth-client add --name <name> --redirect-uri <uri> [--redirect-uri <uri>…] [--no-refresh]`,
 * `carnet oauth-client list`, `carnet oauth-client remove <client_id>` (issue 10): the operator
 * registers professional software (public clients, PKCE); `add` prints the client_id last.
 */
import type { Command } from 'commander';
import type { Config } from '../config/config.schema.ts';
import type { AppDeps } from '../deps.ts';

type WithDeps = (config: Config, run: (deps: AppDeps) => Promise<void>) => Promise<void>;

/** The demo client (README): a loopback redirect URI, as installed software uses (RFC 8252). */
export const demoOAuthClient = {
  clientId: 'lps-demonstration',
  name: 'Logiciel de démonstration',
  redirectUris: ['http://127.0.0.1:8765/callback'],
} as const;

/** Registers the demo client once. */
export async function seedDemoOAuthClient(deps: Pick<AppDeps, 'oauth'>): Promise<void> {
  await deps.oauth.ensureClient({
    ...demoOAuthClient,
    redirectUris: [...demoOAuthClient.redirectUris],
  });
}

/** Registers a client; returns the lines to print (the client_id last). */
export async function addOAuthClient(
  deps: Pick<AppDeps, 'oauth'>,
  input: { name: string; redirectUri: string[]; refresh: boolean },
): Promise<string[]> {
  const client = await deps.oauth.addClient({
    name: input.name,
    redirectUris: input.redirectUri,
    refreshTokens: input.refresh,
  });
  return [
    `Client "${client.name}" registered (public, PKCE S256, redirect URIs: ${client.redirectUris.join(' ')}).`,
    client.clientId,
  ];
}

/** Registers `oauth-client add|list|remove`. */
export function registerOAuthClientCommands(program: Command, config: Config, withDeps: WithDeps) {
  const command = program
    .command('oauth-client')
    .description('register the professional software allowed to use OAuth (FHIR API)');
  command
    .command('add')
    .description('register a client; prints its client_id on the last line')
    .requiredOption('--name <name>', 'name shown to professionals on the consent screen')
    .requiredOption(
      '--redirect-uri <uri>',
      'exact redirect URI (repeatable): https, or http on 127.0.0.1/localhost',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--no-refresh', 'do not issue refresh tokens to this client')
    .action((o: { name: string; redirectUri: string[]; refresh: boolean }) =>
      withDeps(config, async (deps) => {
        process.stdout.write(`${(await addOAuthClient(deps, o)).join('\n')}\n`);
      }),
    );
  command
    .command('list')
    .description('list the registered clients')
    .action(() =>
      withDeps(config, async (deps) => {
        for (const c of await deps.oauth.listClients())
          process.stdout.write(
            `${c.clientId}\t${c.name}\t${c.redirectUris.join(' ')}\t${c.refreshTokens ? 'refresh' : 'no-refresh'}\n`,
          );
      }),
    );
  command
    .command('remove')
    .description('remove a client: its tokens stop working at once')
    .argument('<client_id>')
    .action((clientId: string) =>
      withDeps(config, async (deps) => {
        await deps.oauth.removeClient(clientId);
        process.stdout.write(`Client ${clientId} removed.\n`);
      }),
    );
}
