/** What the profile module needs from the platform and from other modules (ports). */
import type { Kysely } from 'kysely';
import type { TraceStore } from '../../platform/audit/trace-store.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Db } from '../../platform/db/schema.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import type { AccessGate } from '../access/access-gate.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { PatientsService } from '../patients/patients.service.ts';

/** The type of the vaccination reminder job. */
export const VACCINATION_REMINDER_JOB = 'profile.vaccination_reminder';

/** The documents module as the profile uses it. */
export interface ProfileDocumentsPort {
  /** The "masquer par défaut" setting of the record. */
  maskNewByDefault(patientId: string): Promise<boolean>;
  /** The category of a document the titulaire sees, or undefined; read in `db` (a transaction). */
  categoryOf(db: Db, patientId: string, documentId: string): Promise<string | undefined>;
  /** Saves a PDF as a "Synthèse médicale" document through the documents service; its id. */
  saveSynthese(patientId: string, pdf: Buffer): Promise<string>;
}

/** Dependencies of the profile services. */
export interface ProfileDeps {
  db: Kysely<Database>;
  clock: Clock;
  newId: (prefix: string) => string;
  traces: TraceStore;
  jobs: JobQueue;
  patients: Pick<PatientsService, 'find'>;
  gate: AccessGate;
  notifications: Pick<
    NotificationsService,
    'documentAddedByProfessional' | 'reminderDue' | 'professionalAccessed'
  >;
  documents: ProfileDocumentsPort;
}
