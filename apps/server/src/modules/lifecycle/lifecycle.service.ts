/**
 * What happens to a closed record (PRODUCT.md "Paramètres › Clôture", R1111-36 CSP): archived for
 * 10 years, or until `CARNET_DELETION_DELAY_DAYS` after a deletion request, then erased by the
 * daily sweep: every module's eraser removes its rows in one transaction (document keys first:
 * crypto-shredding), blobs go after the commit, and the traces stay. Traces never hold a document
 * title (only its id; history.service looks titles up in the documents), so once the documents
 * are gone no title is left anywhere, without rewriting the insert-only hash chains.
 */
import type { Kysely } from 'kysely';
import type { TraceStore } from '../../platform/audit/trace-store.ts';
import type { Clock } from '../../platform/clock.ts';
import { isoPlus } from '../../platform/clock.ts';
import type { Database, Db } from '../../platform/db/schema.ts';
import type { PatientClosuresTable } from '../../platform/db/schema-lifecycle.ts';
import { createLifecycleRepository } from './lifecycle.repository.ts';

/** Retention of a closed record without a deletion request (10 years). */
export const ARCHIVE_YEARS = 10;

/** One module's part of erasing a record: rows in the transaction, files after the commit. */
export interface RecordEraser {
  /** Removes the module's rows of the record; returns work to do once the transaction committed. */
  erase(trx: Db, patientId: string): Promise<(() => Promise<void>) | undefined>;
}

/** Dependencies of the lifecycle service. */
export interface LifecycleDeps {
  db: Kysely<Database>;
  clock: Clock;
  traces: TraceStore;
  /** CARNET_DELETION_DELAY_DAYS. */
  deletionDelayDays: number;
  /** Every module holding record data, in an order that satisfies the foreign keys. */
  erasers: () => readonly RecordEraser[];
}

/** Closure rows, their cancellation and the daily sweep. */
export function createLifecycleService(deps: LifecycleDeps) {
  const { db, clock } = deps;

  /** The date the record's data go: + delay days with a request, + 10 years without. */
  function deleteAfter(closedAt: Date, deletionRequested: boolean): string {
    if (deletionRequested) return isoPlus(closedAt, deps.deletionDelayDays * 24 * 3600_000);
    const at = new Date(closedAt);
    at.setUTCFullYear(at.getUTCFullYear() + ARCHIVE_YEARS);
    return at.toISOString();
  }

  /** Erases one record whose closure is due; false when it was not due any more. */
  async function erase(closure: PatientClosuresTable): Promise<boolean> {
    const now = clock.now().toISOString();
    const after: Array<() => Promise<void>> = [];
    const done = await db.transaction().execute(async (trx) => {
      if (!(await createLifecycleRepository(trx).markErased(closure.patient_id, now, now)))
        return false;
      for (const eraser of deps.erasers()) {
        const then = await eraser.erase(trx, closure.patient_id);
        if (then) after.push(then);
      }
      await deps.traces.append(trx, {
        patientId: closure.patient_id,
        actor: { type: 'system', id: null },
        action: 'patient.erase',
        details: { deletionRequested: closure.deletion_requested_at !== null },
      });
      return true;
    });
    for (const then of after) {
      try {
        await then();
      } catch {
        // Keys are gone: what is left is unreadable garbage that `carnet check` sweeps.
      }
    }
    return done;
  }

  return {
    deleteAfter,

    /** Records a closure in the caller's transaction. */
    async recordClosure(trx: Db, input: { patientId: string; deletionRequested: boolean }) {
      const now = clock.now();
      await createLifecycleRepository(trx).insert({
        patient_id: input.patientId,
        closed_at: now.toISOString(),
        deletion_requested_at: input.deletionRequested ? now.toISOString() : null,
        delete_after: deleteAfter(now, input.deletionRequested),
        erased_at: null,
      });
    },

    /** The closure of a record, or undefined. */
    find(patientId: string, on: Db = db): Promise<PatientClosuresTable | undefined> {
      return createLifecycleRepository(on).find(patientId);
    },

    /** Reactivation: the closure and any pending deletion are cancelled; false if none was pending. */
    cancel(trx: Db, patientId: string): Promise<boolean> {
      return createLifecycleRepository(trx).removePending(patientId);
    },

    /** The daily sweep: erases every record whose time has come; returns how many. */
    async sweep(options: { batchSize?: number } = {}): Promise<number> {
      let total = 0;
      for (;;) {
        const due = await createLifecycleRepository(db).listDue(
          clock.now().toISOString(),
          options.batchSize ?? 20,
        );
        if (due.length === 0) return total;
        let progressed = 0;
        for (const closure of due) if (await erase(closure)) progressed++;
        total += progressed;
        if (progressed === 0) return total;
      }
    },
  };
}

/** The lifecycle service. */
export type LifecycleService = ReturnType<typeof createLifecycleService>;
