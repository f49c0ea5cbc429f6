import type { ProProfileRubrique, ProfileEntry } from '@carnet/shared';
import { afterEach, describe, expect, it } from 'vitest';
import {
  givenGrant,
  givenProfessional,
  signInProfessional,
} from '../../../test/access-builders.ts';
import { givenActivePatient, signIn } from '../../../test/builders.ts';
import { createTestApp, outboxMessages } from '../../../test/test-app.ts';
import type { TestApp, TestClient } from '../../../test/test-app.ts';
import { actionLabel } from '../traces/history.labels.ts';
import { NOT_FOUND, addEntry, countEntries, tracesOf, weight } from './profile.test-support.ts';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

const url = (patientId: string, rubrique: string) =>
  `/api/pro/patients/${patientId}/profile/${rubrique}`;
const reasonOf = (details: string) => (JSON.parse(details) as { reason?: string }).reason;

/** Inaya with a vaccination, weights, a masked measure and an allergy; Ndiaye authorized, Durand not. */
async function givenWorld() {
  t = await createTestApp();
  t.clock.set(new Date('2026-12-07T10:00:00Z'));
  const inaya = await givenActivePatient(t);
  const patientId = inaya.patient.id;
  const patient = await signIn(t, inaya);
  await addEntry(patient, {
    type: 'vaccination',
    vaccine: 'DTCAP',
    date: '2024-03-01',
    dose: 'rappel',
  });
  await addEntry(patient, weight(70, '2025-06-01'));
  const hidden = (await addEntry(patient, weight(71, '2025-09-01'), true)).json<ProfileEntry>().id;
  await addEntry(patient, { type: 'allergie', substance: 'Arachide', severity: 'severe' });
  await addEntry(patient, { type: 'contact', kind: 'confiance', name: 'Karim Michel' });
  const ndiaye = await givenProfessional(t, { firstName: 'Adama', lastName: 'Ndiaye' });
  await givenGrant(t, patientId, ndiaye.professional.id, 'authorized');
  const durand = await givenProfessional(t, {
    firstName: 'Paul',
    lastName: 'Durand',
    profession: 'pedicure-podologue',
    specialty: null,
  });
  return {
    patientId,
    patient,
    hidden,
    ndiaye,
    ndiayeClient: await signInProfessional(t, ndiaye),
    durand,
    durandClient: await signInProfessional(t, durand),
  };
}

const read = async (client: TestClient, patientId: string, rubrique: string) => {
  const response = await client.get(url(patientId, rubrique));
  return { status: response.statusCode, body: response.json<ProProfileRubrique>() };
};

describe('a professional reads the profile rubriques ACCESS.md and issue 11 allow', () => {
  it('Ndiaye, authorized, sees vaccinations, measures and entourage, without the masked entry; each read traced', async () => {
    const w = await givenWorld();
    const vaccinations = await read(w.ndiayeClient, w.patientId, 'vaccinations');
    expect(vaccinations.status).toBe(200);
    expect(vaccinations.body.entries.map((e) => e.data)).toMatchObject([{ vaccine: 'DTCAP' }]);
    const measures = await read(w.ndiayeClient, w.patientId, 'mesures');
    expect(measures.body.entries.map((e) => e.id)).not.toContain(w.hidden);
    expect(measures.body.entries).toHaveLength(1);
    expect(measures.body.mode).toBe('normal');
    const entourage = await read(w.ndiayeClient, w.patientId, 'entourage');
    expect(entourage.body.entries).toHaveLength(1);
    const traces = await tracesOf(t, w.patientId, w.ndiaye.professional.id);
    const reads = traces.filter((r) => r.action === 'profile.read');
    expect(reads.map((r) => [r.target_id, r.outcome])).toEqual([
      ['vaccinations', 'success'],
      ['mesures', 'success'],
      ['entourage', 'success'],
    ]);
    expect(
      actionLabel({
        action: 'profile.read',
        outcome: 'success',
        details: JSON.parse(reads[0]!.details),
      }),
    ).toBe('Consultation du profil médical – Vaccinations');
  });

  it('the rubriques not shared with professionals answer 404 like a missing record, each denial traced', async () => {
    const w = await givenWorld();
    for (const rubrique of [
      'allergies',
      'maladies',
      'traitements',
      'hospitalisations',
      'groupe-sanguin',
    ]) {
      const response = await w.ndiayeClient.get(url(w.patientId, rubrique));
      expect([response.statusCode, response.json()]).toEqual([404, NOT_FOUND]);
    }
    const denied = (await tracesOf(t, w.patientId, w.ndiaye.professional.id)).filter(
      (r) => r.outcome === 'denied',
    );
    expect(denied).toHaveLength(5);
    expect(denied.every((r) => reasonOf(r.details) === 'rubrique_not_shared')).toBe(true);
  });

  it('a masked rubrique answers 404 to an authorized professional and is read by an administrator', async () => {
    const w = await givenWorld();
    await w.patient.send('PUT', '/api/profile/rubriques/vaccinations', { masked: true });
    const masked = await w.ndiayeClient.get(url(w.patientId, 'vaccinations'));
    expect([masked.statusCode, masked.json()]).toEqual([404, NOT_FOUND]);
    const [trace] = (await tracesOf(t, w.patientId, w.ndiaye.professional.id)).filter(
      (r) => r.outcome === 'denied',
    );
    expect(reasonOf(trace!.details)).toBe('masked');
    await givenGrant(t, w.patientId, w.ndiaye.professional.id, 'administrator');
    expect((await read(w.ndiayeClient, w.patientId, 'vaccinations')).status).toBe(200);
    // The administrator also sees the masked measure.
    expect((await read(w.ndiayeClient, w.patientId, 'mesures')).body.entries).toHaveLength(2);
  });

  it('Durand, without a grant, sees nothing: every rubrique answers 404 and is traced denied', async () => {
    const w = await givenWorld();
    for (const rubrique of ['vaccinations', 'mesures', 'entourage', 'allergies']) {
      const response = await w.durandClient.get(url(w.patientId, rubrique));
      expect([response.statusCode, response.json()]).toEqual([404, NOT_FOUND]);
    }
    const traces = await tracesOf(t, w.patientId, w.durand.professional.id);
    expect(traces.map((r) => [r.action, r.outcome])).toEqual(
      Array(4).fill(['profile.read', 'denied']),
    );
    expect(reasonOf(traces[0]!.details)).toBe('no_grant');
  });

  it('a blocked professional can neither read nor add, and a missing record answers the same 404', async () => {
    const w = await givenWorld();
    await givenGrant(t, w.patientId, w.ndiaye.professional.id, 'blocked');
    const readBlocked = await w.ndiayeClient.get(url(w.patientId, 'vaccinations'));
    expect([readBlocked.statusCode, readBlocked.json()]).toEqual([404, NOT_FOUND]);
    const add = await w.ndiayeClient.post(`/api/pro/patients/${w.patientId}/profile`, {
      entry: weight(69, '2026-12-01'),
    });
    expect([add.statusCode, add.json()]).toEqual([404, NOT_FOUND]);
    const missing = await w.ndiayeClient.get(url('pat_missing', 'vaccinations'));
    expect([missing.statusCode, missing.body]).toEqual([404, readBlocked.body]);
    const traces = await tracesOf(t, w.patientId, w.ndiaye.professional.id);
    expect(traces.map((r) => [r.action, r.outcome, reasonOf(r.details)])).toEqual([
      ['profile.read', 'denied', 'blocked'],
      ['profile.add', 'denied', 'blocked'],
    ]);
    expect((await tracesOf(t, null, w.ndiaye.professional.id)).at(-1)).toMatchObject({
      action: 'profile.read',
      outcome: 'denied',
    });
  });
});

