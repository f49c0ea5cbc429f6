/**
 * Append-only, hash-chained traces (SECURITY.md "Traceability"): one chain per record, written in
 * the caller's transaction so the trace commits or rolls back with the action it records.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Kysely } from 'kysely';
import type { Database, Db, TracesTable } from '../db/schema.ts';

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

/** A trace waiting for its group's commit. */
interface PendingTrace {
  input: TraceInput;
  at: string;
  resolve(row: TracesTable): void;
  reject(error: unknown): void;
}

/** The traces of one database waiting for a group commit, and whether a flush runs. */
interface TraceQueue {
  pending: PendingTrace[];
  flushing: boolean;
}

/** Most traces written by one group transaction (bounded statement size). */
const MAX_GROUP = 200;

/** The chain a trace belongs to: its record's, or the platform's. */
const chainOf = (input: TraceInput): string => input.patientId ?? 'platform';

/** Writes traces into a chain; the head row serializes appends per chain on PostgreSQL. */
export function createTraceStore(deps: { clock: Clock; newId: (prefix: string) => string }) {
  /**
   * Appends `items` (all of one chain, in order) inside `db`: one UPDATE of the head takes its
   * row lock until commit and returns the new seq and the previous hash, one INSERT writes the
   * links, one UPDATE stores the new head hash — whatever the number of items.
   */
  async function appendToChain(
    db: Db,
    chain: string,
    items: { input: TraceInput; at: string }[],
  ): Promise<TracesTable[]> {
    const advance = () =>
      db
        .updateTable('trace_heads')
        .set((eb) => ({ seq: eb('seq', '+', items.length) }))
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
    let seq = Number(head.seq) - items.length;
    let prev = head.hash;
    const rows = items.map(({ input, at }): TracesTable => {
      // A representative or an aidant acts "pour le compte de" the record's titulaire (issue 13).
      const onBehalf =
        (input.actor.type === 'legal-representative' || input.actor.type === 'aidant') &&
        input.patientId !== null
          ? { pourLeCompteDe: input.patientId }
          : {};
      seq += 1;
      const partial: Omit<TracesTable, 'hash'> = {
        id: deps.newId('trc'),
        chain,
        seq,
        patient_id: input.patientId,
        at,
        actor_type: input.actor.type,
        actor_id: input.actor.id,
        action: input.action,
        target_type: input.target?.type ?? null,
        target_id: input.target?.id ?? null,
        mode: input.mode ?? 'normal',
        outcome: input.outcome ?? 'success',
        details: JSON.stringify({ ...(input.details ?? {}), ...onBehalf }),
        prev_hash: prev,
      };
      const row: TracesTable = { ...partial, hash: traceHash(partial) };
      prev = row.hash;
      return row;
    });
    await db.insertInto('traces').values(rows).execute();
    await db.updateTable('trace_heads').set({ hash: prev }).where('chain', '=', chain).execute();
    return rows;
  }

  /** Traces waiting for a group commit, per database. */
  const queues = new WeakMap<Kysely<Database>, TraceQueue>();

  /** Writes the waiting traces in group transactions until none waits. */
  async function flush(db: Kysely<Database>, queue: TraceQueue): Promise<void> {
    // One turn of the event loop lets the requests already running reach their trace.
    await new Promise((resolve) => setImmediate(resolve));
    while (queue.pending.length > 0) {
      const group = queue.pending.splice(0, MAX_GROUP);
      try {
        const written = await db.transaction().execute(async (trx) => {
          const byChain = new Map<string, PendingTrace[]>();
          for (const item of group) {
            const chain = chainOf(item.input);
            byChain.set(chain, [...(byChain.get(chain) ?? []), item]);
          }
          // Head locks in one order, so two servers' groups never wait on each other in a cycle.
          const result = new Map<PendingTrace, TracesTable>();
          for (const chain of [...byChain.keys()].sort()) {
            const items = byChain.get(chain)!;
            const rows = await appendToChain(trx, chain, items);
            items.forEach((item, i) => result.set(item, rows[i]!));
          }
          return result;
        });
        for (const item of group) item.resolve(written.get(item)!);
      } catch (error) {
        for (const item of group) item.reject(error);
      }
    }
    // In the same synchronous step as the last look at the queue: a trace queued after this
    // starts the next flush itself.
    queue.flushing = false;
  }

  return {
    /** Appends one trace inside `db` (pass the action's transaction). */
    async append(db: Db, input: TraceInput): Promise<TracesTable> {
      const [row] = await appendToChain(db, chainOf(input), [
        { input, at: deps.clock.now().toISOString() },
      ]);
      return row!;
    },

    /**
     * Appends one trace in a transaction of its own, shared with the traces other requests append
     * at the same moment (group commit, PERFORMANCE.md B2: one commit, hence one fsync, for many
     * reads); resolves once that transaction has committed, so a caller that answers after it
     * answers only with its trace durable. For reads, whose action writes nothing the trace must
     * commit with; `db` is the database itself, never a transaction.
     */
    appendCommitted(db: Kysely<Database>, input: TraceInput): Promise<TracesTable> {
      let queue = queues.get(db);
      if (!queue) {
        queue = { pending: [], flushing: false };
        queues.set(db, queue);
      }
      const waiting = queue;
      return new Promise<TracesTable>((resolve, reject) => {
        waiting.pending.push({ input, at: deps.clock.now().toISOString(), resolve, reject });
        if (waiting.flushing) return;
        waiting.flushing = true;
        void flush(db, waiting);
      });
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
