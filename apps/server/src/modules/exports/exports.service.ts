/**
 * "Télécharger mes données" (PRODUCT.md "Paramètres"): the titulaire (or a legal representative,
 * for a minor's profile) asks, a job builds the archive, an e-mail says it is ready, the signed-in
 * requester downloads it for 7 days, then the
 * daily sweep deletes it. One export at a time per record (also a partial unique index). The
 * archive is an envelope (AES-256-GCM STREAM) under its own data key in the blob store, bound to
 * the record and the export by its additional data; another person's or an expired export is 404.
 */
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import type { DataExport } from '@carnet/shared';
import type { Kysely } from 'kysely';
import type { TraceInput, TraceStore } from '../../platform/audit/trace-store.ts';
import type { BlobStore } from '../../platform/blobs/blob-store.ts';
import { BlobNotFoundError } from '../../platform/blobs/blob-store.ts';
import type { Clock } from '../../platform/clock.ts';
import { createDecryptStream } from '../../platform/crypto/envelope.ts';
import type { Keyring } from '../../platform/crypto/keyring.ts';
import { isUniqueViolation } from '../../platform/db/database.ts';
import type { Database, Db } from '../../platform/db/schema.ts';
import type { DataExportsTable } from '../../platform/db/schema-lifecycle.ts';
import { notFound } from '../../platform/http/app-error.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import type { Outbox } from '../../platform/mail/outbox.ts';
import type { PatientsService } from '../patients/patients.service.ts';
import type { ExportContributor } from './export-contributors.ts';
import { exportsErrors } from './exports.errors.ts';
import { createExportsRepository } from './exports.repository.ts';

/** How long a ready archive can be downloaded. */
export const EXPORT_LIFETIME_MS = 7 * 24 * 3600_000;

/** The job type that builds an archive. */
export const EXPORT_JOB = 'export.build';

/** Dependencies of the exports module. */
export interface ExportsDeps {
  db: Kysely<Database>;
  clock: Clock;
  newId: (prefix: string) => string;
  keyring: Keyring;
  blobs: BlobStore;
  traces: TraceStore;
  jobs: JobQueue;
  outbox: Outbox;
  patients: Pick<PatientsService, 'find'>;
  publicUrl: string;
  /** The sources of the archive's content (deps.ts): patient, documents, history… */
  contributors: () => readonly ExportContributor[];
}

/** Who asks for, follows and downloads an export: the selected profile and the acting person. */
export interface ExportRequester {
  /** The record exported (the selected profile). */
  patientId: string;
  /** The acting person's own patient id (the titulaire's, or her representative's). */
  personId: string;
  role: 'titulaire' | 'representant-legal';
  /** The trace actor ("pour le compte de" added by the trace store). */
  actor: TraceInput['actor'];
}

/** The person who asked for an export (rows before 0014 were the titulaire's). */
export const requesterOf = (row: Pick<DataExportsTable, 'requested_by' | 'patient_id'>): string =>
  row.requested_by ?? row.patient_id;

/** Blob key of an archive. */
export const exportBlobKey = (exportId: string): string => `exports/${exportId}`;

/** Additional data of an archive's envelope: the record and the export. */
export const exportAad = (row: Pick<DataExportsTable, 'patient_id' | 'id'>): string =>
  `carnet/export/v1|${row.patient_id}|${row.id}`;

/** The wire form of an export; a ready one past its date reads as expired. */
export function toDataExport(row: DataExportsTable, now: Date): DataExport {
  const expired =
    row.status === 'ready' && row.expires_at !== null && row.expires_at <= now.toISOString();
  return {
    id: row.id,
    status: expired ? 'expired' : row.status,
    progress: Number(row.progress),
    requestedAt: row.requested_at,
    readyAt: row.ready_at,
    expiresAt: row.expires_at,
    size: row.size === null ? null : Number(row.size),
  };
}

