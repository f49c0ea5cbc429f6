/** Clôture du profil (issue 14): password again, closes at once, e-mail, professionals get 404. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { givenActivePatient, signIn } from '../../../test/builders.ts';
import {
  givenGrant,
  givenProfessional,
  signInProfessional,
} from '../../../test/access-builders.ts';
import { createClient, createTestApp, outboxMessages } from '../../../test/test-app.ts';
import type { TestApp } from '../../../test/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };
const errorOf = (answer: { json<T>(): T }) => answer.json<ErrorBody>().error;

const tracesOf = (patientId: string, action: string) =>
  t.deps.database.db
    .selectFrom('traces')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('action', '=', action)
    .execute();

describe('closing a profile', () => {
  it('closes at once: every session ends, sign-in explains how to reactivate, an e-mail leaves', async () => {
    const inaya = await givenActivePatient(t);
    const client = await signIn(t, inaya);
    t.clock.advance(31_000); // a new code no sooner than 30 s after the last
    const other = await signIn(t, inaya);
    const answer = await client.post('/api/account/close', {
      password: inaya.password,
      requestDeletion: false,
    });
    expect(answer.statusCode).toBe(200);
    expect((await client.get('/api/me')).statusCode).toBe(401);
    expect((await other.get('/api/me')).statusCode).toBe(401);
    expect((await t.deps.patients.find(inaya.patient.id))?.status).toBe('closed');

    const again = await createClient(t.app).post('/api/auth/login', {
      identifiant: inaya.identifiant,
      password: inaya.password,
    });
    expect(again.statusCode).toBe(403);
    expect(errorOf(again).code).toBe('auth.profile_closed');
    expect(errorOf(again).message).toMatch(/clôturé.*réactiver/);
    // A wrong password learns nothing about the closure (no enumeration).
    const wrong = await createClient(t.app).post('/api/auth/login', {
      identifiant: inaya.identifiant,
      password: 'Pas-le-bon-mot-de-passe',
    });
    expect(wrong.statusCode).toBe(401);
    expect(errorOf(wrong).code).toBe('auth.invalid_credentials');

    const subjects = (await outboxMessages(t.deps))
      .filter((m) => m.to === inaya.email && m.channel === 'email')
      .map((m) => (m.channel === 'email' ? m.subject : ''));
    expect(subjects).toContain('Votre profil Carnet a été clôturé');
    const [trace] = await tracesOf(inaya.patient.id, 'account.close');
    expect(JSON.parse(trace!.details)).toEqual({ deletionRequested: false });
    const closure = await t.deps.lifecycle.find(inaya.patient.id);
    expect(closure?.deletion_requested_at).toBeNull();
    expect(closure?.delete_after.slice(0, 4)).toBe(String(t.clock.now().getUTCFullYear() + 10));
  });

  it('refuses a wrong password, stores nothing, and throttles like sign-in', async () => {
    const inaya = await givenActivePatient(t);
    const client = await signIn(t, inaya);
    const wrong = await client.post('/api/account/close', {
      password: 'Pas-le-bon-mot-de-passe',
      requestDeletion: true,
    });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong)).toMatchObject({
      code: 'account.password_mismatch',
      fields: { password: 'Mot de passe incorrect.' },
    });
    expect((await t.deps.patients.find(inaya.patient.id))?.status).toBe('active');
    expect(await t.deps.lifecycle.find(inaya.patient.id)).toBeUndefined();
    expect((await client.get('/api/me')).statusCode).toBe(200);
    for (let i = 0; i < 5; i++)
      await client.post('/api/account/close', {
        password: 'Encore-faux-123',
        requestDeletion: true,
      });
    const throttled = await client.post('/api/account/close', {
      password: inaya.password,
      requestDeletion: true,
    });
    expect(throttled.statusCode).toBe(429);
    expect(errorOf(throttled).code).toBe('auth.throttled');
    expect((await t.deps.patients.find(inaya.patient.id))?.status).toBe('active');
  });

  it('refuses bad input with a clear error and stores nothing', async () => {
    const inaya = await givenActivePatient(t);
    const client = await signIn(t, inaya);
    for (const body of [
      {},
      { password: '', requestDeletion: true },
      { password: 'x', requestDeletion: 'oui' },
      { password: 'x', requestDeletion: true, extra: 1 },
    ]) {
      const answer = await client.post('/api/account/close', body);
      expect(answer.statusCode).toBe(400);
    }
    expect(
      (
        await createClient(t.app).post('/api/account/close', {
          password: inaya.password,
          requestDeletion: false,
        })
      ).statusCode,
    ).toBe(401);
    expect((await t.deps.patients.find(inaya.patient.id))?.status).toBe('active');
  });

  it('closing twice answers a clear error, also when two closures race', async () => {
    const inaya = await givenActivePatient(t);
    const first = await signIn(t, inaya);
    t.clock.advance(31_000);
    const second = await signIn(t, inaya);
    const account = await t.deps.database.db
      .selectFrom('accounts')
      .select('id')
      .where('patient_id', '=', inaya.patient.id)
      .executeTakeFirstOrThrow();
    const [session] = await t.deps.sessions.list(account.id);
    const answers = await Promise.all([
      first.post('/api/account/close', { password: inaya.password, requestDeletion: false }),
      second.post('/api/account/close', { password: inaya.password, requestDeletion: true }),
    ]);
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(1);
    const loser = answers.find((a) => a.statusCode !== 200)!;
    // The loser meets the closed record at the session, the selected profile or the closure row.
    expect(['account.already_closed', 'auth.required', 'resource.not_found']).toContain(
      errorOf(loser).code,
    );
    const titulaire = {
      patientId: inaya.patient.id,
      personId: inaya.patient.id,
      role: 'titulaire' as const,
      accountId: account.id,
      sessionId: session!.id,
    };
    await expect(
      t.deps.closure.close(session!, titulaire, {
        password: inaya.password,
        requestDeletion: false,
        ip: '1.2.3.4',
      }),
    ).rejects.toMatchObject({ code: 'account.already_closed', status: 409 });
    expect(await tracesOf(inaya.patient.id, 'account.close')).toHaveLength(1);
  });

  it('professionals get 404 on a closed record, and the denial is traced', async () => {
    const inaya = await givenActivePatient(t);
    const ps = await givenProfessional(t);
    await givenGrant(t, inaya.patient.id, ps.professional.id, 'administrator');
    const client = await signIn(t, inaya);
    const pro = await signInProfessional(t, ps);
    expect((await pro.get(`/api/pro/patients/${inaya.patient.id}`)).statusCode).toBe(200);
    await client.post('/api/account/close', { password: inaya.password, requestDeletion: false });
    const record = await pro.get(`/api/pro/patients/${inaya.patient.id}`);
    const documents = await pro.get(`/api/pro/patients/${inaya.patient.id}/documents`);
    const missing = await pro.get('/api/pro/patients/pat_doesnotexist');
    expect(record.statusCode).toBe(404);
    expect(documents.statusCode).toBe(404);
    expect(record.json()).toEqual(missing.json());
    const denied = await t.deps.database.db
      .selectFrom('traces')
      .selectAll()
      .where('patient_id', '=', inaya.patient.id)
      .where('actor_id', '=', ps.professional.id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(2);
  });
});
