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
export function createMessagingMaintenance(
  deps: Pick<MessagingDeps, 'db' | 'clock' | 'blobs' | 'files' | 'traces'>,
) {
  return {
    /**
     * Re-wraps every attachment data key not under the current KEK (after `keys rotate`), in
     * batches, blobs untouched — as the documents' versions are, so an old master key can go.
     */
    async rewrapDataKeys(options: { batchSize?: number } = {}): Promise<number> {
      const current = deps.files.currentKekVersion;
      let after = '';
      let total = 0;
      for (;;) {
        const rows = await deps.db
          .selectFrom('message_attachments')
          .select(['id', 'wrapped_key', 'kek_version'])
          .where('kek_version', '!=', current)
          .where('id', '>', after)
          .orderBy('id')
          .limit(options.batchSize ?? 200)
          .execute();
        if (rows.length === 0) break;
        await deps.db.transaction().execute(async (trx) => {
          for (const row of rows) {
            // Conditional: a concurrent rewrap wins, nothing is overwritten blindly.
            const result = await trx
              .updateTable('message_attachments')
              .set(deps.files.rewrap(row))
              .where('id', '=', row.id)
              .where('kek_version', '=', row.kek_version)
              .where('wrapped_key', '=', row.wrapped_key)
              .executeTakeFirst();
            total += Number(result.numUpdatedRows);
          }
          await deps.traces.append(trx, {
            patientId: null,
            actor: { type: 'operator', id: null },
            action: 'keys.rewrap',
            details: { count: rows.length, kekVersion: current, of: 'message_attachments' },
          });
        });
        after = rows[rows.length - 1]!.id;
      }
      return total;
    },

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
