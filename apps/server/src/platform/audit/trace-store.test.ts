import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialect } from '../../../test/test-db.ts';
import { createManualClock } from '../clock.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { createTraceStore, verifyChain } from './trace-store.ts';

let handle: DatabaseHandle;
let n = 0;
const traces = createTraceStore({ clock: createManualClock(), newId: (p) => `${p}_${++n}` });
beforeEach(async () => {
  handle = await createTestDatabase();
});
afterEach(async () => {
  await handle.close();
});

const actor = { type: 'patient' as const, id: 'pat_1' };
const chainOf = async (chain: string) => {
  const rows = await handle.db
    .selectFrom('traces')
    .selectAll()
    .where('chain', '=', chain)
    .orderBy('seq')
    .execute();
  const head = await handle.db
    .selectFrom('trace_heads')
    .select(['seq', 'hash'])
    .where('chain', '=', chain)
    .executeTakeFirst();
  return { rows, head };
};

describe('trace store', () => {
  it('links each trace of a record to the previous one and verifies the chain', async () => {
    for (const action of ['auth.sign_in', 'document.read', 'auth.sign_out'])
      await traces.append(handle.db, { patientId: 'pat_1', actor, action });
    await traces.append(handle.db, { patientId: 'pat_2', actor, action: 'auth.sign_in' });
    const { rows, head } = await chainOf('pat_1');
    expect(rows.map((r) => [Number(r.seq), r.action])).toEqual([
      [1, 'auth.sign_in'],
      [2, 'document.read'],
      [3, 'auth.sign_out'],
    ]);
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    expect(verifyChain(rows, head)).toBeUndefined();
  });

  it('rolls the trace back with the action it records', async () => {
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await traces.append(trx, { patientId: 'pat_1', actor, action: 'document.delete' });
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    expect((await chainOf('pat_1')).rows).toHaveLength(0);
    await traces.append(handle.db, { patientId: 'pat_1', actor, action: 'document.read' });
    const { rows, head } = await chainOf('pat_1');
    expect(verifyChain(rows, head)).toBeUndefined();
  });

  it('keeps one gapless chain under concurrent appends', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        handle.db
          .transaction()
          .execute((trx) => traces.append(trx, { patientId: 'pat_1', actor, action: `a.${i}` })),
      ),
    );
    const { rows, head } = await chainOf('pat_1');
    expect(rows).toHaveLength(20);
    expect(verifyChain(rows, head)).toBeUndefined();
  });

  it('commits traces of concurrent reads in groups: each durable when answered, chains whole', async () => {
    const durable = Array.from({ length: 30 }, async (_, i) => {
      const row = await traces.appendCommitted(handle.db, {
        patientId: i % 3 === 2 ? null : `pat_${(i % 3) + 1}`,
        actor,
        action: `a.${i}`,
      });
      // Resolved means committed: the row is already there for anyone to read.
      const stored = await handle.db
        .selectFrom('traces')
        .select('id')
        .where('id', '=', row.id)
        .executeTakeFirst();
      return stored?.id === row.id;
    });
    // A write's own trace, in its transaction, takes its turn in the same chains.
    await handle.db
      .transaction()
      .execute((trx) => traces.append(trx, { patientId: 'pat_1', actor, action: 'b.write' }));
    expect(await Promise.all(durable)).toEqual(Array.from({ length: 30 }, () => true));
    for (const [chain, length] of [
      ['pat_1', 11],
      ['pat_2', 10],
      ['platform', 10],
    ] as const) {
      const { rows, head } = await chainOf(chain);
      expect(rows).toHaveLength(length);
      expect(verifyChain(rows, head)).toBeUndefined();
    }
  });

  it('fails every read of a group whose commit fails, and leaves the chain whole', async () => {
    await traces.appendCommitted(handle.db, { patientId: 'pat_1', actor, action: 'a.1' });
    const failing = handle.db.withPlugin({
      transformQuery: (args) => {
        if (args.node.kind === 'InsertQueryNode') throw new Error('disk full');
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const reads = ['a.2', 'a.3'].map((action) =>
      traces.appendCommitted(failing, { patientId: 'pat_1', actor, action }),
    );
    for (const read of reads) await expect(read).rejects.toThrow('disk full');
    await traces.appendCommitted(handle.db, { patientId: 'pat_1', actor, action: 'a.4' });
    const { rows, head } = await chainOf('pat_1');
    expect(rows.map((r) => r.action)).toEqual(['a.1', 'a.4']);
    expect(verifyChain(rows, head)).toBeUndefined();
  });

  it('refuses updates and deletes of traces in the database itself', async () => {
    await traces.append(handle.db, { patientId: 'pat_1', actor, action: 'document.read' });
    await expect(
      handle.db.updateTable('traces').set({ action: 'nothing' }).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(handle.db.deleteFrom('traces').execute()).rejects.toThrow(/append-only/);
    if (testDialect === 'postgres')
      await expect(sql`truncate traces`.execute(handle.db)).rejects.toThrow(/append-only/);
  });

  it('reports an edited, a removed and a reordered link', async () => {
    for (const action of ['a.1', 'a.2', 'a.3'])
      await traces.append(handle.db, { patientId: 'pat_1', actor, action });
    const { rows, head } = await chainOf('pat_1');
    expect(
      verifyChain(
        rows.map((r, i) => (i === 1 ? { ...r, action: 'document.read' } : r)),
        head,
      ),
    ).toEqual({ chain: 'pat_1', seq: 2, reason: 'hash' });
    expect(verifyChain([rows[0]!, rows[2]!], head)?.reason).toBe('gap');
    expect(
      verifyChain([rows[0]!, { ...rows[2]!, seq: 2 }, { ...rows[1]!, seq: 3 }], head)?.seq,
    ).toBe(2);
    expect(verifyChain(rows.slice(0, 2), head)).toEqual({ chain: 'pat_1', seq: 3, reason: 'head' });
  });
});
