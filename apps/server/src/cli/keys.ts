/** `carnet keys rotate|rewrap`: a new master key version, and data keys re-wrapped with it. */
import type { Command } from 'commander';
import type { Config } from '../config/config.schema.ts';
import type { AppDeps } from '../deps.ts';

/**
 * Adds a new master key version (key file only) and, unless told not to, re-wraps every data key
 * with it; blobs are not touched (SECURITY.md "Data at rest"). Servers running with the old
 * keyring cannot unwrap the new keys: restart them, or rotate with `rewrap: false`, restart, then
 * run `rewrapKeys`.
 */
export async function rotateKeys(
  deps: AppDeps,
  options: { rewrap: boolean },
): Promise<{ kekVersion: string; rewrapped: number }> {
  const kekVersion = deps.keyring.rotate();
  const rewrapped = options.rewrap ? await rewrapAll(deps) : 0;
  return { kekVersion, rewrapped };
}

/** Re-wraps every data key not yet under the current key version. */
export async function rewrapKeys(
  deps: AppDeps,
): Promise<{ kekVersion: string; rewrapped: number }> {
  const rewrapped = await rewrapAll(deps);
  return { kekVersion: deps.keyring.currentVersion, rewrapped };
}

/** Documents' versions and messages' attachments: every data key the keyring wraps. */
async function rewrapAll(deps: AppDeps): Promise<number> {
  return (
    (await deps.documentMaintenance.rewrapDataKeys()) +
    (await deps.messaging.maintenance.rewrapDataKeys())
  );
}

/** Registers `carnet keys rotate [--no-rewrap]` and `carnet keys rewrap`. */
export function registerKeysCommands(
  program: Command,
  config: Config,
  withDeps: (config: Config, run: (deps: AppDeps) => Promise<void>) => Promise<void>,
): void {
  const keys = program.command('keys').description('master key rotation');
  keys
    .command('rotate')
    .description(
      'add a new master key version and re-wrap every data key with it (blobs untouched)',
    )
    .option('--no-rewrap', 'only add the key; run `carnet keys rewrap` after restarting servers')
    .action((o: { rewrap: boolean }) =>
      withDeps(config, async (deps) => {
        const result = await rotateKeys(deps, { rewrap: o.rewrap });
        process.stdout.write(
          `Master key ${result.kekVersion} is now current; ${result.rewrapped} data key(s) re-wrapped.\n` +
            'Restart running servers so they load the new key.\n',
        );
      }),
    );
  keys
    .command('rewrap')
    .description('re-wrap every data key not yet under the current master key')
    .action(() =>
      withDeps(config, async (deps) => {
        const result = await rewrapKeys(deps);
        process.stdout.write(
          `${result.rewrapped} data key(s) re-wrapped with ${result.kekVersion}.\n`,
        );
      }),
    );
}
