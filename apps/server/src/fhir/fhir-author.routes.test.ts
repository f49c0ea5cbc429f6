import type { AuditEvent, DocumentReference } from 'fhir/r4.js';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { givenGrant, givenProfessional } from '../../test/access-builders.ts';
import type { TestApp } from '../../test/test-app.ts';
import {
  addDocument,
  givenInayaAndNdiaye,
  tracesOf,
} from '../modules/documents/pro-documents.test-support.ts';
import { systems } from './document-codes.ts';
import { toFhirId } from './fhir-ids.ts';
import {
  createListeningApp,
  entriesOf,
  expectValidR4,
  failure,
  fhirClient,
  issueCodeOf,
  r4,
  prepareR4Validator,
  tokenFor,
  VALIDATOR_TIMEOUT,
} from './fhir.test-support.ts';

let t: TestApp;
beforeAll(() => void prepareR4Validator(), VALIDATOR_TIMEOUT);
afterEach(() => t.close());

/** Ndiaye authored a document of Inaya's; Autre is another authorized professional. */
async function setup() {
  const started = await createListeningApp();
  t = started.t;
  const w = await givenInayaAndNdiaye(t);
  await givenGrant(t, w.patientId, w.psId, 'authorized');
  const own = await addDocument(t, w.patientId, {
    title: 'CR de Ndiaye',
    by: { id: w.psId, name: 'Dr Adama Ndiaye', profession: 'medecin' },
  });
  const other = await givenProfessional(t, { lastName: 'Autre' });
  await givenGrant(t, w.patientId, other.professional.id, 'authorized');
  return {
    ...w,
    own,
    other,
    client: fhirClient(started.base, await tokenFor(t, w.ndiaye.professional)),
    otherClient: fhirClient(started.base, await tokenFor(t, other.professional)),
  };
}

const patch = (client: ReturnType<typeof fhirClient>, id: string, jsonPatch: unknown[]) =>
  client.patch({
    resourceType: 'DocumentReference',
    id: toFhirId(id),
    jsonPatch: jsonPatch as never,
  });
const masque = { coding: [{ system: systems.dmpConfidentiality, code: 'MASQUE_PS' }] };
const invisible = { coding: [{ system: systems.dmpConfidentiality, code: 'INVISIBLE_PATIENT' }] };
const titles = async (client: ReturnType<typeof fhirClient>, patientId: string) =>
  (
    entriesOf(
      await r4(
        client.search({
          resourceType: 'DocumentReference',
          searchParams: { patient: toFhirId(patientId) },
        }),
      ),
    ) as DocumentReference[]
  )
    .map((d) => d.description)
    .sort();

describe('FHIR author actions', () => {
  test('the author masks its document with a JSON Patch: other PS no longer see it', async () => {
    const w = await setup();
    expect(await titles(w.otherClient, w.patientId)).toEqual([
      'CR de Ndiaye',
      'Compte rendu genou',
    ]);
    const patched = await r4<DocumentReference>(
      patch(w.client, w.own, [{ op: 'add', path: '/securityLabel/-', value: masque }]),
    );
    expectValidR4(patched);
    expect(patched.securityLabel?.[0]?.coding?.[0]?.code).toBe('MASQUE_PS');
    expect(await titles(w.otherClient, w.patientId)).toEqual(['Compte rendu genou']);
    expect(await titles(w.client, w.patientId)).toEqual(['CR de Ndiaye', 'Compte rendu genou']);
    await r4(
      patch(w.client, w.own, [{ op: 'replace', path: '/securityLabel', value: [invisible] }]),
    );
    expect(await titles(w.otherClient, w.patientId)).toEqual([
      'CR de Ndiaye',
      'Compte rendu genou',
    ]);
    const actions = (await tracesOf(t, w.patientId, w.psId)).map((x) => x.action);
    expect(actions).toEqual(
      expect.arrayContaining(['document.mask', 'document.unmask', 'document.hide_from_patient']),
    );
  });

  test('another PS cannot mask or delete it (404, traced); both labels and other paths are refused', async () => {
    const w = await setup();
    const notAuthor = await failure(
      patch(w.otherClient, w.own, [{ op: 'add', path: '/securityLabel/-', value: masque }]),
    );
    expect(notAuthor.status).toBe(404);
    expect(issueCodeOf(notAuthor.data)).toBe('not-found');
    const deleteByOther = await failure(
      patch(w.otherClient, w.own, [{ op: 'replace', path: '/status', value: 'entered-in-error' }]),
    );
    expect(deleteByOther.status).toBe(404);
    expect(
      (await tracesOf(t, w.patientId, w.other.professional.id))
        .filter((x) => x.outcome === 'denied')
        .map((x) => x.action),
    ).toEqual(['document.mask', 'document.delete']);
    const both = await failure(
      patch(w.client, w.own, [
        { op: 'replace', path: '/securityLabel', value: [masque, invisible] },
      ]),
    );
    expect(both.status).toBe(422);
    issueCodeOf(both.data);
    const title = await failure(
      patch(w.client, w.own, [{ op: 'replace', path: '/description', value: 'x' }]),
    );
    expect(title.status).toBe(422);
    expect(await titles(w.otherClient, w.patientId)).toEqual([
      'CR de Ndiaye',
      'Compte rendu genou',
    ]);
  });

  test('status entered-in-error by the author deletes it logically for everyone', async () => {
    const w = await setup();
    const outcome = await r4(
      patch(w.client, w.own, [{ op: 'replace', path: '/status', value: 'entered-in-error' }]),
    );
    expectValidR4(outcome);
    expect(await titles(w.client, w.patientId)).toEqual(['Compte rendu genou']);
    expect(await titles(w.otherClient, w.patientId)).toEqual(['Compte rendu genou']);
    const row = await t.deps.database.db
      .selectFrom('documents')
      .select('deleted_at')
      .where('id', '=', w.own)
      .executeTakeFirstOrThrow();
    expect(row.deleted_at).not.toBeNull();
  });
});

describe('FHIR AuditEvent', () => {
  test('a PS reads its own traces; the médecin traitant reads every PS’s; each validates', async () => {
    const w = await setup();
    await titles(w.otherClient, w.patientId);
    const own = entriesOf(
      await r4(
        w.client.search({
          resourceType: 'AuditEvent',
          searchParams: { patient: toFhirId(w.patientId) },
        }),
      ),
    ) as AuditEvent[];
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((e) => e.agent[0]?.who?.display?.includes('Ndiaye'))).toBe(true);
    await t.deps.patientAccess.declareMedecinTraitant(w.patientId, w.psId);
    const all = entriesOf(
      await r4(
        w.client.search({
          resourceType: 'AuditEvent',
          searchParams: { patient: toFhirId(w.patientId) },
        }),
      ),
    ) as AuditEvent[];
    expect(all.some((e) => e.agent[0]?.who?.display?.includes('Autre'))).toBe(true);
    const unknown = entriesOf(
      await r4(
        w.client.search({
          resourceType: 'AuditEvent',
          searchParams: { patient: 'pat-aaaaaaaaaaaaaaaaaaaaaaaaaa' },
        }),
      ),
    );
    expect(unknown).toEqual([]);
  });
});
