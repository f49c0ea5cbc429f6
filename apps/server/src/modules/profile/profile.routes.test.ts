import type { MedicalProfile, ProfileEntry } from '@carnet/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { givenActivePatient, signIn } from '../../../test/builders.ts';
import { createTestApp } from '../../../test/test-app.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { NOT_FOUND, addEntry, countEntries, tracesOf, weight } from './profile.test-support.ts';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

async function givenInaya() {
  t = await createTestApp();
  t.clock.set(new Date('2026-12-07T10:00:00Z'));
  const inaya = await givenActivePatient(t);
  return { inaya, patientId: inaya.patient.id, client: await signIn(t, inaya) };
}

const profileOf = async (client: Awaited<ReturnType<typeof givenInaya>>['client']) =>
  (await client.get('/api/profile')).json<MedicalProfile>();
const rubrique = (p: MedicalProfile, code: string) => p.rubriques.find((r) => r.code === code)!;

describe('the titulaire keeps her medical profile', () => {
  it('adds weights and a height; the IMC is computed from the latest taille, never typed', async () => {
    const { client, patientId } = await givenInaya();
    expect((await addEntry(client, weight(70, '2025-01-10'))).statusCode).toBe(201);
    expect(
      (
        await addEntry(client, {
          type: 'mesure',
          measure: 'taille',
          date: '2024-05-01',
          value: 165,
        })
      ).statusCode,
    ).toBe(201);
    const added = await addEntry(client, weight(68, '2026-12-07'));
    expect(added.json<ProfileEntry>()).toMatchObject({
      rubrique: 'mesures',
      masked: false,
      author: { type: 'patient', name: null },
      data: { type: 'mesure', measure: 'poids', value: 68 },
    });
    const profile = await profileOf(client);
    expect(profile.bmi).toEqual({ value: 25, date: '2026-12-07', heightCm: 165 });
    expect(rubrique(profile, 'mesures').entries.map((e) => e.data)).toHaveLength(3);
    // An IMC cannot be typed: it is no measure of the list.
    const typed = await addEntry(client, {
      type: 'mesure',
      measure: 'imc' as 'poids',
      date: '2026-12-07',
      value: 25,
    });
    expect(typed.statusCode).toBe(400);
    expect(await countEntries(t, patientId)).toBe(3);
    const actions = (await tracesOf(t, patientId, patientId)).map((r) => r.action);
    expect(actions.filter((a) => a === 'profile.add')).toHaveLength(3);
  });

  it('edits, masks and deletes an entry, each traced', async () => {
    const { client, patientId } = await givenInaya();
    const id = (
      await addEntry(client, { type: 'allergie', substance: 'Pénicilline', severity: 'severe' })
    ).json<ProfileEntry>().id;
    const edited = await client.send('PUT', `/api/profile/entries/${id}`, {
      entry: {
        type: 'allergie',
        substance: 'Amoxicilline',
        reaction: 'Urticaire',
        severity: 'moderee',
      },
    });
    expect(edited.json()).toMatchObject({ data: { substance: 'Amoxicilline' } });
    const masked = await client.send('PATCH', `/api/profile/entries/${id}`, { masked: true });
    expect(masked.json()).toMatchObject({ masked: true });
    expect((await client.send('DELETE', `/api/profile/entries/${id}`)).statusCode).toBe(204);
    expect(await countEntries(t, patientId)).toBe(0);
    const actions = (await tracesOf(t, patientId, patientId)).map((r) => r.action);
    expect(actions.slice(-4)).toEqual([
      'profile.add',
      'profile.update',
      'profile.mask',
      'profile.delete',
    ]);
  });

  it('"masquer par défaut" applies to new entries; "Je ne suis pas concerné(e)" and masking per rubrique are kept', async () => {
    const { client } = await givenInaya();
    await client.send('PUT', '/api/documents/settings', { maskNewDocumentsByDefault: true });
    const entry = await addEntry(client, { type: 'handicap', description: 'Surdité partielle' });
    expect(entry.json()).toMatchObject({ masked: true });
    const explicit = await addEntry(client, { type: 'groupe-sanguin', group: 'O+' }, false);
    expect(explicit.json()).toMatchObject({ masked: false });
    expect(
      (await client.send('PUT', '/api/profile/rubriques/hospitalisations', { notConcerned: true }))
        .statusCode,
    ).toBe(200);
    await client.send('PUT', '/api/profile/rubriques/allergies', { masked: true });
    const profile = await profileOf(client);
    expect(rubrique(profile, 'hospitalisations')).toMatchObject({
      notConcerned: true,
      masked: false,
    });
    expect(rubrique(profile, 'allergies')).toMatchObject({ notConcerned: false, masked: true });
    expect(profile.maskNewByDefault).toBe(true);
  });

  it('a vaccination shows the calendar’s next date; a planned rappel may be in the future', async () => {
    const { client } = await givenInaya();
    const dtp = await addEntry(client, {
      type: 'vaccination',
      vaccine: 'DTP',
      date: '2015-03-01',
      dose: 'rappel',
    });
    // Born 1988: the next DTP rappel of the calendar is at 45, in 2033.
    expect(dtp.json()).toMatchObject({ nextDate: '2033-04-12' });
    const flu = await addEntry(client, {
      type: 'vaccination',
      vaccine: 'GRIPPE',
      date: '2026-10-20',
      dose: 'primo',
      lot: 'AB123',
      vaccinator: 'Pharmacie du centre',
      nextDue: '2027-10-15',
    });
    expect(flu.json()).toMatchObject({ nextDate: '2027-10-15' });
  });

  it('sets a target per measure within the plausible range', async () => {
    const { client } = await givenInaya();
    const ok = await client.send('PUT', '/api/profile/targets/poids', { min: 60, max: 65 });
    expect(ok.statusCode).toBe(200);
    expect((await profileOf(client)).targets).toEqual({ poids: { min: 60, max: 65 } });
    const reversed = await client.send('PUT', '/api/profile/targets/poids', { min: 65, max: 60 });
    expect(reversed.statusCode).toBe(400);
  });
});

