import type { Binary, Bundle, DocumentReference } from 'fhir/r4.js';
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

const search = (
  client: ReturnType<typeof fhirClient>,
  searchParams: Record<string, string | number>,
  options: Record<string, unknown> = {},
) => r4<Bundle>(client.search({ resourceType: 'DocumentReference', searchParams, options }));

describe('FHIR ITI-67 and ITI-68', () => {
  async function granted() {
    const w = await setup();
    await givenGrant(t, w.patientId, w.psId, 'authorized');
    return w;
  }

  test('masked documents are absent from entries and total; every resource validates', async () => {
    const w = await granted();
    const bundle = await search(w.client, {
      'patient.identifier': `${systems.ins}|${w.inaya.ins}`,
    });
    const docs = entriesOf(bundle) as DocumentReference[];
    expect(bundle.total).toBe(1);
    expect(docs.map((d) => d.id)).toEqual([toFhirId(w.visibleId)]);
    const [doc] = docs;
    expect(doc).toMatchObject({
      status: 'current',
      masterIdentifier: { value: w.visibleId },
      type: { coding: [{ system: systems.loinc, code: '11488-4' }] },
      securityLabel: [{ coding: [{ code: 'N' }] }],
      subject: { reference: `Patient/${toFhirId(w.patientId)}` },
    });
    const bytes = Buffer.from('Contenu de Compte rendu genou');
    const { createHash } = await import('node:crypto');
    expect(doc?.content[0]?.attachment).toMatchObject({
      contentType: 'text/plain',
      size: bytes.length,
      hash: createHash('sha1').update(bytes).digest('base64'),
      title: 'Compte rendu genou',
      url: `${w.base}/Binary/${toFhirId(w.visibleId)}`,
    });
    expect((await tracesOf(t, w.patientId, w.psId)).at(-1)).toMatchObject({
      action: 'document.search',
      outcome: 'success',
    });
    // Read by id: the same resource; a masked one answers 404 like a missing one, traced.
    const read = await r4<DocumentReference>(
      w.client.read({ resourceType: 'DocumentReference', id: toFhirId(w.visibleId) }),
    );
    expectValidR4(read);
    expect(read).toEqual(doc);
    const masked = await failure(
      w.client.read({ resourceType: 'DocumentReference', id: toFhirId(w.maskedId) }),
    );
    expect(masked.status).toBe(404);
    expect((await tracesOf(t, w.patientId, w.psId)).at(-1)).toMatchObject({
      action: 'document.read',
      outcome: 'denied',
    });
  });

  test('keyset pages follow next links to the end, without OFFSET, with total kept', async () => {
    const w = await granted();
    for (let i = 0; i < 4; i++) await addDocument(t, w.patientId, { title: `Doc ${i}` });
    const seen: string[] = [];
    let bundle: Bundle | undefined = await search(w.client, {
      patient: toFhirId(w.patientId),
      _count: 2,
      _sort: '-date',
    });
    while (bundle) {
      expect(bundle.total).toBe(5);
      seen.push(...entriesOf(bundle).map((r) => r.id ?? ''));
      const next = w.client.nextPage({ bundle: bundle as never });
      bundle = next ? await r4<Bundle>(next) : undefined;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(seen).not.toContain(toFhirId(w.maskedId));
  });

  test('filters: type, category, date, author, status; POST _search answers the same', async () => {
    const w = await granted();
    await addDocument(t, w.patientId, { title: 'Bilan sanguin', category: 'BIOLOGIE' });
    const other = await givenProfessional(t, { lastName: 'Autre' });
    await addDocument(t, w.patientId, {
      title: 'Ordonnance',
      category: 'ORD_SOIN',
      by: { id: other.professional.id, name: 'Dr Autre', profession: 'medecin' },
    });
    const patient = toFhirId(w.patientId);
    const ids = async (params: Record<string, string>) =>
      entriesOf(await search(w.client, { patient, ...params })).map(
        (r) => (r as DocumentReference).description,
      );
    expect(await ids({ type: `${systems.loinc}|11502-2` })).toEqual(['Bilan sanguin']);
    expect(await ids({ category: `${systems.category}|ORD_SOIN` })).toEqual(['Ordonnance']);
    expect((await ids({ category: `${systems.classCode}|10` })).sort()).toEqual([
      'Bilan sanguin',
      'Compte rendu genou',
    ]);
    expect(await ids({ 'author.identifier': `${systems.rpps}|${other.rpps}` })).toEqual([
      'Ordonnance',
    ]);
    expect(await ids({ 'author.identifier': `${systems.rpps}|10000000000` })).toEqual([]);
    expect(await ids({ date: 'gt2026-10-01' })).toEqual([]);
    expect((await ids({ date: 'ge2026-10-01' })).length).toBe(3);
    expect(await ids({ status: 'entered-in-error' })).toEqual([]);
    const posted = await search(w.client, { patient, type: '11502-2' }, { postSearch: true });
    expect(entriesOf(posted).map((r) => (r as DocumentReference).description)).toEqual([
      'Bilan sanguin',
    ]);
  });

  test('bad search input answers an OperationOutcome; unknown parameters follow handling', async () => {
    const w = await granted();
    const patient = toFhirId(w.patientId);
    const bads: Record<string, string>[] = [
      { _count: '-1' },
      { _count: '100000' },
      { date: 'soon' },
      { _sort: 'date' },
      { status: 'x' },
      { _cursor: 'abc' },
    ];
    for (const params of bads) {
      const bad = await failure(search(w.client, { patient, ...params }));
      expect(bad.status, JSON.stringify(params)).toBe(400);
      issueCodeOf(bad.data);
    }
    const missing = await failure(search(w.client, {}));
    expect(missing.status).toBe(400);
    const strict = await failure(
      search(w.client, { patient, foo: 'bar' }, { headers: { prefer: 'handling=strict' } }),
    );
    expect(strict.status).toBe(400);
    expect(issueCodeOf(strict.data)).toBe('not-supported');
    const lenient = await search(
      w.client,
      { patient, foo: 'bar' },
      { headers: { prefer: 'handling=lenient' } },
    );
    expect(lenient.total).toBe(1);
    expect(lenient.link?.[0]?.url).toBe(`${w.base}/DocumentReference?patient=${patient}`);
  });

  test('no grant, a blocked professional, the matrix: empty results with total 0', async () => {
    const w = await setup();
    const patient = toFhirId(w.patientId);
    expect((await search(w.client, { patient })).total).toBe(0);
    await givenGrant(t, w.patientId, w.psId, 'authorized');
    expect((await search(w.client, { patient })).total).toBe(1);
    await w.patientClient.post(`/api/access/professionals/${w.psId}/block`);
    const blocked = await search(w.client, { patient });
    expect(blocked.total).toBe(0);
    expect(blocked.entry ?? []).toEqual([]);
    // A pharmacist may not read comptes rendus (matrix): the visible one is absent too.
    const pharmacien = await givenProfessional(t, { profession: 'pharmacien', lastName: 'Pharma' });
    await givenGrant(t, w.patientId, pharmacien.professional.id, 'authorized');
    const pharmaClient = fhirClient(w.base, await tokenFor(t, pharmacien.professional));
    expect((await search(pharmaClient, { patient })).total).toBe(0);
    const denied = await tracesOf(t, w.patientId, w.psId);
    expect(denied.at(-1)).toMatchObject({ action: 'document.search', outcome: 'denied' });
  });

  test('an administrator and the author see a masked document; others do not', async () => {
    const w = await granted();
    const author = await givenProfessional(t, { lastName: 'Auteur' });
    await givenGrant(t, w.patientId, author.professional.id, 'authorized');
    const own = await addDocument(t, w.patientId, {
      title: 'Masqué par l’auteur',
      confidentiality: 'masque',
      by: { id: author.professional.id, name: 'Dr Auteur', profession: 'medecin' },
    });
    const authorClient = fhirClient(w.base, await tokenFor(t, author.professional));
    const seen = entriesOf(
      await search(authorClient, { patient: toFhirId(w.patientId) }),
    ) as DocumentReference[];
    expect(seen.map((d) => d.id).sort()).toEqual([toFhirId(own), toFhirId(w.visibleId)].sort());
    expect(seen.find((d) => d.id === toFhirId(own))?.securityLabel?.[0]?.coding?.[0]?.code).toBe(
      'MASQUE_PS',
    );
    await givenGrant(t, w.patientId, w.psId, 'administrator');
    expect((await search(w.client, { patient: toFhirId(w.patientId) })).total).toBe(3);
  });

  test('Binary: raw bytes with the stored type, a FHIR Binary otherwise, 404 when not readable; traced', async () => {
    const w = await granted();
    const url = `${w.base}/Binary/${toFhirId(w.visibleId)}`;
    const raw = await fetch(url, {
      headers: { authorization: `Bearer ${w.token}`, accept: 'text/plain' },
    });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await raw.text()).toBe('Contenu de Compte rendu genou');
    const binary = await r4<Binary>(
      w.client.read({ resourceType: 'Binary', id: toFhirId(w.visibleId) }),
    );
    expectValidR4(binary);
    expect(Buffer.from(binary.data ?? '', 'base64').toString()).toBe(
      'Contenu de Compte rendu genou',
    );
    for (const id of [toFhirId(w.maskedId), 'doc-aaaaaaaaaaaaaaaaaaaaaaaaaa', 'nonsense']) {
      const hidden = await failure(w.client.read({ resourceType: 'Binary', id }));
      expect(hidden.status).toBe(404);
      expect(issueCodeOf(hidden.data)).toBe('not-found');
    }
    const traces = await tracesOf(t, w.patientId, w.psId);
    expect(traces.filter((x) => x.action === 'document.download').map((x) => x.outcome)).toEqual([
      'success',
      'success',
      'denied',
    ]);
  });
});
