/** What the accounts services need. */
import type { Kysely } from 'kysely';
import type { TraceStore } from '../../platform/audit/trace-store.ts';
import type { Clock } from '../../platform/clock.ts';
import type { PasswordHasher } from '../../platform/crypto/passwords.ts';
import type { Database } from '../../platform/db/schema.ts';
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
}
