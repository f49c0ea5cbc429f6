import type { ProfileEntry } from '@carnet/shared';
import type { Bundle, Immunization } from 'fhir/r4.js';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { givenGrant, givenProfessional } from '../../test/access-builders.ts';
import { givenActivePatient, signIn } from '../../test/builders.ts';
import type { TestApp } from '../../test/test-app.ts';
import { addEntry, tracesOf } from '../modules/profile/profile.test-support.ts';
import { systems } from './document-codes.ts';
import { toFhirId } from './fhir-ids.ts';
import {
  createListeningApp,
  entriesOf,
  expectValidR4,
  failure,
  fhirClient,
  issueCodeOf,
  prepareR4Validator,
  r4,
  tokenFor,
  VALIDATOR_TIMEOUT,
} from './fhir.test-support.ts';
import { VACCINE_SYSTEM } from './immunization.routes.ts';

let t: TestApp;
beforeAll(() => void prepareR4Validator(), VALIDATOR_TIMEOUT);
afterEach(() => t.close());

/** Inaya with two vaccinations (one "Autre vaccin"), a masked one and a weight; Ndiaye authorized. */
async function setup() {
  const started = await createListeningApp();
  t = started.t;
  t.clock.set(new Date('2026-12-07T10:00:00Z'));
  const inaya = await givenActivePatient(t);
  const patientId = inaya.patient.id;
  const patient = await signIn(t, inaya);
  const idOf = async (response: Promise<{ json: <T>() => T }>) =>
    (await response).json<ProfileEntry>().id;
  const dtcap = await idOf(
    addEntry(patient, {
      type: 'vaccination',
      vaccine: 'DTCAP',
      date: '2024-03-01',
      dose: 'rappel',
      lot: 'LOT-42',
      vaccinator: 'Dr Martin',
    }),
  );
  const other = await idOf(
    addEntry(patient, {
      type: 'vaccination',
      vaccine: 'AUTRE',
      otherName: 'Encéphalite à tiques',
      date: '2025-05-10',
      dose: 'primo',
    }),
  );
  const hidden = await idOf(
    addEntry(
      patient,
      { type: 'vaccination', vaccine: 'HPV', date: '2023-01-15', dose: 'primo' },
      true,
    ),
  );
  const weight = await idOf(
    addEntry(patient, { type: 'mesure', measure: 'poids', date: '2025-06-01', value: 70 }),
  );
  const ndiaye = await givenProfessional(t, { firstName: 'Adama', lastName: 'Ndiaye' });
  await givenGrant(t, patientId, ndiaye.professional.id, 'authorized');
  const client = fhirClient(started.base, await tokenFor(t, ndiaye.professional));
  return { inaya, patientId, patient, dtcap, other, hidden, weight, ndiaye, client, ...started };
}

const searchOf = (client: ReturnType<typeof fhirClient>, searchParams: Record<string, string>) =>
  r4<Bundle>(client.search({ resourceType: 'Immunization', searchParams }));

const readOf = (client: ReturnType<typeof fhirClient>, id: string) =>
  client.read({ resourceType: 'Immunization', id: toFhirId(id) });

