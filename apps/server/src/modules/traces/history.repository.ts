/**
 * Reads of the trace table for the history and for verification. Pages use keyset pagination on
 * (at, seq) under the index (patient_id, actor_type, at, seq): a page costs the same at the
 * 100,000th line as at the first (no OFFSET scan).
 */
import type { Db, TraceHeadsTable, TracesTable } from '../../platform/db/schema.ts';

/** The columns a history line needs (never the hashes). */
export type HistoryRow = Pick<
  TracesTable,
  | 'id'
  | 'seq'
  | 'at'
  | 'actor_type'
  | 'actor_id'
  | 'action'
  | 'target_type'
  | 'target_id'
  | 'mode'
  | 'outcome'
  | 'details'
>;

/** Position after which the next page starts (the last line shown). */
export interface HistoryKey {
  at: string;
  seq: number;
}

/** Which traces of one record a page reads. */
export interface HistorySelection {
  patientId: string;
  /** Actor types of the tab; undefined reads every trace of the record. */
  actorTypes?: readonly string[] | undefined;
  /** Only this actor's traces (a professional's own, or the titulaire's). */
  actorId?: string | undefined;
  /** Inclusive lower and exclusive upper bounds on `at` (ISO-8601 UTC). */
  fromIso?: string | undefined;
  toIso?: string | undefined;
}

const historyColumns = [
  'id',
  'seq',
  'at',
  'actor_type',
  'actor_id',
  'action',
  'target_type',
  'target_id',
  'mode',
  'outcome',
  'details',
] as const;

/** Trace reads. */
export function createHistoryRepository(db: Db) {
  /** The query of a page, unexecuted (the volume test reads its plan). */
  function pageQuery(selection: HistorySelection, after: HistoryKey | undefined, limit: number) {
    let query = db
      .selectFrom('traces')
      .select(historyColumns)
      .where('patient_id', '=', selection.patientId);
    const types = selection.actorTypes;
    if (types && types.length === 1) query = query.where('actor_type', '=', types[0]!);
    else if (types) query = query.where('actor_type', 'in', types.length ? types : ['']);
    if (selection.actorId) query = query.where('actor_id', '=', selection.actorId);
    if (selection.fromIso) query = query.where('at', '>=', selection.fromIso);
    if (selection.toIso) query = query.where('at', '<', selection.toIso);
    // Row-value comparison: both dialects turn it into one range on the index's (at, seq).
    if (after)
      query = query.where((eb) => eb(eb.refTuple('at', 'seq'), '<', eb.tuple(after.at, after.seq)));
    return query.orderBy('at', 'desc').orderBy('seq', 'desc').limit(limit);
  }

  return {
    pageQuery,

    /** Up to `limit` lines of a selection after `after`, newest first. */
    page(
      selection: HistorySelection,
      after: HistoryKey | undefined,
      limit: number,
    ): Promise<HistoryRow[]> {
      return pageQuery(selection, after, limit).execute();
    },

    /** Every chain that has a head or a trace. */
    async chains(): Promise<string[]> {
      const heads = await db.selectFrom('trace_heads').select('chain').execute();
      const rows = await db.selectFrom('traces').select('chain').distinct().execute();
      return [...new Set([...heads, ...rows].map((r) => r.chain))].sort();
    },

    /** The head of a chain, if any. */
    head(chain: string): Promise<TraceHeadsTable | undefined> {
      return db.selectFrom('trace_heads').selectAll().where('chain', '=', chain).executeTakeFirst();
    },

    /** Every head. */
    heads(): Promise<TraceHeadsTable[]> {
      return db.selectFrom('trace_heads').selectAll().orderBy('chain').execute();
    },

    /** Up to `limit` rows of a chain with seq above `afterSeq`, in chain order. */
    chainRows(chain: string, afterSeq: number, limit: number): Promise<TracesTable[]> {
      return db
        .selectFrom('traces')
        .selectAll()
        .where('chain', '=', chain)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(limit)
        .execute();
    },

    /** The row of a chain at `seq`, if any. */
    rowAt(chain: string, seq: number): Promise<TracesTable | undefined> {
      return db
        .selectFrom('traces')
        .selectAll()
        .where('chain', '=', chain)
        .where('seq', '=', seq)
        .executeTakeFirst();
    },
  };
}

/** The trace reads. */
export type HistoryRepository = ReturnType<typeof createHistoryRepository>;