describe('a professional adds a vaccination or a measure', () => {
  it('the entry shows its author, the patient is told, and she can mask it from other professionals', async () => {
    const w = await givenWorld();
    const added = await w.ndiayeClient.post(`/api/pro/patients/${w.patientId}/profile`, {
      entry: { type: 'mesure', measure: 'tension', date: '2026-12-07', value: 128, value2: 82 },
    });
    expect(added.statusCode).toBe(201);
    const entry = added.json<ProfileEntry>();
    expect(entry).toMatchObject({
      mine: true,
      author: { type: 'professional', name: 'Dr Adama Ndiaye' },
    });
    const mails = (await outboxMessages(t.deps)).filter(
      (m) => 'subject' in m && m.subject === 'Un nouveau document dans votre profil',
    );
    expect(mails).toHaveLength(1);
    expect(mails.every((m) => !m.text.includes('128') && !m.text.includes('ension'))).toBe(true);
    // The patient cannot change or delete it, only mask it (as a PS's document).
    const edit = await w.patient.send('PUT', `/api/profile/entries/${entry.id}`, {
      entry: { type: 'mesure', measure: 'tension', date: '2026-12-07', value: 100, value2: 60 },
    });
    expect([edit.statusCode, edit.json()]).toMatchObject([
      403,
      { error: { code: 'profile.read_only' } },
    ]);
    const removed = await w.patient.send('DELETE', `/api/profile/entries/${entry.id}`);
    expect(removed.statusCode).toBe(403);
    // The patient masks it: another authorized PS no longer sees it, its author still does.
    await w.patient.send('PATCH', `/api/profile/entries/${entry.id}`, { masked: true });
    const xi = await givenProfessional(t, {
      firstName: 'Léa',
      lastName: 'Xi',
      profession: 'infirmier',
    });
    await givenGrant(t, w.patientId, xi.professional.id, 'authorized');
    const xiClient = await signInProfessional(t, xi);
    expect(
      (await read(xiClient, w.patientId, 'mesures')).body.entries.map((e) => e.id),
    ).not.toContain(entry.id);
    expect(
      (await read(w.ndiayeClient, w.patientId, 'mesures')).body.entries.map((e) => e.id),
    ).toContain(entry.id);
  });

  it('refuses what a professional may not add and implausible values, storing nothing', async () => {
    const w = await givenWorld();
    const count = await countEntries(t, w.patientId);
    const base = `/api/pro/patients/${w.patientId}/profile`;
    const allergy = await w.ndiayeClient.post(base, {
      entry: { type: 'allergie', substance: 'Latex', severity: 'legere' },
    });
    expect(allergy.statusCode).toBe(400);
    const implausible = await w.ndiayeClient.post(base, { entry: weight(900, '2026-12-01') });
    expect(implausible.statusCode).toBe(400);
    expect(implausible.json()).toMatchObject({
      error: {
        fields: {
          'entry.value':
            'Valeur non plausible pour poids : indiquez une valeur entre 0,3 et 400 kg.',
        },
      },
    });
    const future = await w.ndiayeClient.post(base, {
      entry: { type: 'vaccination', vaccine: 'GRIPPE', date: '2027-01-05', dose: 'primo' },
    });
    expect(future.statusCode).toBe(400);
    expect(await countEntries(t, w.patientId)).toBe(count);
  });
});
