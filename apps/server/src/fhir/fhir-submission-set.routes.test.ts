import { createHash } from 'node:crypto';
import type { Bundle, List } from 'fhir/r4.js';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { givenGrant, givenProfessional } from '../../test/access-builders.ts';
import type { TestApp } from '../../test/test-app.ts';
import { pdfBytes } from '../modules/documents/documents.test-support.ts';
import { givenInayaAndNdiaye, tracesOf } from '../modules/documents/pro-documents.test-support.ts';
import { systems } from './document-codes.ts';
import { toFhirId } from './fhir-ids.ts';
import {
  createListeningApp,
  expectValidR4,
  failure,
  fhirClient,
  issueCodeOf,
  prepareR4Validator,
  r4,
  tokenFor,
  VALIDATOR_TIMEOUT,
} from './fhir.test-support.ts';
import { SUBMISSION_SET_PROFILE } from './submission-set.routes.ts';

let t: TestApp;
beforeAll(() => void prepareR4Validator(), VALIDATOR_TIMEOUT);
afterEach(() => t.close());

type Client = ReturnType<typeof fhirClient>;

async function setup(env: Record<string, string> = {}) {
  const started = await createListeningApp(env);
  t = started.t;
  const world = await givenInayaAndNdiaye(t);
  const client = fhirClient(started.base, await tokenFor(t, world.ndiaye.professional));
  const clientOf = async (ps: Parameters<typeof tokenFor>[1]) =>
    fhirClient(started.base, await tokenFor(t, ps));
  return { ...world, base: started.base, client, clientOf };
}

const UNIQUE_ID = { system: 'urn:ietf:rfc:3986', value: 'urn:oid:1.2.250.1.999.1.20261207.1' };

/** A provide of inline documents, its SubmissionSet carrying a uniqueId and a date. */
function provideOf(patientId: string, docs: { bytes: Buffer; title: string; masked?: boolean }[]) {
  const patient = `Patient/${toFhirId(patientId)}`;
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: 'urn:uuid:ss',
        resource: {
          resourceType: 'List',
          identifier: [
            { use: 'official', system: 'urn:ietf:rfc:3986', value: 'urn:uuid:ss' },
            { use: 'usual', ...UNIQUE_ID },
          ],
          status: 'current',
          mode: 'working',
          code: {
            coding: [
              {
                system: 'https://profiles.ihe.net/ITI/MHD/CodeSystem/MHDlistTypes',
                code: 'submissionset',
              },
            ],
          },
          subject: { reference: patient },
          date: '2026-12-07T09:30:00+01:00',
          entry: docs.map((_, i) => ({ item: { reference: `urn:uuid:doc${i}` } })),
        },
        request: { method: 'POST', url: 'List' },
      },
      ...docs.map((doc, i) => ({
        fullUrl: `urn:uuid:doc${i}`,
        resource: {
          resourceType: 'DocumentReference',
          status: 'current',
          subject: { reference: patient },
          type: { coding: [{ system: systems.loinc, code: '11488-4' }] },
          ...(doc.masked
            ? {
                securityLabel: [
                  { coding: [{ system: systems.dmpConfidentiality, code: 'MASQUE_PS' }] },
                ],
              }
            : {}),
          content: [
            {
              attachment: {
                contentType: 'application/pdf',
                title: doc.title,
                size: doc.bytes.length,
                hash: createHash('sha1').update(doc.bytes).digest('base64'),
                data: doc.bytes.toString('base64'),
              },
            },
          ],
        },
        request: { method: 'POST', url: 'DocumentReference' },
      })),
    ],
  };
}

const provide = async (client: Client, body: unknown) =>
  (await r4<Bundle>(client.transaction({ body: body as never }))).entry?.map(
    (e) => e.response?.location ?? '',
  ) ?? [];

const readList = (client: Client, location: string) =>
  r4<List>(client.read({ resourceType: 'List', id: location.replace('List/', '') }));

const setsOf = async (patientId: string) =>
  (
    await t.deps.database.db
      .selectFrom('submission_sets')
      .select('id')
      .where('patient_id', '=', patientId)
      .execute()
  ).length;

