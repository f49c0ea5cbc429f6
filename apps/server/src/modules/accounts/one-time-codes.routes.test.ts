import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { givenActivePatient } from '../../../test/builders.ts';
import { createClient, createTestApp, lastCodeSentTo } from '../../../test/test-app.ts';
import type { TestApp, TestClient } from '../../../test/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

/** Steps 1 and 2 done; returns the client and the code that was sent. */
async function atStepThree(
  who: { identifiant: string; password: string; email: string },
  client: TestClient = createClient(t.app),
) {
  expect(
    (await client.post('/api/auth/login', { identifiant: who.identifiant, password: who.password }))
      .statusCode,
  ).toBe(200);
  expect((await client.post('/api/auth/login/code', { channel: 'email' })).statusCode).toBe(200);
  return { client, code: await lastCodeSentTo(t.deps, who.email) };
}

const wrongCodeFor = (code: string) => (code === '000000' ? '111111' : '000000');

describe('one-time codes', () => {
  it('are six digits, valid ten minutes and no longer', async () => {
    const inaya = await givenActivePatient(t);
    const { client, code } = await atStepThree(inaya);
    expect(code).toMatch(/^\d{6}$/);
    t.clock.advance(10 * 60_000 + 1);
    // The half session has a 15-minute life, so only the code has expired here.
    const late = await client.post('/api/auth/login/verify', { code });
    expect(late.json()).toMatchObject({ error: { code: 'auth.code_expired' } });
  });

  it('are accepted just before the ten minutes run out', async () => {
    const inaya = await givenActivePatient(t);
    const { client, code } = await atStepThree(inaya);
    t.clock.advance(10 * 60_000 - 1000);
    expect((await client.post('/api/auth/login/verify', { code })).statusCode).toBe(200);
  });

  it('are single use', async () => {
    const inaya = await givenActivePatient(t);
    const { client, code } = await atStepThree(inaya);
    const half = client.cookies.get('__Host-carnet_session')!;
    expect((await client.post('/api/auth/login/verify', { code })).statusCode).toBe(200);
    const replay = createClient(t.app);
    replay.cookies.set('__Host-carnet_session', half);
    expect((await replay.post('/api/auth/login/verify', { code })).statusCode).toBe(401);
  });

  it('die after five wrong entries, even when the right code comes next', async () => {
    const inaya = await givenActivePatient(t);
    const { client, code } = await atStepThree(inaya);
    const wrong = wrongCodeFor(code);
    for (let i = 1; i <= 4; i++) {
      const answer = await client.post('/api/auth/login/verify', { code: wrong });
      expect(answer.json()).toMatchObject({
        error: { code: 'auth.code_invalid', message: expect.stringContaining(String(5 - i)) },
      });
    }
    expect((await client.post('/api/auth/login/verify', { code: wrong })).json()).toMatchObject({
      error: { code: 'auth.code_exhausted' },
    });
    expect((await client.post('/api/auth/login/verify', { code })).json()).toMatchObject({
      error: { code: 'auth.code_exhausted' },
    });
  });

  it('are bound to the sign-in that asked for them', async () => {
    const inaya = await givenActivePatient(t);
    const first = await atStepThree(inaya);
    t.clock.advance(31_000);
    const other = createClient(t.app);
    await other.post('/api/auth/login', {
      identifiant: inaya.identifiant,
      password: inaya.password,
    });
    // The first flow's code does not open the second flow.
    expect((await other.post('/api/auth/login/verify', { code: first.code })).statusCode).toBe(400);
  });

  it('cannot be re-sent sooner than 30 seconds after the last', async () => {
    const inaya = await givenActivePatient(t);
    const { client } = await atStepThree(inaya);
    const tooSoon = await client.post('/api/auth/login/code', { channel: 'email' });
    expect(tooSoon.statusCode).toBe(429);
    expect(tooSoon.json()).toMatchObject({ error: { code: 'auth.code_too_soon' } });
    t.clock.advance(30_001);
    expect((await client.post('/api/auth/login/code', { channel: 'email' })).statusCode).toBe(200);
  });

  it('a re-sent code replaces the previous one', async () => {
    const inaya = await givenActivePatient(t);
    const { client, code: first } = await atStepThree(inaya);
    t.clock.advance(30_001);
    await client.post('/api/auth/login/code', { channel: 'email' });
    const second = await lastCodeSentTo(t.deps, inaya.email);
    if (first !== second)
      expect((await client.post('/api/auth/login/verify', { code: first })).statusCode).toBe(400);
    expect((await client.post('/api/auth/login/verify', { code: second })).statusCode).toBe(200);
  });

  it('are limited to ten per account per 24 hours', async () => {
    const inaya = await givenActivePatient(t);
    const client = createClient(t.app);
    await client.post('/api/auth/login', {
      identifiant: inaya.identifiant,
      password: inaya.password,
    });
    for (let i = 0; i < 10; i++) {
      expect((await client.post('/api/auth/login/code', { channel: 'email' })).statusCode).toBe(
        200,
      );
      t.clock.advance(31_000);
      if (i % 4 === 3)
        await client.post('/api/auth/login', {
          identifiant: inaya.identifiant,
          password: inaya.password,
        });
    }
    const eleventh = await client.post('/api/auth/login/code', { channel: 'email' });
    expect(eleventh.json()).toMatchObject({ error: { code: 'auth.code_daily_limit' } });
    t.clock.advance(24 * 3600_000);
    await client.post('/api/auth/login', {
      identifiant: inaya.identifiant,
      password: inaya.password,
    });
    expect((await client.post('/api/auth/login/code', { channel: 'email' })).statusCode).toBe(200);
  });

  it('allow at most 20 wrong entries per account per 24 hours', async () => {
    const inaya = await givenActivePatient(t);
    const client = createClient(t.app);
    for (let round = 0; round < 4; round++) {
      await client.post('/api/auth/login', {
        identifiant: inaya.identifiant,
        password: inaya.password,
      });
      await client.post('/api/auth/login/code', { channel: 'email' });
      const code = await lastCodeSentTo(t.deps, inaya.email);
      for (let i = 0; i < 5; i++)
        await client.post('/api/auth/login/verify', { code: wrongCodeFor(code) });
      t.clock.advance(31_000);
    }
    await client.post('/api/auth/login', {
      identifiant: inaya.identifiant,
      password: inaya.password,
    });
    const fifth = await client.post('/api/auth/login/code', { channel: 'email' });
    expect(fifth.json()).toMatchObject({ error: { code: 'auth.code_daily_limit' } });
  });

  it('give one success only when the right code is sent twice in parallel', async () => {
    const inaya = await givenActivePatient(t);
    const { client, code } = await atStepThree(inaya);
    const twin = createClient(t.app);
    twin.cookies.set('__Host-carnet_session', client.cookies.get('__Host-carnet_session')!);
    const answers = await Promise.all([
      client.post('/api/auth/login/verify', { code }),
      twin.post('/api/auth/login/verify', { code }),
    ]);
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.statusCode >= 400 && a.statusCode < 500)).toHaveLength(1);
  });
});

