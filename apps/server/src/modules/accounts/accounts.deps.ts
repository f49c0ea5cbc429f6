/** What the accounts services need. */
import type { Kysely } from 'kysely';
import type { TraceStore } from '../../platform/audit/trace-store.ts';
import type { Clock } from '../../platform/clock.ts';
import type { PasswordHasher } from '../../platform/crypto/passwords.ts';
import type { Database, Db } from '../../platform/db/schema.ts';
import type { Outbox } from '../../platform/mail/outbox.ts';
import type { PatientsService } from '../patients/patients.service.ts';
import type { SessionsService } from '../sessions/sessions.service.ts';
import type { OtpService } from './otp.service.ts';
import type { PasswordPolicy } from './password-policy.ts';
import type { ThrottleService } from './throttle.service.ts';

/** Dependencies shared by the accounts services. */
export interface AccountsDeps {
  db: Kysely<Database>;
  clock: Clock;
  newId: (prefix: string) => string;
  passwords: PasswordHasher;
  passwordPolicy: PasswordPolicy;
  otp: OtpService;
  throttle: ThrottleService;
  sessions: SessionsService;
  patients: PatientsService;
  outbox: Outbox;
  traces: TraceStore;
  /** Key of the keyed hash of activation codes. */
  codeHashKey: Buffer;
  publicUrl: string;
  /** Tells a patient of a sign-in from a new device (notifications module; always sent). */
  notifyNewDevice?: (trx: Db, input: { patientId: string; device: string }) => Promise<unknown>;
  /** After an activation: a reactivated record's closure and pending deletion are cancelled (lifecycle). */
  onActivated?: (trx: Db, patientId: string) => Promise<boolean>;
}
