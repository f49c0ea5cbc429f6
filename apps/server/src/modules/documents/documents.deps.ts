/** What the documents services need, wired once in deps.ts. */
import type { Kysely } from 'kysely';
import type { TraceStore } from '../../platform/audit/trace-store.ts';
import type { BlobStore } from '../../platform/blobs/blob-store.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Keyring } from '../../platform/crypto/keyring.ts';
import type { Database, Db } from '../../platform/db/schema.ts';
import type { PreviewRenderer } from '../../platform/files/preview-renderer.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import type { AccessGate } from '../access/access-gate.service.ts';

/** Dependencies of the documents services. */
export interface DocumentsDeps {
  db: Kysely<Database>;
  clock: Clock;
  newId: (prefix: string) => string;
  keyring: Keyring;
  blobs: BlobStore;
  traces: TraceStore;
  jobs: JobQueue;
  previews: PreviewRenderer;
  /** CARNET_MAX_DOCUMENT_BYTES. */
  maxDocumentBytes: number;
}

/** The job type that renders a version's preview and thumbnail. */
export const PREVIEW_JOB = 'document.preview';

/** The job that tells the patient, 2 weeks on, that a document invisible to them awaits. */
export const DOCUMENT_AWAITING_JOB = 'document.awaiting_notice';

/** The notifications the documents module sends, inside the transaction of the action. */
export interface DocumentNotifications {
  professionalAccessed(
    trx: Db,
    input: { patientId: string; professionalId: string },
  ): Promise<boolean>;
  documentAddedByProfessional(
    trx: Db,
    input: { patientId: string; professionalId: string; change?: 'added' | 'changed' },
  ): Promise<boolean>;
  documentAwaiting(
    trx: Db,
    input: { patientId: string; documentId: string; visibleFrom: string },
  ): Promise<boolean>;
}

/** What the professional side of documents needs from other modules (wired in deps.ts). */
export interface DocumentsPorts {
  /**
   * The access gate: facts read now, decision traced in the caller's transaction (`check`), or
   * traced by the caller in a group commit after its read (`decideForRead`, the ITI-67 search).
   */
  gate: Pick<AccessGate, 'check' | 'decideForRead'>;
  notifications: DocumentNotifications;
  /** Whether the patient is a minor today (delegations service): INVISIBLE_REPRESENTANTS_LEGAUX. */
  minors: { isMinor(patientId: string, on: Db): Promise<boolean> };
}
