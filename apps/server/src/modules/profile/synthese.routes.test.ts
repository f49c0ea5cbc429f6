import { createRequire } from 'node:module';
import type { DocumentList } from '@carnet/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { givenActivePatient, signIn } from '../../../test/builders.ts';
import { createTestApp } from '../../../test/test-app.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { addEntry, tracesOf, weight } from './profile.test-support.ts';

type Validator = { validate(resource: unknown, verbose?: boolean): unknown[] };
const JSONSchemaValidator = createRequire(import.meta.url)(
  '@asymmetrik/fhir-json-schema-validator',
) as new () => Validator;

let t: TestApp;
afterEach(async () => {
  await t.close();
});

async function givenInayaWithProfile() {
  t = await createTestApp();
  t.clock.set(new Date('2026-12-07T10:00:00Z'));
  const inaya = await givenActivePatient(t);
  const client = await signIn(t, inaya);
  const script = '<script>alert("x")</script> & Co';
  for (const entry of [
    { type: 'maladie', name: 'Asthme', since: '2010-01-01', notes: script },
    {
      type: 'traitement',
      name: 'Ventoline',
      dosage: '2 bouffées',
      since: '2010-01-01',
      ongoing: true,
    },
    { type: 'allergie', substance: 'Pénicilline', reaction: 'Urticaire', severity: 'moderee' },
    {
      type: 'hospitalisation',
      reason: 'Appendicite',
      place: 'CHU de Nantes',
      from: '2015-06-01',
      to: '2015-06-04',
    },
    { type: 'antecedent', who: 'Mère', what: 'Diabète de type 2' },
    { type: 'groupe-sanguin', group: 'A+' },
    { type: 'vaccination', vaccine: 'DTCAP', date: '2024-03-01', dose: 'rappel', lot: 'X12' },
    { type: 'mesure', measure: 'taille', date: '2024-01-01', value: 165 },
    weight(68, '2026-12-07'),
    { type: 'mesure', measure: 'tension', date: '2026-12-07', value: 124, value2: 79 },
    { type: 'contact', kind: 'confiance', name: 'Karim Michel', phone: '06 12 34 56 78' },
    { type: 'don-organes', position: 'favorable', text: script },
  ] as const)
    expect((await addEntry(client, entry)).statusCode).toBe(201);
  return { client, patientId: inaya.patient.id };
}

describe('Synthèse du profil médical', () => {
  it('downloads a PDF of the chosen rubriques, traced', async () => {
    const { client, patientId } = await givenInayaWithProfile();
    const response = await client.get('/api/profile/synthese.pdf?rubriques=maladies,vaccinations');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const bad = await client.get('/api/profile/synthese.pdf?rubriques=maladies,inconnue');
    expect(bad.statusCode).toBe(400);
    const actions = (await tracesOf(t, patientId, patientId)).map((r) => r.action);
    expect(actions.filter((a) => a === 'profile.synthese_download')).toHaveLength(1);
  });

  it('"Enregistrer dans mes documents" saves it as a SYNTH_PML "Synthèse médicale" document, encrypted and traced', async () => {
    const { client, patientId } = await givenInayaWithProfile();
    const saved = await client.post('/api/profile/synthese/document', {
      rubriques: ['maladies', 'allergies', 'mesures'],
    });
    expect(saved.statusCode).toBe(201);
    const { documentId } = saved.json<{ documentId: string }>();
    const list = (await client.get('/api/documents')).json<DocumentList>();
    expect(list.items).toEqual([
      expect.objectContaining({
        id: documentId,
        title: 'Synthèse médicale',
        category: 'SYNTH_PML',
        mimeType: 'application/pdf',
        date: '2026-12-07',
      }),
    ]);
    const download = await client.get(`/api/documents/${documentId}/download`);
    expect(download.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // The blob on disk is ciphertext, as for any document.
    const version = await t.deps.database.db
      .selectFrom('document_versions')
      .select(['wrapped_key', 'preview_status'])
      .where('document_id', '=', documentId)
      .executeTakeFirstOrThrow();
    expect(version.wrapped_key).not.toBe('');
    expect(version.preview_status).toBe('pending');
    const actions = (await tracesOf(t, patientId, patientId)).map((r) => r.action);
    expect(actions).toContain('document.add');
    const empty = await client.post('/api/profile/synthese/document', { rubriques: [] });
    expect(empty.statusCode).toBe(400);
  });

  it('exports an International Patient Summary Bundle valid against the FHIR R4 JSON schema', async () => {
    const { client } = await givenInayaWithProfile();
    const response = await client.get('/api/profile/ips.json');
    expect(response.statusCode).toBe(200);
    const bundle = response.json<{
      resourceType: string;
      type: string;
      entry: { resource: { resourceType: string; section?: { text: { div: string } }[] } }[];
    }>();
    expect(new JSONSchemaValidator().validate(bundle, true)).toEqual([]);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'document' });
    const types = bundle.entry.map((e) => e.resource.resourceType);
    expect(types[0]).toBe('Composition');
    for (const type of [
      'Patient',
      'Condition',
      'MedicationStatement',
      'AllergyIntolerance',
      'Immunization',
      'Observation',
      'FamilyMemberHistory',
    ])
      expect(types).toContain(type);
    // Free text is escaped in the narrative, never markup.
    const divs = bundle.entry[0]!.resource.section!.map((s) => s.text.div).join('');
    expect(divs).not.toContain('<script>');
    expect(divs).toContain('&lt;script&gt;');
  });
});