/** Creates the exports service (requests, status, download, sweep, erasure). */
export function createExportsService(deps: ExportsDeps) {
  const { db, clock } = deps;

  async function removeBlob(row: DataExportsTable): Promise<void> {
    if (row.blob_key) await deps.blobs.delete(row.blob_key);
  }

  return {
    /**
     * Asks for a new archive of the selected profile (its titulaire, or a legal representative of
     * a minor); 409 while one is waiting or being built. The requester is stored: only she
     * downloads it, the e-mail goes to her, and a representative's archive leaves out what she
     * may not see.
     */
    async request(person: ExportRequester): Promise<DataExport> {
      const { patientId } = person;
      const now = clock.now().toISOString();
      const row: DataExportsTable = {
        id: deps.newId('exp'),
        patient_id: patientId,
        status: 'pending',
        progress: 0,
        requested_at: now,
        ready_at: null,
        expires_at: null,
        blob_key: null,
        wrapped_key: null,
        kek_version: null,
        size: null,
        requested_by: person.personId,
        requester_role: person.role,
      };
      try {
        await db.transaction().execute(async (trx) => {
          const repository = createExportsRepository(trx);
          const running = await repository.findRunning(patientId);
          if (running)
            throw running.requested_by === person.personId
              ? exportsErrors.alreadyRunning()
              : exportsErrors.runningForAnother();
          await repository.insert(row);
          await deps.jobs.enqueue(trx, {
            type: EXPORT_JOB,
            patientId,
            payload: { exportId: row.id },
          });
          await deps.traces.append(trx, {
            patientId,
            actor: person.actor,
            action: 'export.request',
            target: { type: 'export', id: row.id },
          });
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw exportsErrors.alreadyRunning();
        throw error;
      }
      deps.jobs.notify();
      return toDataExport(row, clock.now());
    },

    /** The requester's newest export of the record, or null. */
    async current(
      person: Pick<ExportRequester, 'patientId' | 'personId'>,
    ): Promise<DataExport | null> {
      const row = await createExportsRepository(db).latest(person.patientId, person.personId);
      return row ? toDataExport(row, clock.now()) : null;
    },

    /** Opens a ready archive of this record for download, traced; anything else is 404. */
    async download(
      person: ExportRequester,
      exportId: string,
    ): Promise<{ stream: Readable; fileName: string; size: number }> {
      const { patientId } = person;
      const row = await createExportsRepository(db).find(exportId);
      const now = clock.now();
      if (
        !row ||
        row.patient_id !== patientId ||
        requesterOf(row) !== person.personId ||
        row.status !== 'ready' ||
        !row.expires_at ||
        row.expires_at <= now.toISOString() ||
        !row.wrapped_key ||
        !row.kek_version ||
        !row.blob_key
      )
        throw notFound();
      const key = deps.keyring.unwrapKey({
        kekVersion: row.kek_version,
        wrapped: Buffer.from(row.wrapped_key, 'base64'),
      });
      let source: Readable;
      try {
        source = await deps.blobs.get(row.blob_key);
      } catch (error) {
        if (error instanceof BlobNotFoundError) throw notFound();
        throw error;
      }
      await deps.traces.append(db, {
        patientId,
        actor: person.actor,
        action: 'export.download',
        target: { type: 'export', id: row.id },
      });
      const stream = pipeline(
        source,
        createDecryptStream({ key, aad: exportAad(row) }),
        () => undefined,
      );
      return {
        stream,
        fileName: `carnet-mes-donnees-${row.requested_at.slice(0, 10)}.zip`,
        size: Number(row.size ?? 0),
      };
    },

    /** Daily: deletes the archives past their 7 days; returns how many. */
    async sweepExpired(): Promise<number> {
      const rows = await createExportsRepository(db).listExpired(clock.now().toISOString(), 200);
      for (const row of rows) {
        await createExportsRepository(db).update(row.id, {
          status: 'expired',
          wrapped_key: '',
        });
        await removeBlob(row);
      }
      return rows.length;
    },

    /** The module's eraser (a lifecycle `RecordEraser`): rows now, archives after the commit. */
    eraser: {
      async erase(trx: Db, patientId: string): Promise<() => Promise<void>> {
        const repository = createExportsRepository(trx);
        const rows = await repository.listOf(patientId);
        await repository.removeAll(patientId);
        return async () => {
          for (const row of rows) await removeBlob(row);
        };
      },
    },
  };
}

/** The exports service. */
export type ExportsService = ReturnType<typeof createExportsService>;
