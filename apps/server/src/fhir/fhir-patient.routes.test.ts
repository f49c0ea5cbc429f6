import type { Bundle, Patient } from 'fhir/r4.js';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { outboxMessages } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { givenInayaAndNdiaye, tracesOf } from '../modules/documents/pro-documents.test-support.ts';
import { systems } from './document-codes.ts';
import { toFhirId } from './fhir-ids.ts';
import {
  entriesOf,
  expectValidR4,
  failure,
  fhirClient,
  issueCodeOf,
  r4,
  createListeningApp,
  prepareR4Validator,
  tokenFor,
  VALIDATOR_TIMEOUT,
} from './fhir.test-support.ts';

let t: TestApp;
let base: string;
beforeAll(() => void prepareR4Validator(), VALIDATOR_TIMEOUT);
afterEach(() => t.close());

/** Inaya's record (a visible and a masked document), Ndiaye with a token and a FHIR client. */
async function setup() {
  ({ t, base } = await createListeningApp());
  const world = await givenInayaAndNdiaye(t);
  const token = await tokenFor(t, world.ndiaye.professional);
  return { ...world, base, token, client: fhirClient(base, token) };
}

const insQuery = (ins: string) => ({ identifier: `${systems.ins}|${ins}` });
const search = (
  client: ReturnType<typeof fhirClient>,
  searchParams: Record<string, string | number>,
  options: Record<string, unknown> = {},
) => r4<Bundle>(client.search({ resourceType: 'DocumentReference', searchParams, options }));

describe('FHIR Patient', () => {
  test('a professional finds a record by INS and reads it; an unknown INS is an empty searchset', async () => {
    const w = await setup();
    const bundle = await w.client.search({
      resourceType: 'Patient',
      searchParams: insQuery(w.inaya.ins),
    });
    const [patient] = entriesOf(bundle) as Patient[];
    expect(patient).toMatchObject({
      id: toFhirId(w.patientId),
      identifier: [{ system: systems.ins, value: w.inaya.ins }],
      birthDate: '1988-04-12',
    });
    const read = await w.client.read({ resourceType: 'Patient', id: toFhirId(w.patientId) });
    expectValidR4(read);
    const unknown = await w.client.search({
      resourceType: 'Patient',
      searchParams: insQuery('188047512345678'),
    });
    expect(entriesOf(unknown)).toEqual([]);
    const bad = await failure(
      w.client.search({ resourceType: 'Patient', searchParams: { identifier: 'x|1' } }),
    );
    expect(bad.status).toBe(400);
    expect(issueCodeOf(bad.data)).toBe('required');
  });

  test('a blocked professional finds nothing, on the very next request, and the denial is traced', async () => {
    const w = await setup();
    expect(
      entriesOf(
        await w.client.search({ resourceType: 'Patient', searchParams: insQuery(w.inaya.ins) }),
      ),
    ).toHaveLength(1);
    expect(
      (await w.patientClient.post(`/api/access/professionals/${w.psId}/block`)).statusCode,
    ).toBe(200);
    expect(
      entriesOf(
        await w.client.search({ resourceType: 'Patient', searchParams: insQuery(w.inaya.ins) }),
      ),
    ).toEqual([]);
    const read = await failure(
      w.client.read({ resourceType: 'Patient', id: toFhirId(w.patientId) }),
    );
    expect(read.status).toBe(404);
    const consent = await failure(
      w.client.operation({
        name: '$consent',
        resourceType: 'Patient',
        id: toFhirId(w.patientId),
        input: { resourceType: 'Parameters' },
      }),
    );
    expect(consent.status).toBe(404);
    const traces = await tracesOf(t, w.patientId, w.psId);
    expect(traces.filter((x) => x.outcome === 'denied').map((x) => x.action)).toEqual([
      'record.search',
      'record.search',
      'access.consent',
    ]);
  });

  test('$consent records the grant, then the documents are listed', async () => {
    const w = await setup();
    const before = await search(w.client, { patient: toFhirId(w.patientId) });
    expect(before.total).toBe(0);
    const result = await w.client.operation({
      name: '$consent',
      resourceType: 'Patient',
      id: toFhirId(w.patientId),
      input: { resourceType: 'Parameters' },
    });
    expectValidR4(result);
    expect(JSON.stringify(result)).toContain('"valueCode":"autorise"');
    const after = await search(w.client, { patient: toFhirId(w.patientId) });
    expect(after.total).toBe(1);
    expect((await tracesOf(t, w.patientId, w.psId)).map((x) => x.action)).toContain(
      'access.consent',
    );
  });

  test('$emergency-access follows the patient’s settings, mails the patient, and needs a reason', async () => {
    const w = await setup();
    const id = toFhirId(w.patientId);
    const open = (mode: string, reason?: string) =>
      w.client.operation({
        name: '$emergency-access',
        resourceType: 'Patient',
        id,
        input: {
          resourceType: 'Parameters',
          parameter: [
            { name: 'mode', valueCode: mode },
            ...(reason === undefined ? [] : [{ name: 'reason', valueString: reason }]),
          ],
        },
      });
    const settings = (others: boolean, masked: boolean) =>
      w.patientClient.send('PUT', '/api/access/emergency', { samu: true, others, masked });
    expect((await settings(false, false)).statusCode).toBe(200);
    // Bris de glace switched off, samu needs a régulateur: both denied like a missing record.
    expect((await failure(open('bris-de-glace', 'Patient inconscient'))).status).toBe(404);
    expect((await failure(open('samu', 'Patient inconscient'))).status).toBe(404);
    const noReason = await failure(open('bris-de-glace'));
    expect(noReason.status).toBe(400);
    expect(issueCodeOf(noReason.data)).toBe('required');
    expect(issueCodeOf((await failure(open('autre', 'x y z'))).data)).toBe('value');
    expect((await settings(true, true)).statusCode).toBe(200);
    const mailsBefore = (await outboxMessages(t.deps)).length;
    const opened = await open('bris-de-glace', 'Patient inconscient aux urgences');
    expectValidR4(opened);
    expect(JSON.stringify(opened)).toContain('"valueCode":"urgence"');
    expect((await outboxMessages(t.deps)).length).toBeGreaterThan(mailsBefore);
    // Urgence with the third toggle: the masked document is listed too.
    const listed = await search(w.client, { patient: id });
    expect(listed.total).toBe(2);
  });
});
