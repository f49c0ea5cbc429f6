import { createHash } from 'node:crypto';
import type { Bundle, BundleEntry, DocumentReference, FhirResource } from 'fhir/r4.js';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { givenGrant, givenProfessional } from '../../test/access-builders.ts';
import type { TestApp } from '../../test/test-app.ts';
import { filesUnder, pdfBytes } from '../modules/documents/documents.test-support.ts';
import { givenInayaAndNdiaye, tracesOf } from '../modules/documents/pro-documents.test-support.ts';
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

async function setup() {
  const started = await createListeningApp();
  t = started.t;
  const world = await givenInayaAndNdiaye(t);
  const token = await tokenFor(t, world.ndiaye.professional);
  return { ...world, base: started.base, token, client: fhirClient(started.base, token) };
}

const sha1 = (bytes: Buffer) => createHash('sha1').update(bytes).digest('base64');

interface DocInput {
  bytes: Buffer;
  contentType?: string;
  title?: string;
  inline?: boolean;
  hash?: string;
  size?: number;
  labels?: string[];
  patient?: string;
  date?: string;
}

/** An MHD provide bundle for one patient, one Binary per document unless inline. */
function provideBundle(patientId: string, docs: DocInput[]): Bundle<FhirResource> {
  const patient = `Patient/${toFhirId(patientId)}`;
  const entry: BundleEntry<FhirResource>[] = [
    {
      fullUrl: 'urn:uuid:ss',
      resource: {
        resourceType: 'List',
        status: 'current',
        mode: 'working',
        subject: { reference: patient },
        entry: docs.map((_, i) => ({ item: { reference: `urn:uuid:doc${i}` } })),
      },
      request: { method: 'POST', url: 'List' },
    },
  ];
  docs.forEach((doc, i) => {
    entry.push({
      fullUrl: `urn:uuid:doc${i}`,
      resource: {
        resourceType: 'DocumentReference',
        status: 'current',
        subject: { reference: doc.patient ? `Patient/${toFhirId(doc.patient)}` : patient },
        type: { coding: [{ system: systems.loinc, code: '11488-4' }] },
        ...(doc.labels
          ? {
              securityLabel: doc.labels.map((code) => ({
                coding: [{ system: systems.dmpConfidentiality, code }],
              })),
            }
          : {}),
        content: [
          {
            attachment: {
              contentType: doc.contentType ?? 'application/pdf',
              title: doc.title ?? `Compte rendu ${i}`,
              size: doc.size ?? doc.bytes.length,
              hash: doc.hash ?? sha1(doc.bytes),
              creation: doc.date ?? '2026-11-20',
              ...(doc.inline
                ? { data: doc.bytes.toString('base64') }
                : { url: `urn:uuid:bin${i}` }),
            },
          },
        ],
      },
      request: { method: 'POST', url: 'DocumentReference' },
    });
    if (!doc.inline)
      entry.push({
        fullUrl: `urn:uuid:bin${i}`,
        resource: {
          resourceType: 'Binary',
          contentType: doc.contentType ?? 'application/pdf',
          data: doc.bytes.toString('base64'),
        },
        request: { method: 'POST', url: 'Binary' },
      });
  });
  return { resourceType: 'Bundle', type: 'transaction', entry };
}

/** ITI-65 through fhir-kit-client (its loose resource type stands for the R4 one). */
const provide = (client: ReturnType<typeof fhirClient>, body: Bundle<FhirResource>) =>
  client.transaction({ body: body as never });

/** What a refused provide must leave: the same documents, blobs and add traces as before. */
async function snapshot(patientId: string) {
  const db = t.deps.database.db;
  const docs = await db
    .selectFrom('documents')
    .select('id')
    .where('patient_id', '=', patientId)
    .execute();
  const adds = await db
    .selectFrom('traces')
    .select('id')
    .where('action', '=', 'document.add')
    .where('outcome', '=', 'success')
    .execute();
  return { docs: docs.length, adds: adds.length, blobs: filesUnder(t.blobsDir).length };
}

