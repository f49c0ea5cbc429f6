// Volume: a record with 100,000 traces (PRODUCT.md "stays fast"). The figures are printed, not
// asserted (timings depend on the machine); the plans are asserted: every page is a range read of
// an index on (patient_id[, actor_type], at, seq), never a table scan or a sort of the record.
import { performance } from 'node:perf_hooks';
import type { HistoryQuery } from '@carnet/shared';
import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenActivePatient } from '../../../test/builders.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { createTestApp } from '../../../test/test-app.ts';
import { testDialect } from '../../../test/test-db.ts';
import { createProfessionalsService } from '../professionals/professionals.service.ts';
import type { HistoryKey } from './history.repository.ts';
import { createHistoryRepository } from './history.repository.ts';
import { encodeCursor, selectionOf } from './history.selection.ts';
import { appendChain } from './trace-fixtures.ts';

const TRACES = 100_000;
let t: TestApp;
let patientId: string;
let buildMs = 0;

beforeAll(async () => {
  t = await createTestApp();
  patientId = (await givenActivePatient(t)).patient.id;
  const { db } = t.deps.database;
  const ps = await createProfessionalsService({ db, clock: t.clock, newId: t.deps.newId }).create(
    db,
    {
      rpps: '10000000045',
      firstName: 'Adama',
      lastName: 'Ndiaye',
      profession: 'medecin',
      specialty: null,
      isRegulator: false,
      email: null,
    },
  );
  const start = Date.UTC(2024, 0, 1);
  const started = performance.now();
  await db.transaction().execute((trx) =>
    appendChain(trx, {
      patientId,
      count: TRACES,
      // One line every 10 minutes over ~2 years; one in ten by a professional.
      spec: (i) => ({
        at: new Date(start + i * 600_000).toISOString(),
        actor:
          i % 10 === 0 ? { type: 'professional', id: ps.id } : { type: 'patient', id: patientId },
        action: i % 10 === 0 ? 'document.read' : 'auth.sign_in',
        target: i % 10 === 0 ? { type: 'document', id: `doc_${i % 500}` } : undefined,
      }),
    }),
  );
  if (testDialect === 'postgres')
    await t.deps.database.db.executeQuery(CompiledQuery.raw('analyze traces'));
  buildMs = performance.now() - started;
}, 180_000);
afterAll(async () => {
  await t.close();
});

/** Median time of `runs` calls. */
async function median(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

async function planOf(query: HistoryQuery, after?: HistoryKey): Promise<string> {
  const compiled = createHistoryRepository(t.deps.database.db)
    .pageQuery(selectionOf(patientId, query), after, 101)
    .compile();
  const prefix = testDialect === 'sqlite' ? 'explain query plan ' : 'explain ';
  const result = await t.deps.database.db.executeQuery(
    CompiledQuery.raw(prefix + compiled.sql, [...compiled.parameters]),
  );
  return result.rows.map((row) => Object.values(row as object).join(' ')).join('\n');
}

describe(`a record with ${TRACES.toLocaleString('en')} traces (${testDialect})`, () => {
  it('pages every tab through the index, at the start and deep in the history', async () => {
    const { db } = t.deps.database;
    const deep = await db
      .selectFrom('traces')
      .select(['at', 'seq'])
      .where('patient_id', '=', patientId)
      .where('actor_type', '=', 'professional')
      .orderBy('at', 'desc')
      .orderBy('seq', 'desc')
      .offset(9_000) // test setup only: the 91st page of the Professionnels tab
      .limit(1)
      .executeTakeFirstOrThrow();
    const deepKey = { at: deep.at, seq: Number(deep.seq) };
    const list = (query: HistoryQuery) => () => t.deps.history.listForPatient(patientId, query);

    const first = await t.deps.history.listForPatient(patientId, { tab: 'professionnels' });
    const far = await t.deps.history.listForPatient(patientId, {
      tab: 'professionnels',
      cursor: encodeCursor(deepKey),
    });
    expect(first.entries).toHaveLength(100);
    expect(far.entries).toHaveLength(100);
    expect(far.entries[0]!.at < deep.at || far.entries[0]!.at === deep.at).toBe(true);

    const figures = {
      buildMs: Math.round(buildMs),
      professionnelsFirstPageMs: await median(9, list({ tab: 'professionnels' })),
      professionnelsPage91Ms: await median(
        9,
        list({ tab: 'professionnels', cursor: encodeCursor(deepKey) }),
      ),
      mesActivitesFirstPageMs: await median(9, list({ tab: 'mes-activites' })),
      lastMonthMs: await median(
        9,
        list({ tab: 'mes-activites', from: '2025-10-01', to: '2025-10-31' }),
      ),
    };
    console.info(`history volume (${testDialect}): ${JSON.stringify(figures)}`);

    for (const plan of [
      await planOf({ tab: 'professionnels' }),
      await planOf({ tab: 'professionnels' }, deepKey),
      await planOf({ tab: 'mes-activites', from: '2025-10-01', to: '2025-10-31' }),
    ]) {
      expect(plan).toMatch(/traces_(history|patient_at)_idx/);
      expect(plan).not.toMatch(/TEMP B-TREE|Sort|SCAN traces\b|Seq Scan/);
    }
  });
});