describe('password step throttling', () => {
  it('slows an identifiant down after five failures, with a wait that ends', async () => {
    const inaya = await givenActivePatient(t);
    const client = createClient(t.app);
    for (let i = 0; i < 5; i++)
      expect(
        (
          await client.post('/api/auth/login', {
            identifiant: inaya.identifiant,
            password: 'wrong password here',
          })
        ).statusCode,
      ).toBe(401);
    const sixth = await client.post('/api/auth/login', {
      identifiant: inaya.identifiant,
      password: 'wrong password here',
    });
    expect(sixth.statusCode).toBe(401);
    const blocked = await client.post('/api/auth/login', {
      identifiant: inaya.identifiant,
      password: inaya.password,
    });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ error: { code: 'auth.throttled' } });
    // No permanent lockout: the owner gets in once the wait is over.
    t.clock.advance(31_000);
    expect(
      (
        await client.post('/api/auth/login', {
          identifiant: inaya.identifiant,
          password: inaya.password,
        })
      ).statusCode,
    ).toBe(200);
  });

  it('caps the wait at 15 minutes however many failures an attacker makes', async () => {
    const inaya = await givenActivePatient(t);
    const client = createClient(t.app);
    for (let i = 0; i < 40; i++) {
      await client.post('/api/auth/login', {
        identifiant: inaya.identifiant,
        password: 'wrong password here',
      });
      t.clock.advance(16 * 60_000);
    }
    await client.post('/api/auth/login', {
      identifiant: inaya.identifiant,
      password: 'wrong password here',
    });
    t.clock.advance(15 * 60_000 + 1);
    expect(
      (
        await client.post('/api/auth/login', {
          identifiant: inaya.identifiant,
          password: inaya.password,
        })
      ).statusCode,
    ).toBe(200);
  });

  it('throttles an unknown identifiant exactly like a known one', async () => {
    const client = createClient(t.app);
    for (let i = 0; i < 6; i++)
      await client.post('/api/auth/login', {
        identifiant: 'nobody.here',
        password: 'wrong password here',
      });
    expect(
      (
        await client.post('/api/auth/login', {
          identifiant: 'nobody.here',
          password: 'wrong password here',
        })
      ).statusCode,
    ).toBe(429);
  });

  it('throttles one IP trying many identifiants', async () => {
    const client = createClient(t.app);
    let last = 0;
    for (let i = 0; i < 32; i++)
      last = (
        await client.post('/api/auth/login', {
          identifiant: `someone.${i}xx`,
          password: 'wrong password here',
        })
      ).statusCode;
    expect(last).toBe(429);
  });
});
