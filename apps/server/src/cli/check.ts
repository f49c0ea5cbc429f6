/** `carnet check`: rows without blobs (incidents), orphan blobs and stale temp files (swept). */
import type { Command } from 'commander';
import type { Config } from '../config/config.schema.ts';
import type { AppDeps } from '../deps.ts';
import type { CheckReport } from '../modules/documents/document-maintenance.service.ts';

/** Runs the check; `incidents` > 0 means the exit code must be non-zero. */
export async function runCheck(
  deps: AppDeps,
  options: { deep: boolean },
): Promise<{ report: CheckReport; incidents: number; text: string }> {
  const report = await deps.documentMaintenance.check({ deep: options.deep });
  const attachments = await deps.messaging.maintenance.sweepOrphanAttachments();
  const incidents = report.missingBlobs.length + report.corrupted.length;
  const lines = [
    `Document versions checked: ${report.versions}${options.deep ? ' (decrypted and hashed)' : ''}`,
    `Versions without their blob: ${report.missingBlobs.length}`,
    ...report.missingBlobs.map((id) => `  missing blob: ${id}`),
    ...(options.deep
      ? [`Versions that do not decrypt or match their SHA-256: ${report.corrupted.length}`]
      : []),
    ...report.corrupted.map((id) => `  corrupted: ${id}`),
    `Orphan blobs removed (older than one hour): ${report.orphansRemoved}`,
    `Orphan blobs kept (younger than one hour): ${report.orphansKept}`,
    `Stale temp files removed: ${report.tempFilesRemoved}`,
    `Orphan message attachments removed (older than one hour): ${attachments.orphansRemoved}`,
    `Orphan message attachments kept (younger than one hour): ${attachments.orphansKept}`,
    incidents === 0 ? 'No incident.' : `${incidents} incident(s).`,
  ];
  return { report, incidents, text: `${lines.join('\n')}\n` };
}

/** Registers `carnet check [--deep]`; exits 1 when an incident is found. */
export function registerCheckCommand(
  program: Command,
  config: Config,
  withDeps: (config: Config, run: (deps: AppDeps) => Promise<void>) => Promise<void>,
): void {
  program
    .command('check')
    .description('report document rows without blobs; remove orphan blobs older than an hour')
    .option('--deep', 'also decrypt every document and compare its SHA-256')
    .action((o: { deep?: boolean }) =>
      withDeps(config, async (deps) => {
        const { incidents, text } = await runCheck(deps, { deep: Boolean(o.deep) });
        process.stdout.write(text);
        if (incidents > 0) process.exitCode = 1;
      }),
    );
}
