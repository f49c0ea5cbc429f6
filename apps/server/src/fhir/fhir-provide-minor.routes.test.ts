/**
 * ITI-65 with the INVISIBLE_REPRESENTANTS_LEGAUX security label (issue 13): accepted for a minor
 * (the document is then absent for the legal representatives), refused for an adult patient with
 * an OperationOutcome, nothing stored — the same rule as the web upload, in the documents service.
 */
import type { Bundle, FhirResource } from 'fhir/r4.js';
import { afterEach, describe, expect, test } from 'vitest';
import { givenGrant, givenProfessional } from '../../test/access-builders.ts';
import { givenActivePatient } from '../../test/builders.ts';
import type { TestApp } from '../../test/test-app.ts';
import { givenInayaAndLeo } from '../modules/delegations/delegations.test-support.ts';
import { pdfBytes } from '../modules/documents/documents.test-support.ts';
import { systems } from './document-codes.ts';
import { toFhirId } from './fhir-ids.ts';
import { createListeningApp, failure, fhirClient, r4, tokenFor } from './fhir.test-support.ts';

let t: TestApp;
afterEach(() => t.close());

/** A provide bundle of one inline PDF, marked INVISIBLE_REPRESENTANTS_LEGAUX. */
async function secretBundle(patientId: string): Promise<Bundle<FhirResource>> {
  const bytes = await pdfBytes();
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
          subject: { reference: `Patient/${toFhirId(patientId)}` },
          entry: [{ item: { reference: 'urn:uuid:doc0' } }],
        },
        request: { method: 'POST', url: 'List' },
      },
      {
        fullUrl: 'urn:uuid:doc0',
        resource: {
          resourceType: 'DocumentReference',
          status: 'current',
          subject: { reference: `Patient/${toFhirId(patientId)}` },
          type: { coding: [{ system: systems.loinc, code: '11488-4' }] },
          securityLabel: [
            {
              coding: [
                { system: systems.dmpConfidentiality, code: 'INVISIBLE_REPRESENTANTS_LEGAUX' },
              ],
            },
          ],
          content: [
            {
              attachment: {
                contentType: 'application/pdf',
                title: 'Consultation confidentielle',
                creation: '2026-11-20',
                data: bytes.toString('base64'),
              },
            },
          ],
        },
        request: { method: 'POST', url: 'DocumentReference' },
      },
    ],
  };
}

const documentsOf = (patientId: string) =>
  t.deps.database.db
    .selectFrom('documents')
    .select(['title', 'invisible_to_legal_reps'])
    .where('patient_id', '=', patientId)
    .execute();

describe('ITI-65 and INVISIBLE_REPRESENTANTS_LEGAUX', () => {
  test('is honoured for a minor and refused for an adult, storing nothing', async () => {
    const started = await createListeningApp();
    t = started.t;
    const { leo } = await givenInayaAndLeo(t);
    const adult = await givenActivePatient(t, { firstName: 'Camille', birthDate: '2000-01-01' });
    const ps = await givenProfessional(t, { firstName: 'Adama', lastName: 'Ndiaye' });
    await givenGrant(t, leo.id, ps.professional.id, 'authorized');
    await givenGrant(t, adult.patient.id, ps.professional.id, 'authorized');
    const client = fhirClient(started.base, await tokenFor(t, ps.professional));
    const provide = (body: Bundle<FhirResource>) => client.transaction({ body: body as never });

    await r4(provide(await secretBundle(leo.id)));
    expect(await documentsOf(leo.id)).toEqual([
      { title: 'Consultation confidentielle', invisible_to_legal_reps: 1 },
    ]);

    const refused = await failure(provide(await secretBundle(adult.patient.id)));
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.data)).toContain('patient mineur');
    expect(await documentsOf(adult.patient.id)).toEqual([]);
  });
});
