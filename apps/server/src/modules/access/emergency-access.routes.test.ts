import type { ProAccess, ProPatientRecord } from '@carnet/shared';
import { afterEach, describe, expect, it } from 'vitest';
import {
  givenGrant,
  givenProfessional,
  signInProfessional,
} from '../../../test/access-builders.ts';
import { givenActivePatient, signIn } from '../../../test/builders.ts';
import { createTestApp, outboxMessages } from '../../../test/test-app.ts';
import type { TestApp, TestClient } from '../../../test/test-app.ts';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

const NOT_FOUND = { error: { code: 'resource.not_found', message: 'Ressource introuvable.' } };
const REASON = 'Détresse respiratoire, appel au 15';

async function setup(env: Record<string, string> = {}) {
  t = await createTestApp(env);
  const inaya = await givenActivePatient(t);
  const samu = await givenProfessional(t, { isRegulator: true, lastName: 'Samu' });
  const urgentiste = await givenProfessional(t, { lastName: 'Durand' });
  return {
    inaya,
    samu,
    urgentiste,
    samuClient: await signInProfessional(t, samu),
    urgentisteClient: await signInProfessional(t, urgentiste),
    patientClient: await signIn(t, inaya),
  };
}

const open = (client: TestClient, patientId: string, mode: 'samu' | 'bris-de-glace') =>
  client.post(`/api/pro/patients/${patientId}/emergency`, { mode, reason: REASON });

const setEmergency = (client: TestClient, settings: Record<string, boolean>) =>
  client.send('PUT', '/api/access/emergency', settings);

