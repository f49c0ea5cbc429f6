/**
 * `carnet traces verify [--patient INS] [--checkpoint FILE]` and `carnet traces checkpoint --out FILE`
 * (SECURITY.md "Traceability"). Verify exits 1 when a chain is broken or behind the checkpoint.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { insSchema } from '@carnet/shared';
import type { Config } from '../config/config.schema.ts';
import type { AppDeps } from '../deps.ts';
import type { Signer } from '../platform/crypto/signing-key.ts';
import { loadSigner } from '../platform/crypto/signing-key.ts';
import type {
  BreakReason,
  ChainProblem,
  CheckpointFile,
} from '../modules/traces/verification.service.ts';
import { checkCheckpointFile } from '../modules/traces/verification.service.ts';

/** Where the commands write (stdout and stderr in the CLI, buffers in tests). */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

const explanations: Record<BreakReason, string> = {
  hash: 'the content of this trace was changed',
  link: 'this trace does not follow the previous one (reordered or replaced)',
  gap: 'this trace is missing (deleted)',
  head: 'the chain head does not match its last trace (traces removed or added at the end)',
  truncated: 'the chain is behind the checkpoint (traces removed at the end)',
  checkpoint: 'this trace is not the one the checkpoint signed',
};

const describe = (p: ChainProblem) =>
  `BROKEN chain ${p.chain} at seq ${p.seq}: ${p.reason} — ${explanations[p.reason]}.`;

/** The signer of checkpoints from the configuration (or the data folder's key file). */
export function signerFor(config: Config, warn?: (message: string) => void): Signer {
  return loadSigner({
    setting: config.traceSigningKey,
    dataDir: resolve(config.dataDir),
    ...(warn ? { warn } : {}),
  });
}

/** Runs `traces verify`; returns the exit code. */
export async function runVerify(
  deps: Pick<AppDeps, 'verification' | 'patients'>,
  options: { patient?: string | undefined; checkpoint?: string | undefined; signer: () => Signer },
  io: Output,
): Promise<number> {
  let chains: string[] | undefined;
  if (options.patient) {
    const patient = await deps.patients.findByIns(options.patient);
    if (!patient) {
      io.err('No record with this INS.\n');
      return 1;
    }
    chains = [patient.id];
  }
  let checkpoint: CheckpointFile | undefined;
  if (options.checkpoint) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(options.checkpoint, 'utf8'));
    } catch {
      io.err(`Cannot read the checkpoint ${options.checkpoint}.\n`);
      return 1;
    }
    const signer = options.signer();
    const why = checkCheckpointFile(parsed, signer);
    if (why) {
      io.err(`The checkpoint ${options.checkpoint} cannot be trusted: ${why}.\n`);
      return 1;
    }
    checkpoint = parsed as CheckpointFile;
  }
  const report = await deps.verification.verify({
    ...(chains ? { chains } : {}),
    ...(checkpoint ? { checkpoint } : {}),
  });
  const against = checkpoint
    ? ` against the checkpoint of ${checkpoint.createdAt} (${checkpoint.heads.length} chains)`
    : '';
  io.out(`Checked ${report.chains} chains, ${report.traces} traces${against}.\n`);
  for (const problem of report.problems) io.out(`${describe(problem)}\n`);
  if (report.problems.length > 0) {
    io.out(`${report.problems.length} of ${report.chains} chains are broken.\n`);
    return 1;
  }
  io.out('Every chain is intact.\n');
  return 0;
}

/** Runs `traces checkpoint`; writes the signed heads to `out` (mode 0600); returns the exit code. */
export async function runCheckpoint(
  deps: Pick<AppDeps, 'verification'>,
  options: { out: string; signer: Signer },
  io: Output,
): Promise<number> {
  const { file, report } = await deps.verification.checkpoint(options.signer);
  if (!file) {
    for (const problem of report.problems) io.out(`${describe(problem)}\n`);
    io.err('No checkpoint written: a checkpoint never vouches for broken chains.\n');
    return 1;
  }
  writeDurably(options.out, `${JSON.stringify(file, null, 2)}\n`);
  io.out(
    `Checkpoint of ${file.heads.length} chains (${report.traces} traces) written to ${options.out}, signed by key ${options.signer.fingerprint}.\n`,
  );
  return 0;
}

/** temp file (0600) → fsync → rename: the checkpoint is whole or absent. */
function writeDurably(path: string, content: string): void {
  const temp = resolve(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

const insArgument = (value: string) => {
  const parsed = insSchema.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError('INS invalide.');
  return parsed.data;
};

const stdio: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Registers `carnet traces verify` and `carnet traces checkpoint`. */
export function registerTracesCommands(
  program: Command,
  config: Config,
  withDeps: (config: Config, run: (deps: AppDeps) => Promise<void>) => Promise<void>,
): void {
  const traces = program.command('traces').description('verify and checkpoint the trace chains');
  traces
    .command('verify')
    .description('recompute every trace chain and report the first broken link of each')
    .option('--patient <ins>', 'only the record with this INS', insArgument)
    .option('--checkpoint <file>', 'also detect chains behind this signed checkpoint')
    .action((o: { patient?: string; checkpoint?: string }) =>
      withDeps(config, async (deps) => {
        const signer = () => signerFor(config, (m) => stdio.err(`${m}\n`));
        process.exitCode = await runVerify(deps, { ...o, signer }, stdio);
      }),
    );
  traces
    .command('checkpoint')
    .description('write the signed heads of every chain to a file to keep elsewhere')
    .requiredOption('--out <file>', 'where to write the checkpoint (JSON)')
    .action((o: { out: string }) =>
      withDeps(config, async (deps) => {
        const signer = signerFor(config, (m) => stdio.err(`${m}\n`));
        process.exitCode = await runCheckpoint(deps, { out: o.out, signer }, stdio);
      }),
    );
}
