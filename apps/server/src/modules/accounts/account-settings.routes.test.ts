import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { givenActivePatient, signIn } from '../../../test/builders.ts';
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

const newPassword = 'Bleu-horizon-lointain-77';

describe('changing the mobile number or the e-mail', () => {
  it('takes effect only once the code sent to the new number is entered', async () => {
    const inaya = await givenActivePatient(t);
    const client = await signIn(t, inaya);
    const started = await client.post('/api/account/contact', {
      kind: 'mobile',
      value: '07 22 33 44 55',
    });
    expect(started.json()).toMatchObject({ masked: '*****4 55' });
    expect((await client.get('/api/me')).json()).toMatchObject({ mobile: '+33 6 11 12 13 14' });
    const code = await lastCodeSentTo(t.deps, '+33 7 22 33 44 55');
    const confirmed = await client.post('/api/account/contact/confirm', {
      flowId: started.json<{ flowId: string }>().flowId,
      code,
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ mobile: '+33 7 22 33 44 55' });
    // The person is told at the e-mail address on file.
    const notices = (await outboxMessages(t.deps)).filter(
      (m) =>
        m.channel === 'email' && m.to === inaya.email && m.text.includes('mobile a été modifié'),
    );
    expect(notices).toHaveLength(1);
  });

  it('refuses a wrong code and keeps the old address', async () => {
    const inaya = await givenActivePatient(t);
    const client = await signIn(t, inaya);
    const started = await client.post('/api/account/contact', {
      kind: 'email',
      value: 'nouvelle@example.org',
    });
    const code = await lastCodeSentTo(t.deps, 'nouvelle@example.org');
    const wrong = await client.post('/api/account/contact/confirm', {
      flowId: started.json<{ flowId: string }>().flowId,
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(400);
    expect((await client.get('/api/me')).json()).toMatchObject({ email: inaya.email });
  });

  it('refuses a flow started by another account', async () => {
    const inaya = await givenActivePatient(t);
    const other = await givenActivePatient(t);
    const inayaClient = await signIn(t, inaya);
    const otherClient = await signIn(t, other);
    const started = await inayaClient.post('/api/account/contact', {
      kind: 'email',
      value: 'inaya.new@example.org',
    });
    const code = await lastCodeSentTo(t.deps, 'inaya.new@example.org');
    const stolen = await otherClient.post('/api/account/contact/confirm', {
      flowId: started.json<{ flowId: string }>().flowId,
      code,
    });
    expect(stolen.json()).toMatchObject({ error: { code: 'account.flow_invalid' } });
  });

  it('refuses a malformed number or e-mail with a field error', async () => {
    const inaya = await givenActivePatient(t);
    const client = await signIn(t, inaya);
    for (const body of [
      { kind: 'mobile', value: 'abc' },
      { kind: 'email', value: 'not-an-email' },
      { kind: 'fax', value: '01' },
    ]) {
      expect((await client.post('/api/account/contact', body)).statusCode).toBe(400);
    }
  });

  it('needs a signed-in session', async () => {
    expect(
      (
        await createClient(t.app).post('/api/account/contact', {
          kind: 'email',
          value: 'x@example.org',
        })
      ).statusCode,
    ).toBe(401);
  });
});

describe('changing the password', () => {
  it('needs the current password, ends the other sessions and sends a notice', async () => {
    const inaya = await givenActivePatient(t);
    const client = await signIn(t, inaya);
    t.clock.advance(31_000);
    const elsewhere = await signIn(t, inaya);
    const wrong = await client.post('/api/account/password', {
      currentPassword: 'not it',
      newPassword,
    });
    expect(wrong.json()).toMatchObject({ error: { code: 'account.password_mismatch' } });
    expect(
      (await client.post('/api/account/password', { currentPassword: inaya.password, newPassword }))
        .statusCode,
    ).toBe(204);
    expect((await elsewhere.get('/api/me')).statusCode).toBe(401);
    expect((await client.get('/api/me')).statusCode).toBe(200);
    expect(
      (
        await createClient(t.app).post('/api/auth/login', {
          identifiant: inaya.identifiant,
          password: newPassword,
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await outboxMessages(t.deps)).some(
        (m) => m.to === inaya.email && m.text.includes('mot de passe a été modifié'),
      ),
    ).toBe(true);
  });

  it('refuses a weak new password', async () => {
    const inaya = await givenActivePatient(t);
    const client = await signIn(t, inaya);
    const weak = await client.post('/api/account/password', {
      currentPassword: inaya.password,
      newPassword: 'azertyuiop12',
    });
    expect(weak.json()).toMatchObject({
      error: { code: 'account.password_weak', fields: { newPassword: expect.any(String) } },
    });
  });
});

describe('forgotten identifiant and password', () => {
  it('sends the identifiant to the stored e-mail, and answers the same for an unknown person', async () => {
    const inaya = await givenActivePatient(t);
    const client = createClient(t.app);
    const known = await client.post('/api/auth/forgot-identifiant', {
      ins: inaya.ins,
      birthDate: inaya.birthDate,
      channel: 'email',
    });
    const unknown = await client.post('/api/auth/forgot-identifiant', {
      ins: '188047512345699',
      birthDate: inaya.birthDate,
      channel: 'email',
    });
    const wrongDate = await client.post('/api/auth/forgot-identifiant', {
      ins: inaya.ins,
      birthDate: '1970-01-01',
      channel: 'email',
    });
    for (const answer of [known, unknown, wrongDate]) {
      expect(answer.statusCode).toBe(202);
      expect(Object.keys(answer.json())).toEqual(['flowId']);
    }
    const mails = (await outboxMessages(t.deps)).filter((m) => m.to === inaya.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(inaya.identifiant);
  });

  it('resets the password with a code, ending every session', async () => {
    const inaya = await givenActivePatient(t);
    const session = await signIn(t, inaya);
    t.clock.advance(31_000);
    const client = createClient(t.app);
    const started = await client.post('/api/auth/password-reset', {
      ins: inaya.ins,
      birthDate: inaya.birthDate,
      channel: 'email',
    });
    const flowId = started.json<{ flowId: string }>().flowId;
    const code = await lastCodeSentTo(t.deps, inaya.email);
    const weak = await client.post('/api/auth/password-reset/complete', {
      flowId,
      code,
      newPassword: 'motdepasse123',
    });
    expect(weak.json()).toMatchObject({ error: { code: 'account.password_weak' } });
    expect(
      (await client.post('/api/auth/password-reset/complete', { flowId, code, newPassword }))
        .statusCode,
    ).toBe(204);
    expect((await session.get('/api/me')).statusCode).toBe(401);
    expect(
      (
        await client.post('/api/auth/login', {
          identifiant: inaya.identifiant,
          password: inaya.password,
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (
        await client.post('/api/auth/login', {
          identifiant: inaya.identifiant,
          password: newPassword,
        })
      ).statusCode,
    ).toBe(200);
  });

  it('answers a reset for an unknown person like a known one, and its flow accepts no code', async () => {
    const client = createClient(t.app);
    const unknown = await client.post('/api/auth/password-reset', {
      ins: '188047512345699',
      birthDate: '1970-01-01',
      channel: 'sms',
    });
    expect(unknown.statusCode).toBe(202);
    const complete = await client.post('/api/auth/password-reset/complete', {
      flowId: unknown.json<{ flowId: string }>().flowId,
      code: '123456',
      newPassword,
    });
    expect(complete.json()).toMatchObject({ error: { code: 'auth.code_invalid' } });
  });
});
