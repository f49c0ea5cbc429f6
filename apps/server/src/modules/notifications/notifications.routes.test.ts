import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { givenActivePatient, signIn } from '../../../test/builders.ts';
import type { TestApp, TestClient } from '../../../test/test-app.ts';
import { createClient, createTestApp } from '../../../test/test-app.ts';

let t: TestApp;
let client: TestClient;
let patientId: string;

beforeEach(async () => {
  t = await createTestApp();
  const inaya = await givenActivePatient(t);
  patientId = inaya.patient.id;
  client = await signIn(t, inaya);
});
afterEach(async () => {
  await t.close();
});

const preferencesTraces = () =>
  t.deps.database.db
    .selectFrom('traces')
    .select(['actor_type', 'actor_id', 'details'])
    .where('action', '=', 'notification.preferences_change')
    .execute();

describe('Paramètres › Notifications e-mail', () => {
  it('shows every switchable notification on by default', async () => {
    const response = await client.get('/api/notifications/preferences');

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      messages: true,
      documentsByProfessional: true,
      reminders: true,
    });
  });

  it('saves the toggles, answers them back and traces the change', async () => {
    const next = { messages: true, documentsByProfessional: false, reminders: false };

    const saved = await client.send('PUT', '/api/notifications/preferences', next);

    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual(next);
    expect((await client.get('/api/notifications/preferences')).json()).toEqual(next);
    expect(await preferencesTraces()).toEqual([
      { actor_type: 'patient', actor_id: patientId, details: JSON.stringify(next) },
    ]);
  });

  it.each([
    ['a missing toggle', { messages: true, reminders: true }],
    [
      'a toggle that is not a boolean',
      { messages: 'oui', documentsByProfessional: true, reminders: true },
    ],
    [
      'a notification that cannot be switched off',
      { messages: true, documentsByProfessional: true, reminders: true, emergencyAccess: false },
    ],
  ])('refuses %s and changes nothing', async (_what, body) => {
    const response = await client.send('PUT', '/api/notifications/preferences', body);

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'request.invalid' } });
    expect(await preferencesTraces()).toEqual([]);
  });

  it('answers 401 without a session', async () => {
    const anonymous = createClient(t.app);

    expect((await anonymous.get('/api/notifications/preferences')).statusCode).toBe(401);
    expect(
      (
        await anonymous.send('PUT', '/api/notifications/preferences', {
          messages: false,
          documentsByProfessional: false,
          reminders: false,
        })
      ).statusCode,
    ).toBe(401);
  });

  it('refuses a change sent without the anti-CSRF header', async () => {
    const response = await t.app.inject({
      method: 'PUT',
      url: '/api/notifications/preferences',
      headers: {
        cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'content-type': 'application/json',
      },
      payload: JSON.stringify({
        messages: false,
        documentsByProfessional: false,
        reminders: false,
      }),
    });

    expect(response.statusCode).toBe(403);
    expect(await preferencesTraces()).toEqual([]);
  });
});
