/**
 * Append-only, hash-chained traces (SECURITY.md "Traceability"): one chain per record, written in
 * the caller's transaction so the trace commits or rolls back with the action it records.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Db, TracesTable } from '../db/schema.ts';

/** What a caller records. */
export interface TraceInput {
  /** Record (patient id) the action is on; null for actions outside any record. */
  patientId: string | null;
  actor: {
    type:
      | 'patient'
      | 'professional'
      | 'legal-representative'
      | 'aidant'
      | 'operator'
      | 'system'
      | 'anonymous';
    id: string | null;
  };
  /** `<domain>.<verb>`, e.g. `auth.sign_in`, `document.read`. */
  action: string;
  target?: { type: string; id: string } | undefined;
  mode?: 'normal' | 'urgence';
  outcome?: 'success' | 'denied' | 'failure';
  /** Small non-health facts (reason of an emergency access, channel…). */
  details?: Record<string, string | number | boolean | null>;
}

/** The hash of the first link of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** Canonical content hashed into the chain: every column but the hash itself. */
export function traceHash(row: Omit<TracesTable, 'hash'>): string {
  const canonical = JSON.stringify([
    row.id,
    row.chain,
    row.seq,
    row.patient_id,
    row.at,
    row.actor_type,
    row.actor_id,
    row.action,
    row.target_type,
    row.target_id,
    row.mode,
    row.outcome,
    row.details,
    row.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Writes traces into a chain; the head row serializes appends per chain on PostgreSQL. */
export function createTraceStore(deps: { clock: Clock; newId: (prefix: string) => string }) {
  return {
    /** Appends one trace inside `db` (pass the action's transaction). */
    async append(db: Db, input: TraceInput): Promise<TracesTable> {
      const chain = input.patientId ?? 'platform';
      // A representative or an aidant acts "pour le compte de" the record's titulaire (issue 13).
      const onBehalf =
        (input.actor.type === 'legal-representative' || input.actor.type === 'aidant') &&
        input.patientId !== null
          ? { pourLeCompteDe: input.patientId }
          : {};
      // The UPDATE takes the row lock until commit; it returns the new seq and the previous hash.
      const advance = () =>
        db
          .updateTable('trace_heads')
          .set((eb) => ({ seq: eb('seq', '+', 1) }))
          .where('chain', '=', chain)
          .returning(['seq', 'hash'])
          .executeTakeFirst();
      // The chain's head exists but for its very first trace: one statement less on every append.
      let head = await advance();
      if (!head) {
        await db
          .insertInto('trace_heads')
          .values({ chain, seq: 0, hash: GENESIS_HASH })
          .onConflict((oc) => oc.column('chain').doNothing())
          .execute();
        head = await advance();
        if (!head) throw new Error(`trace chain ${chain} has no head`);
      }
      const partial: Omit<TracesTable, 'hash'> = {
        id: deps.newId('trc'),
        chain,
        seq: Number(head.seq),
        patient_id: input.patientId,
        at: deps.clock.now().toISOString(),
        actor_type: input.actor.type,
        actor_id: input.actor.id,
        action: input.action,
        target_type: input.target?.type ?? null,
        target_id: input.target?.id ?? null,
        mode: input.mode ?? 'normal',
        outcome: input.outcome ?? 'success',
        details: JSON.stringify({ ...(input.details ?? {}), ...onBehalf }),
        prev_hash: head.hash,
      };
      const row: TracesTable = { ...partial, hash: traceHash(partial) };
      await db.insertInto('traces').values(row).execute();
      await db
        .updateTable('trace_heads')
        .set({ hash: row.hash })
        .where('chain', '=', chain)
        .execute();
      return row;
    },
  };
}

/** The trace store. */
export type TraceStore = ReturnType<typeof createTraceStore>;

/** The first broken link of a chain, or undefined when the chain is whole. */
export interface ChainBreak {
  chain: string;
  seq: number;
  reason: 'hash' | 'link' | 'gap' | 'head';
}

/** Recomputes a chain from its rows (ordered by seq) and its head; reports the first broken link. */
export function verifyChain(
  rows: TracesTable[],
  head: { seq: number; hash: string } | undefined,
): ChainBreak | undefined {
  let prev = GENESIS_HASH;
  let expected = 1;
  for (const row of rows) {
    const { hash, ...rest } = row;
    if (Number(row.seq) !== expected) return { chain: row.chain, seq: expected, reason: 'gap' };
    if (row.prev_hash !== prev) return { chain: row.chain, seq: Number(row.seq), reason: 'link' };
    if (traceHash({ ...rest, seq: Number(rest.seq) }) !== hash)
      return { chain: row.chain, seq: Number(row.seq), reason: 'hash' };
    prev = hash;
    expected += 1;
  }
  const chain = rows[0]?.chain ?? '';
  if (head && (Number(head.seq) !== expected - 1 || head.hash !== prev))
    return { chain, seq: expected, reason: 'head' };
  return undefined;
}
