/** A professional's forgotten password (issue 14): one-time code, the patients' security, no enumeration. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { givenProfessional, signInProfessional } from '../../../test/access-builders.ts';
import { givenActivePatient } from '../../../test/builders.ts';
import {
  createClient,
  createTestApp,
  lastCodeSentTo,
  outboxMessages,
} from '../../../test/test-app.ts';
import type { TestApp } from '../../../test/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const newPassword = 'Stéthoscope-lune-bleue-42';
const start = (rpps: string) => createClient(t.app).post('/api/pro/auth/password-reset', { rpps });
const complete = (body: Record<string, unknown>) =>
  createClient(t.app).post('/api/pro/auth/password-reset/complete', body);
const errorOf = (answer: { json<T>(): T }) =>
  answer.json<{ error: { code: string; message: string; fields?: Record<string, string> } }>()
    .error;

describe('professional password reset', () => {
  it('resets the password with the code sent to the directory e-mail; every session ends, a notice leaves', async () => {
    const ps = await givenProfessional(t);
    const session = await signInProfessional(t, ps);
    t.clock.advance(31_000);
    const started = await start(ps.rpps);
    expect(started.statusCode).toBe(202);
    const { flowId } = started.json<{ flowId: string }>();
    const code = await lastCodeSentTo(t.deps, ps.email);
    const done = await complete({ flowId, code, newPassword });
    expect(done.statusCode).toBe(204);
    expect((await session.get('/api/pro/me')).statusCode).toBe(401);
    const old = await createClient(t.app).post('/api/pro/auth/login', {
      rpps: ps.rpps,
      password: ps.password,
    });
    expect(old.statusCode).toBe(401);
    const fresh = await createClient(t.app).post('/api/pro/auth/login', {
      rpps: ps.rpps,
      password: newPassword,
    });
    expect(fresh.statusCode).toBe(200);
    const subjects = (await outboxMessages(t.deps))
      .filter((m) => m.to === ps.email)
      .map((m) => (m.channel === 'email' ? m.subject : ''));
    expect(subjects).toContain('Modification de votre compte Carnet');
    // The same code cannot serve twice.
    expect((await complete({ flowId, code, newPassword: `${newPassword}!` })).statusCode).toBe(400);
  });

  it('answers an unknown RPPS exactly like a known one and sends nothing', async () => {
    const ps = await givenProfessional(t);
    const before = (await outboxMessages(t.deps)).length;
    const unknown = await start('19999999999');
    expect((await outboxMessages(t.deps)).length).toBe(before);
    const known = await start(ps.rpps);
    expect([unknown.statusCode, known.statusCode]).toEqual([202, 202]);
    expect(Object.keys(unknown.json())).toEqual(Object.keys(known.json()));
    // Too soon for a new code: the answer stays the same, and no second code leaves.
    const count = (await outboxMessages(t.deps)).length;
    expect((await start(ps.rpps)).statusCode).toBe(202);
    expect((await outboxMessages(t.deps)).length).toBe(count);
  });

  it('kills the code after 5 wrong entries and refuses an expired one', async () => {
    const ps = await givenProfessional(t);
    const { flowId } = (await start(ps.rpps)).json<{ flowId: string }>();
    const code = await lastCodeSentTo(t.deps, ps.email);
    const wrong = code === '000000' ? '111111' : '000000';
    const first = await complete({ flowId, code: wrong, newPassword });
    expect(errorOf(first)).toMatchObject({
      code: 'auth.code_invalid',
      message: expect.stringMatching(/4 essais/),
    });
    for (let i = 0; i < 4; i++) await complete({ flowId, code: wrong, newPassword });
    expect(errorOf(await complete({ flowId, code, newPassword })).code).toMatch(
      /auth\.code_(exhausted|invalid)/,
    );

    t.clock.advance(31_000);
    const second = (await start(ps.rpps)).json<{ flowId: string }>();
    const fresh = await lastCodeSentTo(t.deps, ps.email);
    t.clock.advance(11 * 60_000);
    expect((await complete({ flowId: second.flowId, code: fresh, newPassword })).statusCode).toBe(
      400,
    );
    const login = await createClient(t.app).post('/api/pro/auth/login', {
      rpps: ps.rpps,
      password: ps.password,
    });
    expect(login.statusCode).toBe(200);
  });

  it('refuses a weak password without spending the code, and bad input, storing nothing', async () => {
    const ps = await givenProfessional(t);
    const { flowId } = (await start(ps.rpps)).json<{ flowId: string }>();
    const code = await lastCodeSentTo(t.deps, ps.email);
    const weak = await complete({ flowId, code, newPassword: `${ps.rpps}abc` });
    expect(weak.statusCode).toBe(400);
    expect(errorOf(weak).fields).toHaveProperty('newPassword');
    expect((await start('1234')).statusCode).toBe(400);
    expect(
      (
        await createClient(t.app).post('/api/pro/auth/password-reset', {
          rpps: ps.rpps,
          email: 'x@y.z',
        })
      ).statusCode,
    ).toBe(400);
    expect((await complete({ flowId, code: '12ab56', newPassword })).statusCode).toBe(400);
    expect((await complete({ flowId, code, newPassword })).statusCode).toBe(204);
  });

  it('a patient’s reset flow cannot change a professional’s password, nor the reverse', async () => {
    const inaya = await givenActivePatient(t);
    const patientFlow = await createClient(t.app).post('/api/auth/password-reset', {
      ins: inaya.ins,
      birthDate: inaya.birthDate,
      channel: 'email',
    });
    const { flowId } = patientFlow.json<{ flowId: string }>();
    const code = await lastCodeSentTo(t.deps, inaya.email);
    const crossed = await complete({ flowId, code, newPassword });
    expect(crossed.statusCode).toBe(400);
    expect(errorOf(crossed).code).toBe('auth.code_invalid');

    const ps = await givenProfessional(t);
    const proFlow = (await start(ps.rpps)).json<{ flowId: string }>();
    const proCode = await lastCodeSentTo(t.deps, ps.email);
    const reverse = await createClient(t.app).post('/api/auth/password-reset/complete', {
      flowId: proFlow.flowId,
      code: proCode,
      newPassword,
    });
    expect(reverse.statusCode).toBe(400);
    expect((await complete({ ...proFlow, code: proCode, newPassword })).statusCode).toBe(204);
  });
});
