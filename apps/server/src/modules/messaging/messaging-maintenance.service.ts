/**
 * The sweep of attachment blobs a crash left between staging and commit (SECURITY.md
 * "Durability"): a `messages/att_…` blob without its row, older than an hour, is removed; a
 * younger one may belong to a message being sent and is kept. `carnet check` runs it.
 */
import { attachmentIdOfBlobKey } from './message-files.ts';
import type { MessagingDeps } from './messaging.deps.ts';
import { createMessagingRepository } from './messaging.repository.ts';

/** What the sweep found. */
export interface AttachmentSweepReport {
  orphansRemoved: number;
  orphansKept: number;
}

/** Creates the messaging maintenance. */
export function createMessagingMaintenance(deps: Pick<MessagingDeps, 'db' | 'clock' | 'blobs'>) {
  return {
    /** Removes attachment blobs without a row older than `orphanAgeMs` (default one hour). */
    async sweepOrphanAttachments(
      options: { orphanAgeMs?: number } = {},
    ): Promise<AttachmentSweepReport> {
      const cutoff = deps.clock.now().getTime() - (options.orphanAgeMs ?? 3600_000);
      const report: AttachmentSweepReport = { orphansRemoved: 0, orphansKept: 0 };
      const candidates: Array<{ key: string; id: string; modifiedAt: Date }> = [];
      for await (const entry of deps.blobs.list()) {
        const id = attachmentIdOfBlobKey(entry.key);
        if (id) candidates.push({ key: entry.key, id, modifiedAt: entry.modifiedAt });
      }
      const repo = createMessagingRepository(deps.db);
      for (let i = 0; i < candidates.length; i += 500) {
        const batch = candidates.slice(i, i + 500);
        const existing = await repo.existingAttachments(batch.map((b) => b.id));
        for (const blob of batch) {
          if (existing.has(blob.id)) continue;
          if (blob.modifiedAt.getTime() >= cutoff) {
            report.orphansKept++;
            continue;
          }
          await deps.blobs.delete(blob.key);
          report.orphansRemoved++;
        }
      }
      return report;
    },
  };
}