describe('bad input gets a clear French error and stores nothing', () => {
  const cases: [string, unknown, string, string][] = [
    [
      'a date in the future',
      weight(60, '2026-12-08'),
      'entry.date',
      'La date ne peut pas être dans le futur.',
    ],
    [
      'a negative measure',
      weight(-3, '2026-12-01'),
      'entry.value',
      'Valeur non plausible pour poids : indiquez une valeur entre 0,3 et 400 kg.',
    ],
    [
      'an implausible measure',
      { type: 'mesure', measure: 'temperature', date: '2026-12-01', value: 52 },
      'entry.value',
      'Valeur non plausible pour température : indiquez une valeur entre 30 et 45 °C.',
    ],
    [
      'a tension without its diastolique',
      { type: 'mesure', measure: 'tension', date: '2026-12-01', value: 120 },
      'entry.value2',
      'Indiquez la tension diastolique.',
    ],
    [
      'an unknown vaccine code',
      { type: 'vaccination', vaccine: 'XYZ', date: '2026-01-01', dose: 'primo' },
      'entry.vaccine',
      'Vaccin inconnu',
    ],
    [
      '"Autre vaccin" without a name',
      { type: 'vaccination', vaccine: 'AUTRE', date: '2026-01-01', dose: 'primo' },
      'entry.otherName',
      'Indiquez le nom du vaccin.',
    ],
    [
      'an oversize free text',
      { type: 'maladie', name: 'Asthme', notes: 'x'.repeat(2001) },
      'entry.notes',
      'Au plus 2 000 caractères',
    ],
    [
      'an impossible date',
      { type: 'hospitalisation', reason: 'Appendicite', from: '2026-02-30' },
      'entry.from',
      'Date invalide.',
    ],
    [
      'a treatment ending before it starts',
      {
        type: 'traitement',
        name: 'Ventoline',
        since: '2026-05-01',
        until: '2026-01-01',
        ongoing: false,
      },
      'entry.until',
      'La date de fin ne peut pas précéder la date de début.',
    ],
    [
      'a vaccination dated in the future',
      { type: 'vaccination', vaccine: 'GRIPPE', date: '2027-01-01', dose: 'primo' },
      'entry.date',
      'La date ne peut pas être dans le futur.',
    ],
  ];
  for (const [name, entry, field, message] of cases)
    it(`${name} answers 400 with a French message`, async () => {
      const { client, patientId } = await givenInaya();
      const response = await addEntry(client, entry as never);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        error: { code: 'request.invalid', fields: { [field]: message } },
      });
      expect(await countEntries(t, patientId)).toBe(0);
    });

  it('HTML and script in every text field are stored and answered as text', async () => {
    const { client } = await givenInaya();
    const script = '<script>alert(1)</script><b>gras</b>';
    const response = await addEntry(client, {
      type: 'contact',
      kind: 'proche',
      name: script,
      relation: script,
      email: script,
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      data: { name: script, relation: script, email: script },
    });
  });

  it('a second personne de confiance is refused with 409 and nothing is saved', async () => {
    const { client, patientId } = await givenInaya();
    const first = await addEntry(client, {
      type: 'contact',
      kind: 'confiance',
      name: 'Karim Michel',
    });
    expect(first.statusCode).toBe(201);
    const second = await addEntry(client, {
      type: 'contact',
      kind: 'confiance',
      name: 'Léa Michel',
    });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ error: { code: 'profile.trusted_person_exists' } });
    expect(await countEntries(t, patientId)).toBe(1);
  });

  it('directives anticipées must point to a document of category DIR_ANT', async () => {
    const { client } = await givenInaya();
    const response = await addEntry(client, { type: 'directives', documentId: 'doc_unknown' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: { fields: { 'entry.documentId': expect.any(String) } },
    });
  });

  it('another patient’s entry id answers 404 like a missing one, and the denial is traced', async () => {
    const { client, patientId } = await givenInaya();
    const other = await givenActivePatient(t, { firstName: 'Paul' });
    const otherClient = await signIn(t, other);
    const foreign = (
      await addEntry(otherClient, { type: 'handicap', description: 'Cécité' })
    ).json<ProfileEntry>().id;
    for (const response of [
      await client.send('PUT', `/api/profile/entries/${foreign}`, {
        entry: { type: 'handicap', description: 'x' },
      }),
      await client.send('PATCH', `/api/profile/entries/${foreign}`, { masked: true }),
      await client.send('DELETE', `/api/profile/entries/${foreign}`),
    ])
      expect([response.statusCode, response.json()]).toEqual([404, NOT_FOUND]);
    const missing = await client.send('DELETE', '/api/profile/entries/pme_missing');
    expect([missing.statusCode, missing.json()]).toEqual([404, NOT_FOUND]);
    const denied = (await tracesOf(t, patientId, patientId)).filter((r) => r.outcome === 'denied');
    expect(denied.map((r) => r.action)).toEqual([
      'profile.update',
      'profile.mask',
      'profile.delete',
      'profile.delete',
    ]);
    expect(await countEntries(t, other.patient.id)).toBe(1);
  });

  it('without a session the profile answers 401', async () => {
    t = await createTestApp();
    const response = await t.app.inject({ method: 'GET', url: '/api/profile' });
    expect(response.statusCode).toBe(401);
  });
});
