import { createHash } from 'node:crypto';
import type { OperationOutcome } from 'fhir/r4.js';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { TestApp } from '../../test/test-app.ts';
import { filesUnder, pdfBytes } from '../modules/documents/documents.test-support.ts';
import { givenInayaAndNdiaye } from '../modules/documents/pro-documents.test-support.ts';
import { systems } from './document-codes.ts';
import { toFhirId } from './fhir-ids.ts';
import {
  createListeningApp,
  issueCodeOf,
  prepareR4Validator,
  tokenFor,
  VALIDATOR_TIMEOUT,
} from './fhir.test-support.ts';
import { r4SchemaIssues } from './r4-schema.ts';

let t: TestApp;
let open = false;
beforeAll(() => void prepareR4Validator(), VALIDATOR_TIMEOUT);
afterEach(async () => {
  if (open) await t.close();
  open = false;
});

async function setup() {
  const started = await createListeningApp();
  t = started.t;
  open = true;
  const world = await givenInayaAndNdiaye(t);
  const token = await tokenFor(t, world.ndiaye.professional);
  const post = async (url: string, body: unknown) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, data: await response.json() };
  };
  return { ...world, base: started.base, post };
}

/** A valid one-document provide bundle, as plain JSON to break at will. */
function bundleOf(patientId: string, pdf: Buffer) {
  const patient = `Patient/${toFhirId(patientId)}`;
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: 'urn:uuid:ss',
        resource: {
          resourceType: 'List',
          status: 'current',
          mode: 'working',
          subject: { reference: patient },
          entry: [{ item: { reference: 'urn:uuid:doc' } }],
        },
        request: { method: 'POST', url: 'List' },
      },
      {
        fullUrl: 'urn:uuid:doc',
        resource: {
          resourceType: 'DocumentReference',
          status: 'current',
          subject: { reference: patient },
          type: { coding: [{ system: systems.loinc, code: '11488-4' }] },
          content: [
            {
              attachment: {
                contentType: 'application/pdf',
                title: 'Diabète de type 2 — suivi',
                size: pdf.length,
                hash: createHash('sha1').update(pdf).digest('base64'),
                creation: '2026-11-20',
                data: pdf.toString('base64'),
              },
            },
          ],
        },
        request: { method: 'POST', url: 'DocumentReference' },
      },
    ],
  };
}

type Json = Record<string, unknown>;
const docOf = (bundle: ReturnType<typeof bundleOf>) => bundle.entry[1]!.resource as Json;
const attachmentOf = (bundle: ReturnType<typeof bundleOf>) =>
  (docOf(bundle).content as { attachment: Json }[])[0]!.attachment;

/** What a refused provide must leave: the same documents, blobs and traces as before. */
async function snapshot(patientId: string) {
  const db = t.deps.database.db;
  const count = async (table: 'documents' | 'traces') =>
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('patient_id', '=', patientId)
        .executeTakeFirstOrThrow()
    ).n;
  return {
    docs: Number(await count('documents')),
    traces: Number(await count('traces')),
    blobs: filesUnder(t.blobsDir).length,
  };
}

