import type { HistoryPage } from '@carnet/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { givenActivePatient, signIn } from '../../../test/builders.ts';
import type { TestApp, TestClient } from '../../../test/test-app.ts';
import { createClient, createTestApp } from '../../../test/test-app.ts';
import type { TraceInput } from '../../platform/audit/trace-store.ts';
import { createProfessionalsService } from '../professionals/professionals.service.ts';
import { appendChain } from './trace-fixtures.ts';

let t: TestApp;
let client: TestClient;
let patientId: string;

beforeEach(async () => {
  t = await createTestApp();
  const inaya = await givenActivePatient(t);
  patientId = inaya.patient.id;
  client = await signIn(t, inaya);
});
afterEach(async () => {
  await t.close();
});

let rpps = 10000000100;
async function givenProfessional(lastName: string, firstName: string, profession = 'medecin') {
  rpps += 1;
  const { db } = t.deps.database;
  return createProfessionalsService({ db, clock: t.clock, newId: t.deps.newId }).create(db, {
    rpps: String(rpps),
    firstName,
    lastName,
    profession: profession as 'medecin',
    specialty: 'Médecine générale',
    isRegulator: false,
    email: `${lastName.toLowerCase()}@example.org`,
  });
}

const trace = (input: Omit<TraceInput, 'patientId'>, record = patientId) =>
  t.deps.traces.append(t.deps.database.db, { patientId: record, ...input });

