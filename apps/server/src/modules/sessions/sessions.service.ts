/**
 * Server-side sessions (SECURITY.md "Sessions and requests"): 256-bit random ids stored hashed,
 * a new id at each sign-in step, idle and absolute timeouts, listing and ending sessions.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import { isoPlus } from '../../platform/clock.ts';
import { randomToken, sha256Hex } from '../../platform/crypto/secrets.ts';
import type { Database, Db, SessionsTable } from '../../platform/db/schema.ts';
import { createSessionsRepository } from './sessions.repository.ts';

/** Timeouts of sessions. */
export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
  /** Lifetime of a half-open session (password given, code not yet). */
  pendingMs: number;
}

/** A live session as the rest of the server sees it. */
export type Session = SessionsTable;

/** Opens, checks, rotates and ends sessions. */
export function createSessionsService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  newId: (prefix: string) => string;
  policy: SessionPolicy;
}) {
  const { clock, policy } = deps;

  async function insert(
    db: Db,
    fields: Pick<SessionsTable, 'account_id' | 'patient_id' | 'level' | 'user_agent'> & {
      expires_at?: string;
    },
  ) {
    const token = randomToken(32);
    const now = clock.now();
    const row: SessionsTable = {
      id: deps.newId('ses'),
      token_hash: sha256Hex(token),
      account_id: fields.account_id,
      patient_id: fields.patient_id,
      acting_patient_id: null,
      level: fields.level,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at:
        fields.expires_at ??
        isoPlus(now, fields.level === 'full' ? policy.absoluteMs : policy.pendingMs),
      user_agent: fields.user_agent.slice(0, 300),
    };
    await createSessionsRepository(db).insert(row);
    return { token, session: row };
  }

  return {
    /** Opens a session and returns the cookie value (only its hash is stored). */
    open(
      db: Db,
      fields: Pick<SessionsTable, 'account_id' | 'patient_id' | 'level' | 'user_agent'>,
    ) {
      return insert(db, fields);
    },

    /** Replaces a session by a new id at a new level (no fixation); the old id stops working. */
    async rotate(db: Db, old: Session, level: Session['level']) {
      await createSessionsRepository(db).delete(old.id);
      const now = clock.now();
      const expires = level === 'full' ? isoPlus(now, policy.absoluteMs) : old.expires_at;
      return insert(db, {
        account_id: old.account_id,
        patient_id: old.patient_id,
        level,
        user_agent: old.user_agent,
        expires_at: expires,
      });
    },

    /** The live session behind a cookie value, or undefined (expired ones are deleted). */
    async authenticate(token: string): Promise<Session | undefined> {
      const repo = createSessionsRepository(deps.db);
      const session = await repo.findByTokenHash(sha256Hex(token));
      if (!session) return undefined;
      const now = clock.now();
      const idleLimit = session.level === 'full' ? policy.idleMs : policy.pendingMs;
      if (
        session.expires_at <= now.toISOString() ||
        isoPlus(new Date(session.last_seen_at), idleLimit) <= now.toISOString()
      ) {
        await repo.delete(session.id);
        return undefined;
      }
      // Writing on every request would be costly; a few seconds of slack on the idle timeout is fine.
      if (now.getTime() - new Date(session.last_seen_at).getTime() > 5_000) {
        const at = now.toISOString();
        await repo.touch(session.id, at);
        session.last_seen_at = at;
      }
      return session;
    },

    /** Selects the profile the session acts on (null: its own); the caller checked the relation. */
    async selectProfile(id: string, patientId: string | null): Promise<void> {
      await createSessionsRepository(deps.db).setActingPatient(id, patientId);
    },

    /** Ends one session (sign-out). */
    async end(db: Db, id: string): Promise<boolean> {
      return createSessionsRepository(db).delete(id);
    },

    /** Ends every session of an account (password reset, closure), but `exceptId`. */
    async endAll(db: Db, accountId: string, exceptId?: string): Promise<void> {
      await createSessionsRepository(db).deleteForAccount(accountId, exceptId);
    },

    /** Live full sessions of an account. */
    async list(accountId: string): Promise<Session[]> {
      const now = clock.now();
      const sessions = await createSessionsRepository(deps.db).listForAccount(accountId);
      return sessions.filter(
        (s) =>
          s.expires_at > now.toISOString() &&
          isoPlus(new Date(s.last_seen_at), policy.idleMs) > now.toISOString(),
      );
    },
  };
}

/** The sessions service. */
export type SessionsService = ReturnType<typeof createSessionsService>;
