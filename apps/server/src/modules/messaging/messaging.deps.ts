/** What the messaging services need, wired once in deps.ts. */
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { TraceStore } from '../../platform/audit/trace-store.ts';
import type { BlobStore } from '../../platform/blobs/blob-store.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Db } from '../../platform/db/schema.ts';
import type { AccessGate } from '../access/access-gate.service.ts';
import type { PatientsService } from '../patients/patients.service.ts';
import type { ProfessionalsService } from '../professionals/professionals.service.ts';
import type { MessageFiles } from './message-files.ts';

/** A file as the documents module reads or receives it. */
export interface PortFile {
  stream: Readable;
  fileName: string;
  contentType: string;
}

/** What messaging asks of the documents module (through its services, wired in deps.ts). */
export interface MessagingDocumentsPort {
  /** The decrypted file of a document the titulaire sees; throws the 404 otherwise. */
  openOwn(patientId: string, documentId: string): Promise<PortFile>;
  /** Adds a document to the record on the patient's action; the new document's id. */
  addFromMessage(input: {
    patientId: string;
    author:
      { type: 'patient' } | { type: 'professional'; id: string; name: string; profession: string };
    title: string;
    category: string;
    file: PortFile;
  }): Promise<string>;
}

/** Dependencies of the messaging services. */
export interface MessagingDeps {
  db: Kysely<Database>;
  clock: Clock;
  newId: (prefix: string) => string;
  traces: TraceStore;
  files: MessageFiles;
  /** The documents' blob store (attachments live under `messages/`). */
  blobs: BlobStore;
  /** Largest attachment (CARNET_MAX_DOCUMENT_BYTES: the documents' limit). */
  maxFileBytes: number;
  /** The access gate: facts read now, decision traced in the caller's transaction. */
  gate: Pick<AccessGate, 'check' | 'loadContext'>;
  patients: Pick<PatientsService, 'find'>;
  professionals: Pick<ProfessionalsService, 'find' | 'findMany'>;
  /** "Vous avez reçu un nouveau message", queued in the transaction of the message. */
  notifications: { messageReceived(trx: Db, input: { patientId: string }): Promise<boolean> };
  documents: MessagingDocumentsPort;
}
