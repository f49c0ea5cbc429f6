import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { givenActivePatient, signIn } from '../../../test/builders.ts';
import {
  createClient,
  createTestApp,
  lastCodeSentTo,
  outboxMessages,
} from '../../../test/test-app.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { createPasswordHasher } from '../../platform/crypto/passwords.ts';
import type { PasswordHasher } from '../../platform/crypto/passwords.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const SESSION = '__Host-carnet_session';

describe('sign-in in three steps', () => {
  it('opens a full session after identifiant + password, channel choice and the emailed code', async () => {
    const inaya = await givenActivePatient(t);
    const client = createClient(t.app);

    const step1 = await client.post('/api/auth/login', {
      identifiant: inaya.identifiant,
      password: inaya.password,
    });
    expect(step1.statusCode).toBe(200);
    expect(step1.json()).toEqual({
      channels: [
        { channel: 'email', masked: expect.stringMatching(/^i\*{5}@example\.org$/) },
        { channel: 'sms', masked: '*****3 14' },
      ],
    });
    expect((await client.get('/api/me')).statusCode).toBe(401);

    const step2 = await client.post('/api/auth/login/code', { channel: 'email' });
    expect(step2.json()).toMatchObject({ channel: 'email', resendAfterSeconds: 30 });

    const code = await lastCodeSentTo(t.deps, inaya.email);
    const step3 = await client.post('/api/auth/login/verify', { code });
    expect(step3.statusCode).toBe(200);
    expect(step3.json()).toMatchObject({
      kind: 'patient',
      firstName: 'Inaya',
      displayName: 'Inaya M.',
      identifiant: inaya.identifiant,
    });
    expect((await client.get('/api/me')).statusCode).toBe(200);
  });

  it('sends the code by SMS to the stored mobile when the person chooses the phone', async () => {
    const inaya = await givenActivePatient(t);
    const client = createClient(t.app);
    await client.post('/api/auth/login', {
      identifiant: inaya.identifiant,
      password: inaya.password,
    });
    const sent = await client.post('/api/auth/login/code', { channel: 'sms' });
    expect(sent.json()).toMatchObject({ channel: 'sms', masked: '*****3 14' });
    const sms = (await outboxMessages(t.deps)).filter((m) => m.channel === 'sms');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.to).toBe('+33 6 11 12 13 14');
  });

  it('issues a new session id after the password step and after the code step', async () => {
    const inaya = await givenActivePatient(t);
    const client = createClient(t.app);
    await client.post('/api/auth/login', {
      identifiant: inaya.identifiant,
      password: inaya.password,
    });
    const halfSession = client.cookies.get(SESSION)!;
    await client.post('/api/auth/login/code', { channel: 'email' });
    await client.post('/api/auth/login/verify', {
      code: await lastCodeSentTo(t.deps, inaya.email),
    });
    const fullSession = client.cookies.get(SESSION)!;
    expect(fullSession).not.toBe(halfSession);

    const stale = createClient(t.app);
    stale.cookies.set(SESSION, halfSession);
    expect((await stale.get('/api/me')).statusCode).toBe(401);
  });

  it('stores sessions and codes only as hashes', async () => {
    const inaya = await givenActivePatient(t);
    const client = await signIn(t, inaya);
    const token = client.cookies.get(SESSION)!;
    const sessions = await t.deps.database.db.selectFrom('sessions').selectAll().execute();
    expect(JSON.stringify(sessions)).not.toContain(token);
    const code = await lastCodeSentTo(t.deps, inaya.email);
    const codes = await t.deps.database.db.selectFrom('otp_codes').selectAll().execute();
    expect(codes.every((c) => !c.code_hash.includes(code))).toBe(true);
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
  });

  it('sets the session cookie __Host- prefixed, Secure, HttpOnly, SameSite=Strict on path /', async () => {
    const inaya = await givenActivePatient(t);
    const response = await createClient(t.app).post('/api/auth/login', {
      identifiant: inaya.identifiant,
      password: inaya.password,
    });
    const cookie = response.cookies.find((c) => c.name === SESSION)!;
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
    expect(cookie.domain).toBeUndefined();
  });

  it('refuses step 2 and step 3 without a password step', async () => {
    const client = createClient(t.app);
    expect((await client.post('/api/auth/login/code', { channel: 'email' })).json()).toMatchObject({
      error: { code: 'auth.no_pending_sign_in' },
    });
    expect((await client.post('/api/auth/login/verify', { code: '123456' })).statusCode).toBe(401);
  });

  it('refuses a full session cookie at step 3 (a signed-in session cannot be re-verified)', async () => {
    const inaya = await givenActivePatient(t);
    const client = await signIn(t, inaya);
    expect((await client.post('/api/auth/login/verify', { code: '123456' })).statusCode).toBe(401);
  });
});

describe('no enumeration at the password step', () => {
  it('answers an unknown identifiant exactly like a wrong password, and runs argon2 for both', async () => {
    const real = createPasswordHasher();
    const calls: string[] = [];
    const spying: PasswordHasher = {
      ...real,
      verify: (hash, password) => {
        calls.push('verify');
        return real.verify(hash, password);
      },
      verifyDummy: (password) => {
        calls.push('dummy');
        return real.verifyDummy(password);
      },
    };
    const s = await createTestApp({}, { passwords: spying });
    try {
      const inaya = await givenActivePatient(s);
      const wrong = await createClient(s.app).post('/api/auth/login', {
        identifiant: inaya.identifiant,
        password: 'not the password at all',
      });
      const unknown = await createClient(s.app).post('/api/auth/login', {
        identifiant: 'nobody.here',
        password: 'not the password at all',
      });
      expect(unknown.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(wrong.statusCode);
      expect(unknown.body).toBe(wrong.body);
      expect(unknown.headers['set-cookie']).toBe(wrong.headers['set-cookie']);
      expect(calls).toEqual(['verify', 'dummy']);
    } finally {
      await s.close();
    }
  });
});

describe('sign-in from a new device', () => {
  const newDeviceMails = async (to: string) =>
    (await outboxMessages(t.deps)).filter(
      (m) =>
        m.channel === 'email' &&
        m.to === to &&
        m.subject === 'Nouvelle connexion à votre compte Carnet',
    );

  it('e-mails the person when a device the account never used signs in, not for a known one', async () => {
    const inaya = await givenActivePatient(t);
    const laptop = await signIn(t, inaya);
    // The first sign-in after activation is where the account starts: no notice.
    expect(await newDeviceMails(inaya.email)).toHaveLength(0);
    expect([...laptop.cookies.keys()]).toContain('__Host-carnet_device');

    t.clock.advance(31_000);
    await signIn(t, inaya, laptop);
    expect(await newDeviceMails(inaya.email)).toHaveLength(0);

    t.clock.advance(31_000);
    await signIn(
      t,
      inaya,
      createClient(t.app, {
        'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0) Safari/604.1',
      }),
    );
    const mails = await newDeviceMails(inaya.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.channel === 'email' && mails[0]!.text).toContain('Safari sur iOS');
  });

  it('does not take a forged device cookie for a known device', async () => {
    const inaya = await givenActivePatient(t);
    await signIn(t, inaya);
    t.clock.advance(31_000);
    const stranger = createClient(t.app);
    stranger.cookies.set('__Host-carnet_device', 'made-up-value');
    await signIn(t, inaya, stranger);
    expect(await newDeviceMails(inaya.email)).toHaveLength(1);
  });
});