describe('FHIR ITI-65 provide document bundle', () => {
  test('a PDF and an inline text are added atomically, then found by ITI-67 and in the patient’s list', async () => {
    const w = await setup();
    const pdf = await pdfBytes('Compte rendu FHIR');
    const response = await r4<Bundle>(
      provide(
        w.client,
        provideBundle(w.patientId, [
          { bytes: pdf, title: 'CR consultation FHIR' },
          { bytes: Buffer.from('Note de suivi'), contentType: 'text/plain', inline: true },
        ]),
      ),
    );
    expectValidR4(response);
    expect(response.type).toBe('transaction-response');
    const locations = (response.entry ?? []).map((e) => e.response?.location);
    expect(locations[0]).toMatch(/^List\/sub-/);
    expect(locations[1]).toMatch(/^DocumentReference\/doc-/);
    expect(locations[2]).toBe(locations[1]?.replace('DocumentReference', 'Binary'));
    expect(locations[3]).toMatch(/^DocumentReference\/doc-/);
    // Feeding needed no read grant; reading does (ACCESS.md rows 4-5).
    await givenGrant(t, w.patientId, w.psId, 'authorized');
    const found = entriesOf(
      await r4(
        w.client.search({
          resourceType: 'DocumentReference',
          searchParams: { patient: toFhirId(w.patientId) },
        }),
      ),
    ) as DocumentReference[];
    const mine = found.find((d) => d.description === 'CR consultation FHIR');
    expect(mine?.content[0]?.attachment).toMatchObject({
      hash: sha1(pdf),
      size: pdf.length,
      contentType: 'application/pdf',
    });
    const list = await w.patientClient.get('/api/documents');
    expect(list.statusCode).toBe(200);
    const item = list
      .json<{ items: { title: string; author: { name: string | null } }[] }>()
      .items.find((d) => d.title === 'CR consultation FHIR');
    expect(item?.author.name).toBe('Dr Adama Ndiaye');
    const traces = await tracesOf(t, w.patientId, w.psId);
    expect(traces.filter((x) => x.action === 'document.add').map((x) => x.outcome)).toEqual([
      'success',
      'success',
    ]);
  });

  test('MASQUE_PS is honoured, MASQUE_PS with INVISIBLE_PATIENT is refused', async () => {
    const w = await setup();
    await r4(
      provide(
        w.client,
        provideBundle(w.patientId, [
          { bytes: await pdfBytes(), labels: ['MASQUE_PS'], title: 'Masqué' },
        ]),
      ),
    );
    const other = await givenProfessional(t, { lastName: 'Autre' });
    await givenGrant(t, w.patientId, other.professional.id, 'authorized');
    const otherClient = fhirClient(w.base, await tokenFor(t, other.professional));
    const seen = entriesOf(
      await r4(
        otherClient.search({
          resourceType: 'DocumentReference',
          searchParams: { patient: toFhirId(w.patientId) },
        }),
      ),
    ) as DocumentReference[];
    expect(seen.map((d) => d.description)).toEqual(['Compte rendu genou']);
    const before = await snapshot(w.patientId);
    const both = await failure(
      provide(
        w.client,
        provideBundle(w.patientId, [
          { bytes: await pdfBytes(), labels: ['MASQUE_PS', 'INVISIBLE_PATIENT'] },
        ]),
      ),
    );
    expect(both.status).toBe(422);
    issueCodeOf(both.data);
    expect(await snapshot(w.patientId)).toEqual(before);
  });

  test('every bad bundle gets an OperationOutcome and stores nothing', async () => {
    const w = await setup();
    const pdf = await pdfBytes();
    const stranger = (await givenInayaAndNdiaye(t)).patientId;
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(600, 1)]);
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5 * 1024 * 1024, 0x20)]);
    const good = provideBundle(w.patientId, [{ bytes: pdf }]);
    const cases: [string, unknown, number][] = [
      ['wrong type', { ...good, type: 'batch' }, 400],
      ['not a bundle', { resourceType: 'Patient' }, 400],
      [
        'wrong hash',
        provideBundle(w.patientId, [{ bytes: pdf, hash: sha1(Buffer.from('x')) }]),
        422,
      ],
      ['wrong size', provideBundle(w.patientId, [{ bytes: pdf, size: 12 }]), 422],
      ['other patient', provideBundle(w.patientId, [{ bytes: pdf, patient: stranger }]), 422],
      ['exe as pdf', provideBundle(w.patientId, [{ bytes: exe }]), 415],
      ['over 5 MB', provideBundle(w.patientId, [{ bytes: big }]), 413],
      [
        'future date, second of two',
        provideBundle(w.patientId, [{ bytes: pdf }, { bytes: pdf, date: '2099-01-01' }]),
        400,
      ],
      [
        'unresolved reference',
        {
          ...good,
          entry: (good.entry ?? []).filter((e) => e.resource?.resourceType !== 'Binary'),
        },
        422,
      ],
    ];
    const before = await snapshot(w.patientId);
    for (const [name, body, status] of cases) {
      const response = await fetch(w.base, {
        method: 'POST',
        headers: { authorization: `Bearer ${w.token}`, 'content-type': 'application/fhir+json' },
        body: JSON.stringify(body),
      });
      expect(response.status, name).toBe(status);
      expect(response.headers.get('content-type'), name).toMatch(/^application\/fhir\+json/);
      issueCodeOf(await response.json());
      expect(await snapshot(w.patientId), name).toEqual(before);
    }
    const malformed = await fetch(w.base, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.token}`, 'content-type': 'application/fhir+json' },
      body: '{"resourceType": "Bundle",',
    });
    expect(malformed.status).toBe(400);
    expect(issueCodeOf(await malformed.json())).toBe('structure');
    expect(await snapshot(w.patientId)).toEqual(before);
  });

  test('a blocked professional cannot provide: 404, nothing stored, the denial traced', async () => {
    const w = await setup();
    await w.patientClient.post(`/api/access/professionals/${w.psId}/block`);
    const before = await snapshot(w.patientId);
    const denied = await failure(
      provide(w.client, provideBundle(w.patientId, [{ bytes: await pdfBytes() }])),
    );
    expect(denied.status).toBe(404);
    expect(issueCodeOf(denied.data)).toBe('not-found');
    expect(await snapshot(w.patientId)).toEqual(before);
    expect((await tracesOf(t, w.patientId, w.psId)).at(-1)).toMatchObject({
      action: 'document.add',
      outcome: 'denied',
    });
  });
});
