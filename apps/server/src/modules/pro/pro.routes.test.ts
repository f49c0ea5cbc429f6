import type { ProAccess, ProfessionalSummary } from '@carnet/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  PRO_PASSWORD,
  givenGrant,
  givenProfessional,
  signInProfessional,
} from '../../../test/access-builders.ts';
import { givenActivePatient, signIn } from '../../../test/builders.ts';
import { createClient, createTestApp } from '../../../test/test-app.ts';
import type { TestApp } from '../../../test/test-app.ts';

type DirectoryResult = { professionals: ProfessionalSummary[] };
let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const NOT_FOUND = { error: { code: 'resource.not_found', message: 'Ressource introuvable.' } };

async function lastTrace(patientId: string | null) {
  let query = t.deps.database.db.selectFrom('traces').selectAll().orderBy('seq', 'desc');
  query =
    patientId === null
      ? query.where('chain', '=', 'platform')
      : query.where('patient_id', '=', patientId);
  return query.executeTakeFirstOrThrow();
}

describe('professional sign-in', () => {
  it('signs in with RPPS, password and the e-mailed code; /api/me says professional', async () => {
    const ps = await givenProfessional(t);
    const client = createClient(t.app);
    const step1 = await client.post('/api/pro/auth/login', {
      rpps: ps.rpps,
      password: PRO_PASSWORD,
    });
    expect(step1.json()).toEqual({
      channels: [{ channel: 'email', masked: expect.stringMatching(/^p\*{5}@example\.org$/) }],
    });
    expect((await client.get('/api/pro/me')).statusCode).toBe(401);
    await signInProfessional(t, ps, client);
    const me = await client.get('/api/me');
    expect(me.json()).toMatchObject({
      kind: 'professional',
      identifiant: ps.rpps,
      lastName: 'Ndiaye',
    });
    expect((await client.get('/api/pro/me')).json()).toMatchObject({
      rpps: ps.rpps,
      profession: 'medecin',
      professionLabel: 'Médecin',
      isRegulator: false,
    });
    expect(await lastTrace(null)).toMatchObject({
      action: 'auth.sign_in',
      actor_type: 'professional',
      actor_id: ps.professional.id,
    });
  });

  it('answers a wrong password exactly like an unknown RPPS', async () => {
    const ps = await givenProfessional(t);
    const wrong = await createClient(t.app).post('/api/pro/auth/login', {
      rpps: ps.rpps,
      password: 'not-the-password-at-all',
    });
    const unknown = await createClient(t.app).post('/api/pro/auth/login', {
      rpps: '99999999999',
      password: PRO_PASSWORD,
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
  });

  it('does not let a professional sign in on the patients’ form, nor a patient on the professionals’', async () => {
    const ps = await givenProfessional(t);
    const inaya = await givenActivePatient(t);
    const asPatient = await createClient(t.app).post('/api/auth/login', {
      identifiant: ps.rpps,
      password: PRO_PASSWORD,
    });
    expect(asPatient.statusCode).toBe(401);
    const asPro = await createClient(t.app).post('/api/pro/auth/login', {
      rpps: '12345678901',
      password: inaya.password,
    });
    expect(asPro.statusCode).toBe(401);
  });

  it('rejects an RPPS that is not 11 digits', async () => {
    const response = await createClient(t.app).post('/api/pro/auth/login', {
      rpps: '1234',
      password: PRO_PASSWORD,
    });
    expect(response.statusCode).toBe(400);
  });

  it('gives a patient’s session no access to the professional space', async () => {
    const inaya = await givenActivePatient(t);
    const client = await signIn(t, inaya);
    expect((await client.get('/api/pro/me')).statusCode).toBe(401);
    expect((await client.get(`/api/pro/patients/${inaya.patient.id}`)).statusCode).toBe(401);
  });
});

describe('finding a patient and recording consent', () => {
  it('finds a record by INS and birth date and tells only the name and the access state', async () => {
    const inaya = await givenActivePatient(t);
    const pro = await signInProfessional(t, await givenProfessional(t));
    const found = await pro.post('/api/pro/patients/search', {
      ins: inaya.ins,
      birthDate: inaya.birthDate,
    });
    expect(found.statusCode).toBe(200);
    expect(found.json()).toEqual({
      patientId: inaya.patient.id,
      firstName: 'Inaya',
      lastName: 'Michel',
      birthDate: inaya.birthDate,
      access: {
        grant: 'aucun',
        since: null,
        readMode: null,
        emergency: null,
        isMedecinTraitant: false,
      },
    });
    expect(await lastTrace(inaya.patient.id)).toMatchObject({
      action: 'record.search',
      outcome: 'success',
    });
  });

  it('answers a wrong birth date, an unknown INS and a blocking record the same 404', async () => {
    const inaya = await givenActivePatient(t);
    const ps = await givenProfessional(t);
    const pro = await signInProfessional(t, ps);
    const wrongDate = await pro.post('/api/pro/patients/search', {
      ins: inaya.ins,
      birthDate: '1990-01-01',
    });
    const unknown = await pro.post('/api/pro/patients/search', {
      ins: '188047512345699',
      birthDate: inaya.birthDate,
    });
    await givenGrant(t, inaya.patient.id, ps.professional.id, 'blocked');
    const blocked = await pro.post('/api/pro/patients/search', {
      ins: inaya.ins,
      birthDate: inaya.birthDate,
    });
    for (const response of [wrongDate, unknown, blocked]) {
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual(NOT_FOUND);
    }
    expect(await lastTrace(inaya.patient.id)).toMatchObject({
      action: 'record.search',
      outcome: 'denied',
      details: JSON.stringify({ reason: 'blocked' }),
    });
  });

  it('does not find a record that is not active', async () => {
    const inaya = await givenActivePatient(t);
    await t.deps.patients.setStatus(t.deps.database.db, inaya.patient.id, 'closed');
    const pro = await signInProfessional(t, await givenProfessional(t));
    const response = await pro.post('/api/pro/patients/search', {
      ins: inaya.ins,
      birthDate: inaya.birthDate,
    });
    expect(response.statusCode).toBe(404);
  });

  it('records consent: authorized, then the record opens in mode normal', async () => {
    const inaya = await givenActivePatient(t);
    const pro = await signInProfessional(t, await givenProfessional(t));
    const record = `/api/pro/patients/${inaya.patient.id}`;
    expect((await pro.get(record)).json()).toEqual(NOT_FOUND);
    const consent = await pro.post(`${record}/consent`, { patientConsents: true });
    expect(consent.json()).toMatchObject({ grant: 'autorise', readMode: 'normal' });
    const header = await pro.get(record);
    expect(header.statusCode).toBe(200);
    expect(header.json()).toMatchObject({
      patient: { id: inaya.patient.id, firstName: 'Inaya', lastName: 'Michel' },
      access: { grant: 'autorise', readMode: 'normal', emergency: null },
      rubriques: ['documents', 'vaccinations', 'historique-de-soins', 'entourage-et-volontes'],
    });
    expect(await lastTrace(inaya.patient.id)).toMatchObject({
      action: 'record.read',
      outcome: 'success',
      mode: 'normal',
    });
  });

  it('keeps an administrator an administrator when it records consent again', async () => {
    const inaya = await givenActivePatient(t);
    const ps = await givenProfessional(t);
    await givenGrant(t, inaya.patient.id, ps.professional.id, 'administrator');
    const pro = await signInProfessional(t, ps);
    const consent = await pro.post(`/api/pro/patients/${inaya.patient.id}/consent`, {
      patientConsents: true,
    });
    expect(consent.json<ProAccess>().grant).toBe('administrateur');
  });

  it('refuses the consent of a blocked professional like a missing record, and traces it', async () => {
    const inaya = await givenActivePatient(t);
    const ps = await givenProfessional(t);
    await givenGrant(t, inaya.patient.id, ps.professional.id, 'blocked');
    const pro = await signInProfessional(t, ps);
    const blocked = await pro.post(`/api/pro/patients/${inaya.patient.id}/consent`, {
      patientConsents: true,
    });
    const missing = await pro.post('/api/pro/patients/pat_missing/consent', {
      patientConsents: true,
    });
    expect(blocked.statusCode).toBe(404);
    expect(blocked.body).toBe(missing.body);
    expect(await lastTrace(inaya.patient.id)).toMatchObject({
      action: 'access.consent',
      outcome: 'denied',
    });
    const grant = await t.deps.database.db.selectFrom('grants').select('status').execute();
    expect(grant).toEqual([{ status: 'blocked' }]);
  });

  it('requires the consent box to be ticked', async () => {
    const inaya = await givenActivePatient(t);
    const pro = await signInProfessional(t, await givenProfessional(t));
    const response = await pro.post(`/api/pro/patients/${inaya.patient.id}/consent`, {
      patientConsents: false,
    });
    expect(response.statusCode).toBe(400);
  });
});

describe('denials answer exactly like a missing record', () => {
  it('a professional without grant, a blocked one and an unknown id all get the same 404', async () => {
    const inaya = await givenActivePatient(t);
    const none = await givenProfessional(t);
    const blocked = await givenProfessional(t);
    await givenGrant(t, inaya.patient.id, blocked.professional.id, 'blocked');
    const bodies = [];
    for (const ps of [none, blocked]) {
      const pro = await signInProfessional(t, ps);
      const response = await pro.get(`/api/pro/patients/${inaya.patient.id}`);
      expect(response.statusCode).toBe(404);
      bodies.push(response.body);
      const missing = await pro.get('/api/pro/patients/pat_does_not_exist');
      bodies.push(missing.body);
      expect(missing.headers['content-type']).toBe(response.headers['content-type']);
    }
    expect(new Set(bodies)).toEqual(new Set([JSON.stringify(NOT_FOUND)]));
  });

  it('a closed record denies even an administrator', async () => {
    const inaya = await givenActivePatient(t);
    const ps = await givenProfessional(t);
    await givenGrant(t, inaya.patient.id, ps.professional.id, 'administrator');
    const pro = await signInProfessional(t, ps);
    await t.deps.patients.setStatus(t.deps.database.db, inaya.patient.id, 'closed');
    expect((await pro.get(`/api/pro/patients/${inaya.patient.id}`)).json()).toEqual(NOT_FOUND);
  });

  it('every denied decision is traced with the reason', async () => {
    const inaya = await givenActivePatient(t);
    const ps = await givenProfessional(t);
    const pro = await signInProfessional(t, ps);
    await pro.get(`/api/pro/patients/${inaya.patient.id}`);
    expect(await lastTrace(inaya.patient.id)).toMatchObject({
      action: 'record.read',
      actor_type: 'professional',
      actor_id: ps.professional.id,
      outcome: 'denied',
      details: JSON.stringify({ reason: 'no_grant' }),
    });
  });
});

describe('an administrator blocks another professional', () => {
  it('blocks: the other professional’s very next request gets 404', async () => {
    const inaya = await givenActivePatient(t);
    const admin = await givenProfessional(t, { lastName: 'Eoso' });
    const other = await givenProfessional(t, { lastName: 'Toujman' });
    await givenGrant(t, inaya.patient.id, admin.professional.id, 'administrator');
    await givenGrant(t, inaya.patient.id, other.professional.id, 'authorized');
    const adminClient = await signInProfessional(t, admin);
    const otherClient = await signInProfessional(t, other);
    const record = `/api/pro/patients/${inaya.patient.id}`;
    expect((await otherClient.get(record)).statusCode).toBe(200);

    const blocked = await adminClient.post(
      `${record}/professionals/${other.professional.id}/block`,
    );
    expect(blocked.statusCode).toBe(204);
    expect((await otherClient.get(record)).statusCode).toBe(404);
    expect(await lastTrace(inaya.patient.id)).toMatchObject({
      action: 'record.read',
      outcome: 'denied',
    });
  });

  it('an authorized professional who is not administrator cannot block: 404', async () => {
    const inaya = await givenActivePatient(t);
    const ps = await givenProfessional(t);
    const other = await givenProfessional(t);
    await givenGrant(t, inaya.patient.id, ps.professional.id, 'authorized');
    await givenGrant(t, inaya.patient.id, other.professional.id, 'authorized');
    const pro = await signInProfessional(t, ps);
    const response = await pro.post(
      `/api/pro/patients/${inaya.patient.id}/professionals/${other.professional.id}/block`,
    );
    expect(response.json()).toEqual(NOT_FOUND);
    const statuses = await t.deps.database.db
      .selectFrom('grants')
      .select('status')
      .where('professional_id', '=', other.professional.id)
      .execute();
    expect(statuses).toEqual([{ status: 'authorized' }]);
  });

  it('an administrator cannot block itself nor an unknown professional', async () => {
    const inaya = await givenActivePatient(t);
    const admin = await givenProfessional(t);
    await givenGrant(t, inaya.patient.id, admin.professional.id, 'administrator');
    const pro = await signInProfessional(t, admin);
    const base = `/api/pro/patients/${inaya.patient.id}/professionals`;
    expect((await pro.post(`${base}/${admin.professional.id}/block`)).statusCode).toBe(404);
    expect((await pro.post(`${base}/ps_unknown/block`)).statusCode).toBe(404);
    expect((await pro.get(`/api/pro/patients/${inaya.patient.id}`)).statusCode).toBe(200);
  });

  it('finds professionals in the directory from the professional space', async () => {
    const ps = await givenProfessional(t, { lastName: 'Toujman', firstName: 'Gabriel' });
    const pro = await signInProfessional(t, ps);
    const response = await pro.get('/api/pro/directory?q=touj');
    expect(response.json<DirectoryResult>().professionals).toMatchObject([{ rpps: ps.rpps }]);
  });
});
