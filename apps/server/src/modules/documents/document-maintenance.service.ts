/**
 * Operator tasks on stored documents (SECURITY.md "Data at rest", "Durability"):
 * - re-wrapping every data key with the current KEK after a rotation, without touching blobs;
 * - checking that every version has its blob (a row without a blob is an incident), removing
 *   blobs without a row once older than an hour (garbage of crashed uploads or deletions) and
 *   stale temp files. With `deep`, every file is decrypted and its SHA-256 compared.
 */
import { createHash } from 'node:crypto';
import type { BlobStore } from '../../platform/blobs/blob-store.ts';
import type { DocumentFiles } from './document-files.ts';
import { versionIdOfBlobKey } from './document-files.ts';
import type { DocumentsDeps } from './documents.deps.ts';

/** What `check` found. */
export interface CheckReport {
  versions: number;
  /** Versions whose blob is missing: incidents. */
  missingBlobs: string[];
  /** Versions whose file does not decrypt or does not match its SHA-256 (deep only): incidents. */
  corrupted: string[];
  orphansRemoved: number;
  /** Orphans younger than the grace period: possibly an upload committing right now. */
  orphansKept: number;
  tempFilesRemoved: number;
}

/** A blob store that can also sweep its abandoned temp files (the file-system one can). */
type SweepableBlobStore = BlobStore & { sweepTemp?(olderThanMs: number): Promise<number> };

const BATCH = 500;

/** Creates the maintenance service. */
export function createDocumentMaintenanceService(deps: DocumentsDeps, files: DocumentFiles) {
  const { db } = deps;

  async function existingVersions(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await db
      .selectFrom('document_versions')
      .select('id')
      .where('id', 'in', ids)
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  return {
    /** Re-wraps every data key not under the current KEK, in batches; returns how many. */
    async rewrapDataKeys(options: { batchSize?: number } = {}): Promise<number> {
      const current = deps.keyring.currentVersion;
      const batchSize = options.batchSize ?? 200;
      let after = '';
      let total = 0;
      for (;;) {
        const rows = await db
          .selectFrom('document_versions')
          .select([
            'id',
            'patient_id',
            'document_id',
            'version',
            'blob_key',
            'wrapped_key',
            'kek_version',
          ])
          .where('kek_version', '!=', current)
          .where('wrapped_key', '!=', '')
          .where('id', '>', after)
          .orderBy('id')
          .limit(batchSize)
          .execute();
        if (rows.length === 0) break;
        await db.transaction().execute(async (trx) => {
          for (const row of rows) {
            const key = files.unwrap(row);
            const wrapped = files.wrap(key);
            key.fill(0);
            // Conditional: a concurrent rewrap or deletion wins, nothing is overwritten blindly.
            const result = await trx
              .updateTable('document_versions')
              .set(wrapped)
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
            details: { count: rows.length, kekVersion: current },
          });
        });
        after = rows[rows.length - 1]!.id;
      }
      return total;
    },

    /** Checks rows against blobs and sweeps garbage; see CheckReport. */
    async check(options: { orphanAgeMs?: number; deep?: boolean } = {}): Promise<CheckReport> {
      const orphanAgeMs = options.orphanAgeMs ?? 3600_000;
      const report: CheckReport = {
        versions: 0,
        missingBlobs: [],
        corrupted: [],
        orphansRemoved: 0,
        orphansKept: 0,
        tempFilesRemoved: 0,
      };
      let after = '';
      for (;;) {
        const rows = await db
          .selectFrom('document_versions')
          .selectAll()
          .where('id', '>', after)
          .orderBy('id')
          .limit(BATCH)
          .execute();
        if (rows.length === 0) break;
        for (const row of rows) {
          report.versions++;
          if (!(await deps.blobs.exists(row.blob_key))) {
            report.missingBlobs.push(row.id);
            continue;
          }
          if (!options.deep) continue;
          try {
            const hash = createHash('sha256');
            for await (const chunk of await files.openFile(row)) hash.update(chunk as Buffer);
            if (hash.digest('hex') !== row.sha256) report.corrupted.push(row.id);
          } catch {
            report.corrupted.push(row.id);
          }
        }
        after = rows[rows.length - 1]!.id;
      }

      const cutoff = deps.clock.now().getTime() - orphanAgeMs;
      const sweep = async (batch: Array<{ key: string; versionId: string; modifiedAt: Date }>) => {
        const existing = await existingVersions([...new Set(batch.map((b) => b.versionId))]);
        for (const blob of batch) {
          if (existing.has(blob.versionId)) continue;
          if (blob.modifiedAt.getTime() >= cutoff) {
            report.orphansKept++;
            continue;
          }
          await deps.blobs.delete(blob.key);
          report.orphansRemoved++;
        }
      };
      let batch: Array<{ key: string; versionId: string; modifiedAt: Date }> = [];
      for await (const entry of deps.blobs.list()) {
        const versionId = versionIdOfBlobKey(entry.key);
        if (!versionId) continue; // not a document blob: another domain's
        batch.push({ key: entry.key, versionId, modifiedAt: entry.modifiedAt });
        if (batch.length >= BATCH) {
          await sweep(batch);
          batch = [];
        }
      }
      await sweep(batch);
      const store = deps.blobs as SweepableBlobStore;
      if (store.sweepTemp) report.tempFilesRemoved = await store.sweepTemp(orphanAgeMs);
      return report;
    },
  };
}

/** The maintenance service. */
export type DocumentMaintenanceService = ReturnType<typeof createDocumentMaintenanceService>;