describe('emergency access', () => {
  it('a SAMU régulateur opens a 4-hour window in mode urgence, with the banner’s end time', async () => {
    const { inaya, samuClient } = await setup();
    const opened = await open(samuClient, inaya.patient.id, 'samu');
    expect(opened.statusCode).toBe(201);
    const until = new Date(t.clock.now().getTime() + 4 * 3600_000).toISOString();
    expect(opened.json()).toEqual({
      grant: 'aucun',
      since: null,
      readMode: 'urgence',
      emergency: { mode: 'samu', until },
      isMedecinTraitant: false,
    });
    const header = await samuClient.get(`/api/pro/patients/${inaya.patient.id}`);
    expect(header.json<ProPatientRecord>().access).toMatchObject({
      readMode: 'urgence',
      emergency: { until },
    });
    const traces = await t.deps.database.db
      .selectFrom('traces')
      .select(['action', 'mode', 'outcome', 'details'])
      .where('patient_id', '=', inaya.patient.id)
      .where('actor_type', '=', 'professional')
      .orderBy('seq')
      .execute();
    expect(traces).toEqual([
      {
        action: 'access.emergency_open',
        mode: 'urgence',
        outcome: 'success',
        details: JSON.stringify({ emergencyMode: 'samu', motif: REASON }),
      },
      { action: 'record.read', mode: 'urgence', outcome: 'success', details: '{}' },
    ]);
  });

  it('the window closes after 4 hours: the next read is denied', async () => {
    const { inaya, samu, samuClient } = await setup();
    await open(samuClient, inaya.patient.id, 'samu');
    t.clock.advance(4 * 3600_000 - 1000);
    // A new session: the first one timed out while idle, which is not what this test is about.
    const again = await signInProfessional(t, samu);
    expect((await again.get(`/api/pro/patients/${inaya.patient.id}`)).statusCode).toBe(200);
    t.clock.advance(1000);
    expect((await again.get(`/api/pro/patients/${inaya.patient.id}`)).json()).toEqual(NOT_FOUND);
  });

  it('CARNET_EMERGENCY_WINDOW_MINUTES sets the window’s length', async () => {
    const { inaya, samuClient } = await setup({ CARNET_EMERGENCY_WINDOW_MINUTES: '30' });
    const opened = await open(samuClient, inaya.patient.id, 'samu');
    expect(opened.json<ProAccess>().emergency?.until).toBe(
      new Date(t.clock.now().getTime() + 30 * 60_000).toISOString(),
    );
  });

  it('mode SAMU is refused to a professional who is not régulateur (404, traced)', async () => {
    const { inaya, urgentisteClient, urgentiste } = await setup();
    const refused = await open(urgentisteClient, inaya.patient.id, 'samu');
    expect(refused.json()).toEqual(NOT_FOUND);
    const trace = await t.deps.database.db
      .selectFrom('traces')
      .selectAll()
      .where('actor_id', '=', urgentiste.professional.id)
      .where('patient_id', '=', inaya.patient.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(trace).toMatchObject({
      action: 'access.emergency_open',
      mode: 'urgence',
      outcome: 'denied',
    });
    expect(JSON.parse(trace.details)).toMatchObject({ reason: 'emergency_samu_not_regulator' });
  });

  it('bris de glace is allowed with "Autres professionnels" on and refused once it is off', async () => {
    const { inaya, urgentisteClient, patientClient } = await setup();
    expect((await open(urgentisteClient, inaya.patient.id, 'bris-de-glace')).statusCode).toBe(201);
    await setEmergency(patientClient, { samu: true, others: false, masked: false });
    // The open window no longer counts: row 3 denies at the very next request.
    expect((await urgentisteClient.get(`/api/pro/patients/${inaya.patient.id}`)).statusCode).toBe(
      404,
    );
    expect((await open(urgentisteClient, inaya.patient.id, 'bris-de-glace')).json()).toEqual(
      NOT_FOUND,
    );
  });

  it('SAMU is refused after the patient switches SAMU off', async () => {
    const { inaya, samuClient, patientClient } = await setup();
    await setEmergency(patientClient, { samu: false, others: true, masked: false });
    expect((await open(samuClient, inaya.patient.id, 'samu')).json()).toEqual(NOT_FOUND);
    // A régulateur may still use bris de glace while "Autres" is on.
    expect((await open(samuClient, inaya.patient.id, 'bris-de-glace')).statusCode).toBe(201);
  });

  it('a blocked professional cannot open an emergency access in any mode', async () => {
    const { inaya, samu, samuClient } = await setup();
    await givenGrant(t, inaya.patient.id, samu.professional.id, 'blocked');
    expect((await open(samuClient, inaya.patient.id, 'samu')).json()).toEqual(NOT_FOUND);
    expect((await open(samuClient, inaya.patient.id, 'bris-de-glace')).json()).toEqual(NOT_FOUND);
    expect(await t.deps.database.db.selectFrom('emergency_windows').selectAll().execute()).toEqual(
      [],
    );
  });

  it('a reason is required', async () => {
    const { inaya, samuClient } = await setup();
    const response = await samuClient.post(`/api/pro/patients/${inaya.patient.id}/emergency`, {
      mode: 'samu',
      reason: '  ',
    });
    expect(response.statusCode).toBe(400);
    expect(
      (await samuClient.post(`/api/pro/patients/${inaya.patient.id}/emergency`, { mode: 'samu' }))
        .statusCode,
    ).toBe(400);
  });

  it('e-mails the patient and the médecin traitant at once, without health data', async () => {
    const { inaya, samuClient } = await setup();
    const mt = await givenProfessional(t, { lastName: 'Eoso', email: 'louis.eoso@example.org' });
    await t.deps.patientAccess.declareMedecinTraitant(inaya.patient.id, mt.professional.id);
    const before = new Set((await outboxMessages(t.deps)).map((m) => JSON.stringify(m)));
    await open(samuClient, inaya.patient.id, 'samu');
    const sent = (await outboxMessages(t.deps)).filter((m) => !before.has(JSON.stringify(m)));
    expect(sent.map((m) => m.to).sort()).toEqual([inaya.email, 'louis.eoso@example.org'].sort());
    for (const message of sent) {
      expect(message.channel).toBe('email');
      const text = message.channel === 'email' ? `${message.subject}\n${message.text}` : '';
      expect(text).toMatch(/urgence/);
      expect(text).not.toContain(REASON);
      expect(text).not.toContain('Samu');
      expect(text).not.toContain('Michel');
    }
  });

  it('an emergency access shows masked documents only with the third toggle (policy facts)', async () => {
    const { inaya, samu, samuClient, patientClient } = await setup();
    await open(samuClient, inaya.patient.id, 'samu');
    const facts = () =>
      t.deps.accessGate.loadContext(t.deps.database.db, samu.professional, inaya.patient.id);
    expect((await facts()).settings.masked).toBe(false);
    await setEmergency(patientClient, { samu: true, others: true, masked: true });
    expect((await facts()).settings.masked).toBe(true);
    expect((await facts()).window).toMatchObject({ mode: 'samu' });
  });
});