describe('incoming resources are checked against the official R4 JSON schema', () => {
  test('a schema-invalid ITI-65 Bundle answers 400 structure naming the paths, and stores nothing', async () => {
    const w = await setup();
    const pdf = await pdfBytes();
    const unknownElement = bundleOf(w.patientId, pdf);
    docOf(unknownElement).diagnosis = 'x';
    const badDate = bundleOf(w.patientId, pdf);
    attachmentOf(badDate).creation = 'hier';
    const badMethod = bundleOf(w.patientId, pdf);
    (badMethod.entry[0]!.request as Json).method = 'FETCH';
    const unknownType = bundleOf(w.patientId, pdf);
    (unknownType.entry[1] as Json).resource = { resourceType: 'Dossier' };
    const cases: [string, unknown, string][] = [
      ['unknown element', unknownElement, 'Bundle.entry[1].resource.diagnosis'],
      ['bad date', badDate, 'Bundle.entry[1].resource.content[0].attachment.creation'],
      ['bad request method', badMethod, 'Bundle.entry[0].request.method'],
      ['unknown resource type', unknownType, 'Bundle.entry[1].resource.resourceType'],
    ];
    const before = await snapshot(w.patientId);
    for (const [name, body, path] of cases) {
      const response = await w.post(w.base, body);
      expect(response.status, name).toBe(400);
      expect(issueCodeOf(response.data), name).toBe('structure');
      const issue = (response.data as OperationOutcome).issue[0];
      expect(issue?.expression, name).toEqual([path]);
      expect(issue?.diagnostics, name).toContain(path);
      // The paths, never the values: no health data travels back or into the logs.
      expect(JSON.stringify(response.data), name).not.toMatch(/Diabète|hier|FETCH/);
      expect(await snapshot(w.patientId), name).toEqual(before);
    }
  });

  test('the valid bundle next to them is accepted (the schema check refuses no valid MHD bundle)', async () => {
    const w = await setup();
    const response = await w.post(w.base, bundleOf(w.patientId, await pdfBytes()));
    expect(response.status).toBe(200);
  });

  test('$emergency-access and $consent Parameters that break the schema answer 400 structure', async () => {
    const w = await setup();
    const id = toFhirId(w.patientId);
    const emergency = await w.post(`${w.base}/Patient/${id}/$emergency-access`, {
      resourceType: 'Parameters',
      parameter: [
        { name: 'mode', valueCode: 'bris-de-glace' },
        { name: 'reason', valueString: 'Patient inconscient', valueFoo: 1 },
      ],
    });
    expect(emergency.status).toBe(400);
    expect(issueCodeOf(emergency.data)).toBe('structure');
    const consent = await w.post(`${w.base}/Patient/${id}/$consent`, {
      resourceType: 'Parameters',
      parameter: [{ value: 'x' }],
    });
    expect(consent.status).toBe(400);
    expect(issueCodeOf(consent.data)).toBe('structure');
    // Nothing was decided: no consent, no emergency window, no trace of either.
    const traces = await t.deps.database.db
      .selectFrom('traces')
      .select('action')
      .where('patient_id', '=', w.patientId)
      .where('actor_id', '=', w.psId)
      .execute();
    expect(traces).toEqual([]);
  });

  test('a JSON Patch whose securityLabel is no R4 CodeableConcept answers 400 structure, nothing changes', async () => {
    const w = await setup();
    const send = async (body: unknown) => {
      const response = await fetch(`${w.base}/DocumentReference/${toFhirId(w.visibleId)}`, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${await tokenFor(t, w.ndiaye.professional)}`,
          'content-type': 'application/json-patch+json',
        },
        body: JSON.stringify(body),
      });
      return { status: response.status, data: (await response.json()) as OperationOutcome };
    };
    const label = { system: systems.dmpConfidentiality, code: 'MASQUE_PS' };
    const before = await snapshot(w.patientId);
    const cases: [unknown, string][] = [
      [
        [{ op: 'add', path: '/securityLabel/-', value: { coding: [{ ...label, rank: 1 }] } }],
        'Patch[0].value.coding[0].rank',
      ],
      [
        [{ op: 'replace', path: '/securityLabel', value: [{ coding: label }] }],
        'Patch[0].value[0].coding',
      ],
    ];
    for (const [body, path] of cases) {
      const response = await send(body);
      expect(response.status, path).toBe(400);
      expect(issueCodeOf(response.data), path).toBe('structure');
      expect(response.data.issue[0]?.expression, path).toEqual([path]);
    }
    expect(await snapshot(w.patientId)).toEqual(before);
  });

  test('r4SchemaIssues: a Bundle is checked entry by entry, each against its own definition', () => {
    expect(r4SchemaIssues({ resourceType: 'Patient', birthDate: '2020-01-01' })).toEqual([]);
    expect(r4SchemaIssues({ resourceType: 'Patient', birthDate: 'bientôt' })).toEqual([
      { path: 'Patient.birthDate', reason: 'format invalide' },
    ]);
    expect(r4SchemaIssues([])).toEqual([
      { path: 'Resource.resourceType', reason: 'type de ressource absent' },
    ]);
    expect(
      r4SchemaIssues({
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [{ resource: { resourceType: 'Binary', contentType: 'text/plain', extra: 1 } }],
      }),
    ).toEqual([{ path: 'Bundle.entry[0].resource.extra', reason: 'élément inconnu' }]);
  });
});
