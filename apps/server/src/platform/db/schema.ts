/** Table types of the database. Timestamps are ISO-8601 UTC text, booleans 0/1: one code path on both dialects. */
import type { Generated, Kysely, Transaction } from 'kysely';
import type { AccessDatabase } from './schema-access.ts';
import type { DocumentsDatabase } from './schema-documents.ts';
import type { DelegationsDatabase } from './schema-delegations.ts';
import type { HistoryDatabase } from './schema-history.ts';
import type { TokensDatabase } from './schema-tokens.ts';
import type { OAuthDatabase } from './schema-oauth.ts';
import type { ProfileDatabase } from './schema-profile.ts';
import type { MessagingDatabase } from './schema-messaging.ts';
import type { LifecycleDatabase } from './schema-lifecycle.ts';

/** A person's record (the titulaire). */
export interface PatientsTable {
  id: string;
  ins: string;
  first_name: string;
  last_name: string;
  birth_date: string;
  email: string | null;
  mobile: string | null;
  status: 'pending-activation' | 'active' | 'closed' | 'opposed';
  created_at: string;
  updated_at: string;
}

/** The directory of health professionals (PS). */
export interface ProfessionalsTable {
  id: string;
  rpps: string;
  first_name: string;
  last_name: string;
  profession: string;
  specialty: string | null;
  is_regulator: number;
  email: string | null;
  created_at: string;
}

/** Credentials of a patient or a professional. */
export interface AccountsTable {
  id: string;
  kind: 'patient' | 'professional';
  patient_id: string | null;
  professional_id: string | null;
  identifiant: string;
  password_hash: string;
  created_at: string;
  password_changed_at: string;
}

/** Devices an account signed in from (hash of a long-lived device cookie). */
export interface KnownDevicesTable {
  id: string;
  account_id: string;
  patient_id: string | null;
  device_hash: string;
  first_seen_at: string;
  last_seen_at: string;
}

/** Single-use activation codes ("code provisoire"), stored hashed. */
export interface ActivationCodesTable {
  id: string;
  patient_id: string;
  code_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** Server-side sessions; only the hash of the cookie value is stored. */
export interface SessionsTable {
  id: string;
  token_hash: string;
  account_id: string;
  patient_id: string | null;
  /** The profile this session acts on (a represented or helped person); null: its own. */
  acting_patient_id: string | null;
  level: 'password' | 'full';
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  user_agent: string;
}

/** One-time codes (sign-in, password reset, contact change), stored as keyed hashes. */
export interface OtpCodesTable {
  id: string;
  account_id: string;
  patient_id: string | null;
  purpose: 'sign-in' | 'password-reset' | 'contact-change';
  flow_id: string;
  channel: 'email' | 'sms';
  destination: string;
  code_hash: string;
  created_at: string;
  expires_at: string;
  wrong_attempts: number;
  consumed_at: string | null;
  dead: number;
}

/** Failure counters for throttling with backoff (per account, per IP). */
export interface ThrottlesTable {
  key: string;
  failures: number;
  window_started_at: string;
  blocked_until: string | null;
}

/** Mail and SMS waiting to be sent; the payload is encrypted and wiped once sent. */
export interface OutboxTable {
  id: string;
  patient_id: string | null;
  channel: 'email' | 'sms';
  payload: string;
  created_at: string;
  attempts: number;
  next_attempt_at: string;
  sent_at: string | null;
  last_error: string | null;
}

/** Append-only, hash-chained traces; one chain per record. */
export interface TracesTable {
  id: string;
  chain: string;
  seq: number;
  patient_id: string | null;
  at: string;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  mode: 'normal' | 'urgence';
  outcome: 'success' | 'denied' | 'failure';
  details: string;
  prev_hash: string;
  hash: string;
}

/** Head of each trace chain, locked while appending. */
export interface TraceHeadsTable {
  chain: string;
  seq: number;
  hash: string;
}

/** The foundation's tables. */
export interface FoundationDatabase {
  patients: PatientsTable;
  professionals: ProfessionalsTable;
  accounts: AccountsTable;
  activation_codes: ActivationCodesTable;
  sessions: SessionsTable;
  known_devices: KnownDevicesTable;
  otp_codes: OtpCodesTable;
  throttles: ThrottlesTable;
  outbox: OutboxTable;
  traces: TracesTable;
  trace_heads: TraceHeadsTable;
}

/** The whole database: each domain declares its tables in its own `schema-<domain>.ts`. */
export interface Database
  extends
    FoundationDatabase,
    DocumentsDatabase,
    AccessDatabase,
    HistoryDatabase,
    TokensDatabase,
    OAuthDatabase,
    ProfileDatabase,
    MessagingDatabase,
    LifecycleDatabase,
    DelegationsDatabase {
  /** Kysely needs one generated column type somewhere to type inserts; unused. */
  _never: { id: Generated<number> };
}

/** A database handle or an open transaction: repositories accept either. */
export type Db = Kysely<Database> | Transaction<Database>;
