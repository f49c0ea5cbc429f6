import type {
  AccessList,
  ApiErrorBody,
  EmergencySettings,
  ProfessionalDetail,
  ProfessionalSummary,
} from '@carnet/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  givenGrant,
  givenProfessional,
  signInProfessional,
} from '../../../test/access-builders.ts';
import { givenActivePatient, signIn } from '../../../test/builders.ts';
import { createClient, createTestApp } from '../../../test/test-app.ts';
import type { TestApp, TestClient } from '../../../test/test-app.ts';

type DirectoryResult = { professionals: ProfessionalSummary[] };
let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const names = (list: AccessList, tab: 'authorized' | 'blocked') =>
  list[tab].map((e) => `${e.professional.lastName} ${e.professional.firstName} — ${e.status}`);

async function tracesOf(patientId: string) {
  return t.deps.database.db
    .selectFrom('traces')
    .select(['action', 'actor_type', 'target_id', 'outcome', 'mode', 'details'])
    .where('patient_id', '=', patientId)
    .orderBy('seq')
    .execute();
}

async function givenInaya() {
  const inaya = await givenActivePatient(t);
  return { ...inaya, client: await signIn(t, inaya) };
}

describe('Accès des professionnels de santé (patient side)', () => {
  it('starts with both tabs empty ("Aucun professionnel de santé n’a encore accédé…")', async () => {
    const { client } = await givenInaya();
    const response = await client.get('/api/access/professionals');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ authorized: [], blocked: [] });
  });

  it('lists administrators first, then authorized professionals, each with its date', async () => {
    const { patient, client } = await givenInaya();
    const xi = await givenProfessional(t, { lastName: 'Xi', firstName: 'Léa' });
    const eoso = await givenProfessional(t, { lastName: 'Eoso', firstName: 'Louis' });
    const mendes = await givenProfessional(t, { lastName: 'Mendes', firstName: 'Maria' });
    await givenGrant(t, patient.id, xi.professional.id, 'authorized');
    await givenGrant(t, patient.id, eoso.professional.id, 'authorized');
    await givenGrant(t, patient.id, mendes.professional.id, 'administrator');
    const list = (await client.get('/api/access/professionals')).json<AccessList>();
    expect(names(list, 'authorized')).toEqual([
      'Mendes Maria — administrateur',
      'Eoso Louis — autorise',
      'Xi Léa — autorise',
    ]);
    expect(list.authorized[0]!.since).toBe(t.clock.now().toISOString());
    expect(list.authorized[0]!.professional).toMatchObject({
      rpps: mendes.rpps,
      profession: 'medecin',
      professionLabel: 'Médecin',
    });
  });

  it('shows a professional as authorized after it recorded the consent at a consultation', async () => {
    const { patient, client, ins, birthDate } = await givenInaya();
    const ndiaye = await givenProfessional(t);
    const pro = await signInProfessional(t, ndiaye);
    const found = await pro.post('/api/pro/patients/search', { ins, birthDate });
    expect(found.statusCode).toBe(200);
    const consent = await pro.post(`/api/pro/patients/${patient.id}/consent`, {
      patientConsents: true,
    });
    expect(consent.statusCode).toBe(200);
    const list = (await client.get('/api/access/professionals')).json<AccessList>();
    expect(names(list, 'authorized')).toEqual(['Ndiaye Adama — autorise']);
  });

  it('gives and takes back the administrator status of an authorized professional, traced', async () => {
    const { patient, client } = await givenInaya();
    const ps = await givenProfessional(t);
    await givenGrant(t, patient.id, ps.professional.id, 'authorized');
    const path = `/api/access/professionals/${ps.professional.id}/administrator`;

    const granted = await client.post(path);
    expect(granted.statusCode).toBe(200);
    expect(names(granted.json(), 'authorized')).toEqual(['Ndiaye Adama — administrateur']);
    const revoked = await client.send('DELETE', path);
    expect(names(revoked.json(), 'authorized')).toEqual(['Ndiaye Adama — autorise']);

    const actions = (await tracesOf(patient.id)).map((r) => r.action);
    expect(actions).toContain('access.administrator_grant');
    expect(actions).toContain('access.administrator_revoke');
  });

  it('refuses the administrator status to a professional who is not authorized', async () => {
    const { patient, client } = await givenInaya();
    const never = await givenProfessional(t);
    const blocked = await givenProfessional(t);
    await givenGrant(t, patient.id, blocked.professional.id, 'blocked');
    for (const ps of [never, blocked]) {
      const response = await client.post(
        `/api/access/professionals/${ps.professional.id}/administrator`,
      );
      expect(response.statusCode).toBe(400);
      expect(response.json<ApiErrorBody>().error.code).toBe('access.not_authorized');
    }
    const response = await client.send(
      'DELETE',
      `/api/access/professionals/${never.professional.id}/administrator`,
    );
    expect(response.json<ApiErrorBody>().error.code).toBe('access.not_administrator');
  });

  it('blocks a professional who never accessed the record, found in the directory', async () => {
    const { patient, client } = await givenInaya();
    const durand = await givenProfessional(t, {
      lastName: 'Durand',
      firstName: 'Paul',
      profession: 'pedicure-podologue',
    });
    const search = await client.get('/api/access/directory?q=durand');
    expect(search.json<DirectoryResult>().professionals.map((p) => p.id)).toEqual([
      durand.professional.id,
    ]);
    const blocked = await client.post(`/api/access/professionals/${durand.professional.id}/block`);
    expect(blocked.statusCode).toBe(200);
    expect(names(blocked.json(), 'blocked')).toEqual(['Durand Paul — bloque']);
    expect(blocked.json<AccessList>().authorized).toEqual([]);
    expect((await tracesOf(patient.id)).at(-1)).toMatchObject({
      action: 'access.block',
      actor_type: 'patient',
      target_id: durand.professional.id,
    });
  });

  it('answers 404 for a professional that is not in the directory', async () => {
    const { client } = await givenInaya();
    const response = await client.post('/api/access/professionals/ps_unknown/block');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'resource.not_found', message: 'Ressource introuvable.' },
    });
  });

  it('a block denies the professional’s very next request, and débloquer does not re-authorize', async () => {
    const { patient, client } = await givenInaya();
    const ps = await givenProfessional(t);
    await givenGrant(t, patient.id, ps.professional.id, 'administrator');
    const pro = await signInProfessional(t, ps);
    expect((await pro.get(`/api/pro/patients/${patient.id}`)).statusCode).toBe(200);

    await client.post(`/api/access/professionals/${ps.professional.id}/block`);
    expect((await pro.get(`/api/pro/patients/${patient.id}`)).statusCode).toBe(404);

    const unblocked = await client.post(`/api/access/professionals/${ps.professional.id}/unblock`);
    expect(unblocked.statusCode).toBe(200);
    expect(unblocked.json()).toEqual({ authorized: [], blocked: [] });
    expect((await pro.get(`/api/pro/patients/${patient.id}`)).statusCode).toBe(404);

    // A new consent at a consultation authorizes again (not administrator).
    await pro.post(`/api/pro/patients/${patient.id}/consent`, { patientConsents: true });
    const list = (await client.get('/api/access/professionals')).json<AccessList>();
    expect(names(list, 'authorized')).toEqual(['Ndiaye Adama — autorise']);
    expect((await tracesOf(patient.id)).map((r) => r.action)).toContain('access.unblock');
  });

  it('refuses to unblock a professional who is not blocked', async () => {
    const { patient, client } = await givenInaya();
    const ps = await givenProfessional(t);
    await givenGrant(t, patient.id, ps.professional.id, 'authorized');
    const response = await client.post(`/api/access/professionals/${ps.professional.id}/unblock`);
    expect(response.statusCode).toBe(400);
    expect(response.json<ApiErrorBody>().error.code).toBe('access.not_blocked');
  });

  it('a block ends the professional’s open emergency access at once', async () => {
    const { patient, client } = await givenInaya();
    const samu = await givenProfessional(t, { isRegulator: true });
    const pro = await signInProfessional(t, samu);
    const opened = await pro.post(`/api/pro/patients/${patient.id}/emergency`, {
      mode: 'samu',
      reason: 'Détresse respiratoire, appel au 15',
    });
    expect(opened.statusCode).toBe(201);
    const blocked = await client.post(`/api/access/professionals/${samu.professional.id}/block`);
    expect((await tracesOf(patient.id)).at(-1)!.details).toBe(
      JSON.stringify({ closedEmergencyAccesses: 1 }),
    );
    expect(blocked.statusCode).toBe(200);
    expect((await pro.get(`/api/pro/patients/${patient.id}`)).statusCode).toBe(404);
    const windows = await t.deps.database.db
      .selectFrom('emergency_windows')
      .select('closed_at')
      .execute();
    expect(windows).toEqual([{ closed_at: t.clock.now().toISOString() }]);
  });

  it('searches the directory by RPPS number and needs at least 2 characters', async () => {
    const { client } = await givenInaya();
    const ps = await givenProfessional(t);
    const byRpps = await client.get(`/api/access/directory?q=${ps.rpps}`);
    expect(byRpps.json<DirectoryResult>().professionals).toHaveLength(1);
    const both = await client.get('/api/access/directory?q=adama%20ndiaye');
    expect(both.json<DirectoryResult>().professionals).toHaveLength(1);
    const short = await client.get('/api/access/directory?q=a');
    expect(short.statusCode).toBe(400);
    const wildcard = await client.get('/api/access/directory?q=%25%25');
    expect(wildcard.json<DirectoryResult>().professionals).toEqual([]);
  });

  it('shows one professional’s page: coordinates, status and its traces on this record only', async () => {
    const { patient, client, ins, birthDate } = await givenInaya();
    const other = await givenActivePatient(t, { firstName: 'Jean' });
    const ps = await givenProfessional(t);
    await givenGrant(t, patient.id, ps.professional.id, 'authorized');
    await givenGrant(t, other.patient.id, ps.professional.id, 'authorized');
    const pro = await signInProfessional(t, ps);
    await pro.post('/api/pro/patients/search', { ins, birthDate });
    await pro.get(`/api/pro/patients/${patient.id}`);
    await pro.get(`/api/pro/patients/${other.patient.id}`);

    const page = await client.get(`/api/access/professionals/${ps.professional.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({
      professional: { id: ps.professional.id, lastName: 'Ndiaye' },
      contact: { email: ps.email },
      status: 'autorise',
      isMedecinTraitant: false,
      documents: [],
    });
    expect(page.json<ProfessionalDetail>().traces.map((x) => x.action)).toEqual([
      'record.read',
      'record.search',
    ]);
  });

  it('answers 401 without a session and to a professional’s session', async () => {
    expect((await createClient(t.app).get('/api/access/professionals')).statusCode).toBe(401);
    const ps = await givenProfessional(t);
    const pro = await signInProfessional(t, ps);
    expect((await pro.get('/api/access/professionals')).statusCode).toBe(401);
    expect((await pro.get('/api/access/emergency')).statusCode).toBe(401);
  });

  it('rejects unknown fields in a change', async () => {
    const { client } = await givenInaya();
    const ps = await givenProfessional(t);
    const response = await client.post(`/api/access/professionals/${ps.professional.id}/block`, {
      status: 'authorized',
    });
    expect(response.statusCode).toBe(400);
  });
});

describe('Accès en cas d’urgence (patient side)', () => {
  const put = (client: TestClient, body: unknown) =>
    client.send('PUT', '/api/access/emergency', body);

  it('defaults to SAMU on, Autres on, Documents masqués off', async () => {
    const { client } = await givenInaya();
    expect((await client.get('/api/access/emergency')).json()).toEqual({
      samu: true,
      others: true,
      masked: false,
    });
  });

  it('saves the toggles and traces the change', async () => {
    const { patient, client } = await givenInaya();
    const saved = await put(client, { samu: false, others: true, masked: true });
    expect(saved.json()).toEqual({ samu: false, others: true, masked: true });
    expect((await client.get('/api/access/emergency')).json()).toEqual(saved.json());
    expect((await tracesOf(patient.id)).at(-1)).toMatchObject({
      action: 'access.emergency_settings',
      details: JSON.stringify({ samu: false, others: true, masked: true }),
    });
  });

  it('turns Documents masqués off when the last of SAMU and Autres is turned off', async () => {
    const { client } = await givenInaya();
    await put(client, { samu: true, others: false, masked: true });
    const saved = await put(client, { samu: false, others: false, masked: true });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ samu: false, others: false, masked: false });
  });

  it('refuses Documents masqués alone with a clear error', async () => {
    const { client } = await givenInaya();
    await put(client, { samu: false, others: false, masked: false });
    const refused = await put(client, { samu: false, others: false, masked: true });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<ApiErrorBody>().error).toMatchObject({
      code: 'access.emergency_masked_needs_mode',
      message: expect.stringContaining('SAMU'),
    });
    expect((await client.get('/api/access/emergency')).json<EmergencySettings>().masked).toBe(
      false,
    );
  });

  it('rejects a partial or unknown body', async () => {
    const { client } = await givenInaya();
    expect((await put(client, { samu: true })).statusCode).toBe(400);
    expect((await put(client, { samu: true, others: true, masked: false, x: 1 })).statusCode).toBe(
      400,
    );
  });
});