describe('FHIR Immunization (the Vaccinations rubrique)', () => {
  test('an authorized professional reads Inaya’s vaccinations by patient, by INS and by id; each read traced', async () => {
    const w = await setup();
    const bundle = await searchOf(w.client, { patient: toFhirId(w.patientId) });
    const found = entriesOf(bundle) as Immunization[];
    expect(bundle.total).toBe(2);
    expect(found.map((i) => i.id).sort()).toEqual([toFhirId(w.dtcap), toFhirId(w.other)].sort());
    const dtcap = found.find((i) => i.id === toFhirId(w.dtcap));
    expect(dtcap).toEqual({
      resourceType: 'Immunization',
      id: toFhirId(w.dtcap),
      status: 'completed',
      vaccineCode: {
        coding: [
          {
            system: VACCINE_SYSTEM,
            code: 'DTCAP',
            display: 'Diphtérie, tétanos, coqueluche, poliomyélite (dTcaP)',
          },
        ],
        text: 'Diphtérie, tétanos, coqueluche, poliomyélite (dTcaP)',
      },
      patient: { reference: `Patient/${toFhirId(w.patientId)}` },
      occurrenceDateTime: '2024-03-01',
      recorded: expect.any(String) as string,
      primarySource: false,
      lotNumber: 'LOT-42',
      performer: [{ actor: { display: 'Dr Martin' } }],
      protocolApplied: [{ doseNumberString: 'rappel' }],
    });
    // "Autre vaccin": the patient's own name as text, no code.
    expect(found.find((i) => i.id === toFhirId(w.other))?.vaccineCode).toEqual({
      text: 'Encéphalite à tiques',
    });

    const byIns = await searchOf(w.client, {
      'patient.identifier': `${systems.ins}|${w.inaya.ins}`,
    });
    expect(entriesOf(byIns).map((r) => r.id)).toEqual(found.map((r) => r.id));
    const read = await r4<Immunization>(readOf(w.client, w.dtcap));
    expectValidR4(read);
    expect(read).toEqual(dtcap);

    // The masked entry and a measure's id answer 404 like a missing one.
    for (const id of [w.hidden, w.weight, 'pme_aaaaaaaaaaaaaaaaaaaaaaaaaa']) {
      const hidden = await failure(readOf(w.client, id));
      expect(hidden.status).toBe(404);
      expect(issueCodeOf(hidden.data)).toBe('not-found');
    }
    const reads = (await tracesOf(t, w.patientId, w.ndiaye.professional.id)).filter(
      (x) => x.action === 'profile.read',
    );
    expect(reads.map((x) => [x.target_id, x.outcome])).toEqual(
      Array.from({ length: 5 }, () => ['vaccinations', 'success']),
    );
  });

  test('Durand Paul without access finds nothing and reads nothing; the denials are traced', async () => {
    const w = await setup();
    const durand = await givenProfessional(t, { firstName: 'Paul', lastName: 'Durand' });
    const client = fhirClient(w.base, await tokenFor(t, durand.professional));
    const bundle = await searchOf(client, { patient: toFhirId(w.patientId) });
    expectValidR4(bundle);
    expect([bundle.total, bundle.entry ?? []]).toEqual([0, []]);
    const byIns = await searchOf(client, { 'patient.identifier': `${systems.ins}|${w.inaya.ins}` });
    expect(byIns.total).toBe(0);
    const read = await failure(readOf(client, w.dtcap));
    expect(read.status).toBe(404);
    expect(issueCodeOf(read.data)).toBe('not-found');
    const traces = await tracesOf(t, w.patientId, durand.professional.id);
    expect(traces.map((x) => [x.action, x.outcome])).toEqual(
      Array.from({ length: 3 }, () => ['profile.read', 'denied']),
    );
  });

  test('a blocked professional gets nothing on the very next request', async () => {
    const w = await setup();
    expect((await searchOf(w.client, { patient: toFhirId(w.patientId) })).total).toBe(2);
    await w.patient.post(`/api/access/professionals/${w.ndiaye.professional.id}/block`);
    expect((await searchOf(w.client, { patient: toFhirId(w.patientId) })).total).toBe(0);
    expect((await failure(readOf(w.client, w.dtcap))).status).toBe(404);
    expect((await tracesOf(t, w.patientId, w.ndiaye.professional.id)).at(-1)).toMatchObject({
      action: 'profile.read',
      outcome: 'denied',
    });
  });

  test('a rubrique masked by the patient is empty for an authorized professional, read by an administrator', async () => {
    const w = await setup();
    await w.patient.send('PUT', '/api/profile/rubriques/vaccinations', { masked: true });
    expect((await searchOf(w.client, { patient: toFhirId(w.patientId) })).total).toBe(0);
    await givenGrant(t, w.patientId, w.ndiaye.professional.id, 'administrator');
    const admin = entriesOf(await searchOf(w.client, { patient: toFhirId(w.patientId) }));
    expect(admin.map((r) => r.id)).toContain(toFhirId(w.dtcap));
  });

  test('bad searches answer an OperationOutcome', async () => {
    const w = await setup();
    const bads: Record<string, string>[] = [{}, { 'patient.identifier': 'urn:oid:1.2.3|123' }];
    for (const params of bads) {
      const bad = await failure(searchOf(w.client, params));
      expect(bad.status, JSON.stringify(params)).toBe(400);
      issueCodeOf(bad.data);
    }
    const unknown = await searchOf(w.client, { patient: 'pat-aaaaaaaaaaaaaaaaaaaaaaaaaa' });
    expect(unknown.total).toBe(0);
  });
});

test('the CapabilityStatement lists Immunization read and search with its parameters', async () => {
  const started = await createListeningApp();
  t = started.t;
  const base = started.base;
  const statement = await r4(fhirClient(base).capabilityStatement());
  if (statement.resourceType !== 'CapabilityStatement') throw new Error('not a statement');
  const immunization = statement.rest?.[0]?.resource?.find((r) => r.type === 'Immunization');
  expect(immunization?.interaction?.map((i) => i.code)).toEqual(['read', 'search-type']);
  expect(immunization?.searchParam?.map((p) => p.name)).toEqual(['patient', 'patient.identifier']);
});
