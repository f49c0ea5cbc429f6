/** What the documents services need, wired once in deps.ts. */
import type { Kysely } from 'kysely';
import type { TraceStore } from '../../platform/audit/trace-store.ts';
import type { BlobStore } from '../../platform/blobs/blob-store.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Keyring } from '../../platform/crypto/keyring.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { PreviewRenderer } from '../../platform/files/preview-renderer.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';

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