async function page(query: string): Promise<HistoryPage> {
  const response = await client.get(`/api/history?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<HistoryPage>();
}

describe("Historique d'activité", () => {
  it('shows the titulaire her own sign-in under Mes activités, in plain French', async () => {
    const { entries, nextCursor } = await page('tab=mes-activites');

    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'auth.sign_in',
      label: 'Connexion',
      actor: { type: 'patient', name: 'Inaya Michel', profession: null },
      mode: 'normal',
      outcome: 'success',
      target: null,
      reason: null,
    });
    expect(nextCursor).toBeNull();
  });

  it('lists each access by a professional, newest first, with name, profession and document', async () => {
    const ndiaye = await givenProfessional('Ndiaye', 'Adama');
    const actor = { type: 'professional' as const, id: ndiaye.id };
    await trace({ actor, action: 'rubrique.read', target: { type: 'rubrique', id: 'documents' } });
    t.clock.advance(60_000);
    await trace({ actor, action: 'document.read', target: { type: 'document', id: 'doc_1' } });

    const { entries } = await page('tab=professionnels');

    expect(entries.map((e) => [e.label, e.target])).toEqual([
      ['Consultation du document', 'Un document'],
      ['Consultation', 'Documents'],
    ]);
    expect(entries[0]!.actor).toEqual({
      type: 'professional',
      name: 'Ndiaye Adama',
      profession: 'Médecin',
      rpps: ndiaye.rpps,
    });
    expect(entries[0]!.at > entries[1]!.at).toBe(true);
  });

  it('shows an emergency access with the urgence mode and its reason, and a refused attempt', async () => {
    const samu = await givenProfessional('Samu', 'Régis');
    const eoso = await givenProfessional('Eoso', 'Louis');
    await trace({
      actor: { type: 'professional', id: samu.id },
      action: 'access.emergency_open',
      mode: 'urgence',
      details: { emergencyMode: 'samu', motif: 'Patiente inconsciente, appel du 15' },
    });
    await trace({
      actor: { type: 'professional', id: eoso.id },
      action: 'document.list',
      target: { type: 'rubrique', id: 'documents' },
      outcome: 'denied',
      // A denial records its code as `reason`: never shown as an emergency's motif.
      mode: 'urgence',
      details: { reason: 'blocked' },
    });

    const { entries } = await page('tab=professionnels');

    expect(entries[1]).toMatchObject({
      label: 'Accès en urgence (SAMU)',
      mode: 'urgence',
      reason: 'Patiente inconsciente, appel du 15',
      actor: { name: 'Samu Régis' },
    });
    expect(entries[0]).toMatchObject({
      label: 'Consultation de la liste des documents (refusé)',
      outcome: 'denied',
      mode: 'urgence',
      reason: null,
    });
  });

  it('keeps each tab to its actors and never shows another record', async () => {
    const ndiaye = await givenProfessional('Ndiaye', 'Adama');
    await trace({ actor: { type: 'professional', id: ndiaye.id }, action: 'document.read' });
    const other = await givenActivePatient(t, { firstName: 'Paul' });
    await trace(
      { actor: { type: 'patient', id: other.patient.id }, action: 'auth.sign_in' },
      other.patient.id,
    );
    await trace(
      { actor: { type: 'professional', id: ndiaye.id }, action: 'document.read' },
      other.patient.id,
    );

    expect((await page('tab=mes-activites')).entries.map((e) => e.action)).toEqual([
      'auth.sign_in',
    ]);
    expect((await page('tab=professionnels')).entries).toHaveLength(1);
    expect((await page('tab=proches')).entries).toEqual([]);
  });

  it('filters on French calendar days, both bounds included', async () => {
    const ndiaye = await givenProfessional('Ndiaye', 'Adama');
    const actor = { type: 'professional' as const, id: ndiaye.id };
    // 23:30 UTC on 31 October is 00:30 on 1 November in Paris.
    for (const at of [
      '2026-10-01T08:00:00.000Z',
      '2026-10-31T22:30:00.000Z',
      '2026-10-31T23:30:00.000Z',
    ]) {
      t.clock.set(new Date(at));
      await trace({ actor, action: 'document.read' });
    }

    const october = await page('tab=professionnels&from=2026-10-01&to=2026-10-31');
    const november = await page('tab=professionnels&from=2026-11-01');

    expect(october.entries.map((e) => e.at)).toEqual([
      '2026-10-31T22:30:00.000Z',
      '2026-10-01T08:00:00.000Z',
    ]);
    expect(november.entries.map((e) => e.at)).toEqual(['2026-10-31T23:30:00.000Z']);
  });

  it('pages by 100 lines and continues after the last one shown, without repeating any', async () => {
    const ndiaye = await givenProfessional('Ndiaye', 'Adama');
    await appendChain(t.deps.database.db, {
      patientId,
      count: 250,
      // Pairs of lines share a timestamp: the order still holds by seq.
      spec: (i) => ({
        at: new Date(Date.UTC(2026, 9, 1) + Math.floor(i / 2) * 60_000).toISOString(),
        actor: { type: 'professional', id: ndiaye.id },
        action: 'document.read',
      }),
    });

    const seen: string[] = [];
    let cursor: string | null = '';
    const sizes: number[] = [];
    while (cursor !== null) {
      const next = await page(`tab=professionnels${cursor ? `&cursor=${cursor}` : ''}`);
      sizes.push(next.entries.length);
      seen.push(...next.entries.map((e) => e.id));
      cursor = next.nextCursor;
    }

    expect(sizes).toEqual([100, 100, 50]);
    expect(new Set(seen).size).toBe(250);
    const rows = await t.deps.database.db
      .selectFrom('traces')
      .select('id')
      .where('actor_type', '=', 'professional')
      .orderBy('at', 'desc')
      .orderBy('seq', 'desc')
      .execute();
    expect(seen).toEqual(rows.map((r) => r.id));
  });

  it('refuses a forged cursor with a clear error', async () => {
    const forged = Buffer.from('1 OR 1=1', 'utf8').toString('base64url');
    const response = await client.get(`/api/history?tab=professionnels&cursor=${forged}`);

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'history.cursor_invalid' } });
  });

  it.each([
    ['an unknown tab', 'tab=tous'],
    ['no tab', 'from=2026-01-01'],
    ['a period ending before it starts', 'tab=professionnels&from=2026-11-02&to=2026-11-01'],
    ['a malformed date', 'tab=professionnels&from=01/11/2026'],
    ['an unknown parameter', 'tab=professionnels&offset=100'],
  ])('refuses %s', async (_what, query) => {
    const response = await client.get(`/api/history?${query}`);

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'request.invalid' } });
  });

  it('answers 401 without a session, for the list and the exports', async () => {
    const anonymous = createClient(t.app);
    for (const url of [
      '/api/history?tab=mes-activites',
      '/api/history/export.csv?tab=mes-activites',
      '/api/history/export.pdf?tab=mes-activites',
    ])
      expect((await anonymous.get(url)).statusCode).toBe(401);
  });
});
