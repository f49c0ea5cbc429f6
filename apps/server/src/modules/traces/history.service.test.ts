import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { givenActivePatient } from '../../../test/builders.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { createTestApp } from '../../../test/test-app.ts';
import type { ProfessionalsTable } from '../../platform/db/schema.ts';
import { createProfessionalsService } from '../professionals/professionals.service.ts';
import type { TraceReadFacts } from './history.policy.ts';
import { decideTraceRead } from './history.policy.ts';
import { createHistoryService } from './history.service.ts';

describe('who may read the traces of a record (ACCESS.md)', () => {
  const statuses = ['active', 'closed', 'pending-activation', 'opposed', 'missing'] as const;
  const grants = ['none', 'authorized', 'administrator', 'blocked'] as const;
  const expected = (f: TraceReadFacts): boolean =>
    f.recordStatus === 'active' &&
    (f.scope === 'own' || (f.isMedecinTraitant && f.grant !== 'blocked'));

  for (const scope of ['record', 'own'] as const)
    for (const recordStatus of statuses)
      for (const grant of grants)
        for (const isMedecinTraitant of [true, false]) {
          const facts = { scope, recordStatus, grant, isMedecinTraitant };
          it(`${expected(facts) ? 'allows' : 'denies'} ${JSON.stringify(facts)}`, () => {
            expect(decideTraceRead(facts).allow).toBe(expected(facts));
          });
        }
});

describe('professionals reading traces', () => {
  let t: TestApp;
  let patientId: string;
  let ndiaye: ProfessionalsTable;
  let eoso: ProfessionalsTable;

  beforeEach(async () => {
    t = await createTestApp();
    patientId = (await givenActivePatient(t)).patient.id;
    const { db } = t.deps.database;
    const directory = createProfessionalsService({ db, clock: t.clock, newId: t.deps.newId });
    const make = (rpps: string, lastName: string, firstName: string) =>
      directory.create(db, {
        rpps,
        lastName,
        firstName,
        profession: 'medecin',
        specialty: null,
        isRegulator: false,
        email: null,
      });
    ndiaye = await make('10000000045', 'Ndiaye', 'Adama');
    eoso = await make('10000000011', 'Eoso', 'Louis');
    for (const [ps, action] of [
      [ndiaye, 'document.read'],
      [eoso, 'document.read'],
      [eoso, 'document.add'],
    ] as const) {
      t.clock.advance(1_000);
      await t.deps.traces.append(db, {
        patientId,
        actor: { type: 'professional', id: ps.id },
        action,
        target: { type: 'document', id: 'doc_1' },
      });
    }
    await t.deps.traces.append(db, {
      patientId,
      actor: { type: 'patient', id: patientId },
      action: 'auth.sign_in',
    });
  });
  afterEach(async () => {
    await t.close();
  });

  const readTraces = () =>
    t.deps.database.db
      .selectFrom('traces')
      .select(['actor_id', 'outcome', 'details'])
      .where('action', '=', 'history.read')
      .execute();

  const asPs = (
    ps: ProfessionalsTable,
    scope: 'record' | 'own',
    facts: { isMedecinTraitant?: boolean; grant?: 'none' | 'authorized' | 'blocked' } = {},
    record = patientId,
  ) =>
    t.deps.history.listTracesForProfessional({
      professionalId: ps.id,
      patientId: record,
      scope,
      grant: facts.grant ?? 'authorized',
      isMedecinTraitant: facts.isMedecinTraitant ?? false,
      query: {},
    });

  it('the médecin traitant reads every professional’s access to the record, and the read is traced', async () => {
    const page = await asPs(ndiaye, 'record', { isMedecinTraitant: true });

    expect(page.entries.map((e) => [e.actor.name, e.action])).toEqual([
      ['Eoso Louis', 'document.add'],
      ['Eoso Louis', 'document.read'],
      ['Ndiaye Adama', 'document.read'],
    ]);
    expect(await readTraces()).toEqual([
      {
        actor_id: ndiaye.id,
        outcome: 'success',
        details: JSON.stringify({ scope: 'record', reason: 'medecin_traitant' }),
      },
    ]);
  });

  it('any professional reads its own traces only', async () => {
    const page = await asPs(eoso, 'own', { grant: 'none' });

    expect(page.entries.map((e) => [e.actor.name, e.action])).toEqual([
      ['Eoso Louis', 'document.add'],
      ['Eoso Louis', 'document.read'],
    ]);
  });

  it('a professional who is not the médecin traitant gets 404 for the record’s traces, and the denial is traced', async () => {
    await expect(asPs(eoso, 'record')).rejects.toMatchObject({
      status: 404,
      code: 'resource.not_found',
    });
    expect(await readTraces()).toEqual([
      {
        actor_id: eoso.id,
        outcome: 'denied',
        details: JSON.stringify({ scope: 'record', reason: 'not_medecin_traitant' }),
      },
    ]);
  });

  it('a blocked médecin traitant cannot read the record’s traces but still reads its own', async () => {
    await expect(
      asPs(ndiaye, 'record', { isMedecinTraitant: true, grant: 'blocked' }),
    ).rejects.toMatchObject({ status: 404 });
    const own = await asPs(ndiaye, 'own', { isMedecinTraitant: true, grant: 'blocked' });
    expect(own.entries.map((e) => e.label)).toEqual([
      'Consultation de l’historique d’activité (refusé)',
      'Consultation du document',
    ]);
  });

  it('nobody reads the traces of a closed record', async () => {
    await t.deps.patients.setStatus(t.deps.database.db, patientId, 'closed');

    await expect(asPs(ndiaye, 'own', { isMedecinTraitant: true })).rejects.toMatchObject({
      status: 404,
    });
    expect((await readTraces()).map((r) => r.outcome)).toEqual(['denied']);
  });

  it('an unknown record answers 404 like a denied one', async () => {
    await expect(
      asPs(ndiaye, 'record', { isMedecinTraitant: true }, 'pat_unknown'),
    ).rejects.toMatchObject({ status: 404, code: 'resource.not_found' });
  });

  it('names documents for the titulaire but never for a professional', async () => {
    const history = createHistoryService({
      db: t.deps.database.db,
      traces: t.deps.traces,
      patients: t.deps.patients,
      professionals: createProfessionalsService({
        db: t.deps.database.db,
        clock: t.clock,
        newId: t.deps.newId,
      }),
      documentTitles: {
        titlesOf: (_patient, ids) =>
          Promise.resolve(new Map(ids.map((id) => [id, `Compte rendu ${id}`]))),
      },
    });

    const mine = await history.listForPatient(patientId, { tab: 'professionnels' });
    const theirs = await history.listTracesForProfessional({
      professionalId: ndiaye.id,
      patientId,
      scope: 'record',
      grant: 'authorized',
      isMedecinTraitant: true,
      query: {},
    });

    expect(new Set(mine.entries.map((e) => e.target))).toEqual(new Set(['Compte rendu doc_1']));
    expect(new Set(theirs.entries.map((e) => e.target))).toEqual(new Set(['Un document']));
  });
});
