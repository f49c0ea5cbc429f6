/**
 * Test support: builds large, valid trace chains fast with bulk inserts (the chain is computed in
 * memory with the store's own hash), for the history's volume tests and the tampering tests.
 */
import type { TraceInput } from '../../platform/audit/trace-store.ts';
import { GENESIS_HASH, traceHash } from '../../platform/audit/trace-store.ts';
import type { Db, TracesTable } from '../../platform/db/schema.ts';

/** What line `i` (0-based) of a built chain records. */
export type TraceSpec = Omit<TraceInput, 'patientId'> & { at: string };

/** Rows per INSERT: 15 columns × 500 stays under SQLite's and PostgreSQL's parameter limits. */
const ROWS_PER_INSERT = 500;

/** Appends `count` traces to the chain of `patientId` after its current head, and moves the head. */
export async function appendChain(
  db: Db,
  input: { patientId: string; count: number; spec: (i: number) => TraceSpec },
): Promise<void> {
  const chain = input.patientId;
  const head = await db
    .selectFrom('trace_heads')
    .select(['seq', 'hash'])
    .where('chain', '=', chain)
    .executeTakeFirst();
  let seq = Number(head?.seq ?? 0);
  let prev = head?.hash ?? GENESIS_HASH;
  let batch: TracesTable[] = [];
  const flush = async () => {
    if (batch.length) await db.insertInto('traces').values(batch).execute();
    batch = [];
  };
  for (let i = 0; i < input.count; i++) {
    const spec = input.spec(i);
    seq += 1;
    const partial: Omit<TracesTable, 'hash'> = {
      id: `trc_${chain}_${seq}`,
      chain,
      seq,
      patient_id: input.patientId,
      at: spec.at,
      actor_type: spec.actor.type,
      actor_id: spec.actor.id,
      action: spec.action,
      target_type: spec.target?.type ?? null,
      target_id: spec.target?.id ?? null,
      mode: spec.mode ?? 'normal',
      outcome: spec.outcome ?? 'success',
      details: JSON.stringify(spec.details ?? {}),
      prev_hash: prev,
    };
    const hash = traceHash(partial);
    batch.push({ ...partial, hash });
    prev = hash;
    if (batch.length === ROWS_PER_INSERT) await flush();
  }
  await flush();
  if (head)
    await db
      .updateTable('trace_heads')
      .set({ seq, hash: prev })
      .where('chain', '=', chain)
      .execute();
  else await db.insertInto('trace_heads').values({ chain, seq, hash: prev }).execute();
}
