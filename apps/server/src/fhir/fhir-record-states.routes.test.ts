/**
 * ACCESS.md through FHIR for the cases the other files leave out: a closed record (row 1: nothing,
 * whatever the grant) and the médecin traitant's platform setting on masked documents.
 */
import type { Bundle, DocumentReference } from 'fhir/r4.js';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { givenGrant, givenProfessional } from '../../test/access-builders.ts';
import type { TestApp } from '../../test/test-app.ts';
import { givenInayaAndNdiaye, tracesOf } from '../modules/documents/pro-documents.test-support.ts';
import { systems } from './document-codes.ts';
import { toFhirId } from './fhir-ids.ts';
import {
  createListeningApp,
  entriesOf,
  failure,
  fhirClient,
  issueCodeOf,
  prepareR4Validator,
  r4,
  tokenFor,
  VALIDATOR_TIMEOUT,
} from './fhir.test-support.ts';

let t: TestApp;
beforeAll(() => void prepareR4Validator(), VALIDATOR_TIMEOUT);
afterEach(() => t.close());

async function setup(env: Record<string, string> = {}) {
  const started = await createListeningApp(env);
  t = started.t;
  const world = await givenInayaAndNdiaye(t);
  const client = fhirClient(started.base, await tokenFor(t, world.ndiaye.professional));
  return { ...world, base: started.base, client };
}

type Client = ReturnType<typeof fhirClient>;
const documentsOf = async (client: Client, patientId: string) => {
  const bundle = await r4<Bundle>(
    client.search({
      resourceType: 'DocumentReference',
      searchParams: { patient: toFhirId(patientId) },
    }),
  );
  return {
    total: bundle.total,
    titles: (entriesOf(bundle) as DocumentReference[]).map((d) => d.description).sort(),
  };
};

describe('a closed record through FHIR', () => {
  test('after closure even an administrator gets 404 on Patient and Binary and empty searches; every denial traced', async () => {
    const w = await setup();
    await givenGrant(t, w.patientId, w.psId, 'administrator');
    const id = toFhirId(w.patientId);
    expect((await documentsOf(w.client, w.patientId)).total).toBe(2);
    const closed = await w.patientClient.post('/api/account/close', {
      password: w.inaya.password,
      requestDeletion: false,
    });
    expect(closed.statusCode).toBe(200);
    const seq = (await tracesOf(t, w.patientId, w.psId)).length;

    const patient = await failure(w.client.read({ resourceType: 'Patient', id }));
    const missing = await failure(
      w.client.read({ resourceType: 'Patient', id: 'pat-aaaaaaaaaaaaaaaaaaaaaaaaaa' }),
    );
    expect(patient.status).toBe(404);
    expect(issueCodeOf(patient.data)).toBe('not-found');
    expect(patient.data).toEqual(missing.data);
    const byIns = await r4<Bundle>(
      w.client.search({
        resourceType: 'Patient',
        searchParams: { identifier: `${systems.ins}|${w.inaya.ins}` },
      }),
    );
    expect([byIns.total, byIns.entry ?? []]).toEqual([0, []]);
    expect(await documentsOf(w.client, w.patientId)).toEqual({ total: 0, titles: [] });
    const binary = await failure(
      w.client.read({ resourceType: 'Binary', id: toFhirId(w.visibleId) }),
    );
    expect(binary.status).toBe(404);
    expect(issueCodeOf(binary.data)).toBe('not-found');
    const immunizations = await r4<Bundle>(
      w.client.search({ resourceType: 'Immunization', searchParams: { patient: id } }),
    );
    expect(immunizations.total).toBe(0);

    const after = (await tracesOf(t, w.patientId, w.psId)).slice(seq);
    expect(after.map((x) => [x.action, x.outcome])).toEqual([
      ['record.search', 'denied'],
      ['record.search', 'denied'],
      ['document.search', 'denied'],
      ['document.download', 'denied'],
      ['profile.read', 'denied'],
    ]);
  });
});

describe('the médecin traitant and documents masked to professionals (ACCESS.md, platform setting)', () => {
  test('by default the médecin traitant sees no masked document: absent from entries and total, Binary 404', async () => {
    const w = await setup();
    await givenGrant(t, w.patientId, w.psId, 'authorized');
    await t.deps.patientAccess.declareMedecinTraitant(w.patientId, w.psId);
    expect(await documentsOf(w.client, w.patientId)).toEqual({
      total: 1,
      titles: ['Compte rendu genou'],
    });
    const masked = await failure(
      w.client.read({ resourceType: 'Binary', id: toFhirId(w.maskedId) }),
    );
    expect(masked.status).toBe(404);
    expect((await tracesOf(t, w.patientId, w.psId)).at(-1)).toMatchObject({
      action: 'document.download',
      outcome: 'denied',
    });
  });

  test('with the setting on, the médecin traitant sees and downloads them; another professional still does not', async () => {
    const w = await setup({ CARNET_MEDECIN_TRAITANT_SEES_MASKED: 'true' });
    await givenGrant(t, w.patientId, w.psId, 'authorized');
    // Not yet médecin traitant: the setting alone opens nothing.
    expect((await documentsOf(w.client, w.patientId)).total).toBe(1);
    await t.deps.patientAccess.declareMedecinTraitant(w.patientId, w.psId);
    expect(await documentsOf(w.client, w.patientId)).toEqual({
      total: 2,
      titles: ['Bilan confidentiel', 'Compte rendu genou'],
    });
    const raw = await fetch(`${w.base}/Binary/${toFhirId(w.maskedId)}`, {
      headers: {
        authorization: `Bearer ${await tokenFor(t, w.ndiaye.professional)}`,
        accept: 'text/plain',
      },
    });
    expect([raw.status, await raw.text()]).toEqual([200, 'Contenu de Bilan confidentiel']);

    const other = await givenProfessional(t, { lastName: 'Autre' });
    await givenGrant(t, w.patientId, other.professional.id, 'authorized');
    const otherClient = fhirClient(w.base, await tokenFor(t, other.professional));
    expect(await documentsOf(otherClient, w.patientId)).toEqual({
      total: 1,
      titles: ['Compte rendu genou'],
    });
  });
});