describe('the SubmissionSet List of an ITI-65 provide', () => {
  test('is stored with the documents, has a Location, and reads back as an MHD SubmissionSet', async () => {
    const w = await setup();
    const [listAt, firstAt, secondAt] = await provide(
      w.client,
      provideOf(w.patientId, [
        { bytes: await pdfBytes('Un'), title: 'CR un' },
        { bytes: await pdfBytes('Deux'), title: 'CR deux' },
      ]),
    );
    expect(listAt).toMatch(/^List\/sub-/);
    // Feeding needs no read grant, reading its List does (the record's rule, ACCESS.md rows 4-5).
    expect((await failure(readList(w.client, listAt!))).status).toBe(404);
    await givenGrant(t, w.patientId, w.psId, 'authorized');
    const list = await readList(w.client, listAt!);
    expectValidR4(list);
    expect(list).toEqual({
      resourceType: 'List',
      id: listAt!.replace('List/', ''),
      meta: { profile: [SUBMISSION_SET_PROFILE] },
      identifier: [{ use: 'usual', ...UNIQUE_ID }],
      status: 'current',
      mode: 'working',
      code: {
        coding: [
          {
            system: 'https://profiles.ihe.net/ITI/MHD/CodeSystem/MHDlistTypes',
            code: 'submissionset',
          },
        ],
      },
      subject: { reference: `Patient/${toFhirId(w.patientId)}` },
      date: '2026-12-07T09:30:00+01:00',
      source: {
        type: 'Practitioner',
        identifier: { system: systems.rpps, value: w.ndiaye.professional.rpps },
      },
      entry: [{ item: { reference: firstAt } }, { item: { reference: secondAt } }],
    });
    expect((await tracesOf(t, w.patientId, w.psId)).at(-1)).toMatchObject({
      action: 'document.search',
      outcome: 'success',
      target_id: listAt!.replace('List/sub-', 'sub_'),
    });
  });

  test('another professional sees the entries it may see; no grant, blocked or unknown: 404, traced', async () => {
    const w = await setup();
    const [listAt, , maskedAt] = await provide(
      w.client,
      provideOf(w.patientId, [
        { bytes: await pdfBytes('Un'), title: 'CR visible' },
        { bytes: await pdfBytes('Deux'), title: 'CR masqué', masked: true },
      ]),
    );
    const other = await givenProfessional(t, { firstName: 'Paul', lastName: 'Durand' });
    const otherClient = await w.clientOf(other.professional);
    const denied = await failure(readList(otherClient, listAt!));
    expect(denied.status).toBe(404);
    expect(issueCodeOf(denied.data)).toBe('not-found');
    expect((await tracesOf(t, w.patientId, other.professional.id)).at(-1)).toMatchObject({
      action: 'document.search',
      outcome: 'denied',
    });

    await givenGrant(t, w.patientId, other.professional.id, 'authorized');
    const seen = await readList(otherClient, listAt!);
    expect(seen.entry?.map((e) => e.item.reference)).toHaveLength(1);
    expect(seen.entry?.map((e) => e.item.reference)).not.toContain(maskedAt);
    // Its author sees its own masked document in it.
    await givenGrant(t, w.patientId, w.psId, 'authorized');
    expect((await readList(w.client, listAt!)).entry).toHaveLength(2);

    await w.patientClient.post(`/api/access/professionals/${other.professional.id}/block`);
    expect((await failure(readList(otherClient, listAt!))).status).toBe(404);
    for (const id of ['sub-aaaaaaaaaaaaaaaaaaaaaaaaaa', toFhirId(w.visibleId), 'nonsense']) {
      const missing = await failure(otherClient.read({ resourceType: 'List', id }));
      expect(missing.status).toBe(404);
      expect(missing.data).toEqual(denied.data);
    }
  });

  test('a refused provide stores no SubmissionSet either', async () => {
    const w = await setup();
    const bytes = await pdfBytes();
    const bad = provideOf(w.patientId, [{ bytes, title: 'CR' }]);
    (
      bad.entry[1]!.resource as { content: { attachment: { hash: string } }[] }
    ).content[0]!.attachment.hash = createHash('sha1').update('autre chose').digest('base64');
    expect((await failure(provide(w.client, bad))).status).toBe(422);
    await w.patientClient.post(`/api/access/professionals/${w.psId}/block`);
    const blocked = await failure(
      provide(w.client, provideOf(w.patientId, [{ bytes, title: 'CR' }])),
    );
    expect(blocked.status).toBe(404);
    expect(await setsOf(w.patientId)).toBe(0);
  });

  test('erasing the record removes its SubmissionSets with its documents', async () => {
    const w = await setup({ CARNET_DELETION_DELAY_DAYS: '30' });
    await provide(w.client, provideOf(w.patientId, [{ bytes: await pdfBytes(), title: 'CR' }]));
    expect(await setsOf(w.patientId)).toBe(1);
    const closed = await w.patientClient.post('/api/account/close', {
      password: w.inaya.password,
      requestDeletion: true,
    });
    expect(closed.statusCode).toBe(200);
    t.clock.advance(31 * 24 * 3600_000);
    expect(await t.deps.lifecycle.sweep()).toBe(1);
    expect(await setsOf(w.patientId)).toBe(0);
    expect(
      await t.deps.database.db
        .selectFrom('submission_set_documents')
        .select('document_id')
        .execute(),
    ).toEqual([]);
  });
});
