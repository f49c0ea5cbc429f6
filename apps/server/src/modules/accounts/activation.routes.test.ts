import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { givenPendingProfile, uniqueIns } from '../../../test/builders.ts';
import { createClient, createTestApp } from '../../../test/test-app.ts';
import type { TestApp } from '../../../test/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const strongPassword = 'Bleu-horizon-lointain-77';

describe('activation', () => {
  it('activates a profile with the code provisoire, INS and birth date, then the person signs in', async () => {
    const p = await givenPendingProfile(t);
    const client = createClient(t.app);
    const answer = await client.post('/api/auth/activate', {
      activationCode: p.activationCode,
      ins: p.ins,
      birthDate: p.birthDate,
      identifiant: 'lea.martin90',
      password: strongPassword,
      acceptTerms: true,
    });
    expect(answer.statusCode).toBe(201);
    expect(
      (
        await client.post('/api/auth/login', {
          identifiant: 'lea.martin90',
          password: strongPassword,
        })
      ).statusCode,
    ).toBe(200);
  });

  it('never sends the code provisoire anywhere but the outbox, where it is sealed', async () => {
    const p = await givenPendingProfile(t);
    const rows = await t.deps.database.db.selectFrom('outbox').select('payload').execute();
    expect(rows.map((r) => r.payload).join()).not.toContain(p.activationCode);
    const codes = await t.deps.database.db.selectFrom('activation_codes').selectAll().execute();
    expect(JSON.stringify(codes)).not.toContain(p.activationCode.replaceAll('-', ''));
  });

  it('refuses a used code clearly', async () => {
    const p = await givenPendingProfile(t);
    const client = createClient(t.app);
    const body = {
      activationCode: p.activationCode,
      ins: p.ins,
      birthDate: p.birthDate,
      identifiant: 'lea.martin90',
      password: strongPassword,
      acceptTerms: true,
    };
    expect((await client.post('/api/auth/activate', body)).statusCode).toBe(201);
    const again = await client.post('/api/auth/activate', { ...body, identifiant: 'lea.martin91' });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ error: { code: 'activation.invalid' } });
  });

  it('refuses a code older than six weeks', async () => {
    const p = await givenPendingProfile(t);
    t.clock.advance(42 * 24 * 3600_000 + 1);
    const answer = await createClient(t.app).post('/api/auth/activate', {
      activationCode: p.activationCode,
      ins: p.ins,
      birthDate: p.birthDate,
      identifiant: 'lea.martin90',
      password: strongPassword,
      acceptTerms: true,
    });
    expect(answer.json()).toMatchObject({ error: { code: 'activation.code_expired' } });
  });

  it('answers a wrong birth date, a wrong INS and a wrong code the same way', async () => {
    const p = await givenPendingProfile(t);
    const client = createClient(t.app);
    const base = {
      activationCode: p.activationCode,
      ins: p.ins,
      birthDate: p.birthDate,
      identifiant: 'lea.martin90',
      password: strongPassword,
      acceptTerms: true,
    };
    const answers = await Promise.all([
      client.post('/api/auth/activate', { ...base, birthDate: '1990-02-04' }),
      client.post('/api/auth/activate', { ...base, ins: uniqueIns() }),
      client.post('/api/auth/activate', { ...base, activationCode: 'AAAA-BBBB-CCCC' }),
    ]);
    expect(new Set(answers.map((a) => `${a.statusCode} ${a.body}`)).size).toBe(1);
    expect(answers[0].json()).toMatchObject({ error: { code: 'activation.invalid' } });
  });

  it('requires accepting the terms', async () => {
    const p = await givenPendingProfile(t);
    const answer = await createClient(t.app).post('/api/auth/activate', {
      activationCode: p.activationCode,
      ins: p.ins,
      birthDate: p.birthDate,
      identifiant: 'lea.martin90',
      password: strongPassword,
      acceptTerms: false,
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.json()).toMatchObject({ error: { fields: { acceptTerms: expect.any(String) } } });
  });

  it('refuses an identifiant that is an e-mail, too short or with other characters', async () => {
    const p = await givenPendingProfile(t);
    const client = createClient(t.app);
    for (const identifiant of ['lea@example.org', 'lea', 'léa martin']) {
      const answer = await client.post('/api/auth/activate', {
        activationCode: p.activationCode,
        ins: p.ins,
        birthDate: p.birthDate,
        identifiant,
        password: strongPassword,
        acceptTerms: true,
      });
      expect(answer.statusCode).toBe(400);
      expect(answer.json()).toMatchObject({
        error: { fields: { identifiant: expect.any(String) } },
      });
    }
  });

  it('refuses a weak password with a French explanation, and the code stays usable', async () => {
    const p = await givenPendingProfile(t);
    const client = createClient(t.app);
    const base = {
      activationCode: p.activationCode,
      ins: p.ins,
      birthDate: p.birthDate,
      identifiant: 'lea.martin90',
      acceptTerms: true,
    };
    const weak = await client.post('/api/auth/activate', { ...base, password: 'motdepasse123' });
    expect(weak.json()).toMatchObject({
      error: { code: 'account.password_weak', fields: { password: expect.any(String) } },
    });
    const withName = await client.post('/api/auth/activate', {
      ...base,
      password: 'lea.martin90-est-la',
    });
    expect(withName.json()).toMatchObject({ error: { code: 'account.password_weak' } });
    expect(
      (await client.post('/api/auth/activate', { ...base, password: strongPassword })).statusCode,
    ).toBe(201);
  });

  it('refuses an identifiant already taken', async () => {
    const first = await givenPendingProfile(t);
    const second = await givenPendingProfile(t);
    const client = createClient(t.app);
    await client.post('/api/auth/activate', {
      activationCode: first.activationCode,
      ins: first.ins,
      birthDate: first.birthDate,
      identifiant: 'same.identifiant',
      password: strongPassword,
      acceptTerms: true,
    });
    const taken = await client.post('/api/auth/activate', {
      activationCode: second.activationCode,
      ins: second.ins,
      birthDate: second.birthDate,
      identifiant: 'Same.Identifiant',
      password: strongPassword,
      acceptTerms: true,
    });
    expect(taken.json()).toMatchObject({ error: { code: 'account.identifiant_taken' } });
  });

  it('lets the person oppose instead: the profile is closed and can no longer be activated', async () => {
    const p = await givenPendingProfile(t);
    const client = createClient(t.app);
    const opposed = await client.post('/api/auth/oppose', {
      activationCode: p.activationCode,
      ins: p.ins,
      birthDate: p.birthDate,
    });
    expect(opposed.json()).toMatchObject({ status: 'opposed' });
    expect((await t.deps.patients.findByIns(p.ins))?.status).toBe('opposed');
    const activate = await client.post('/api/auth/activate', {
      activationCode: p.activationCode,
      ins: p.ins,
      birthDate: p.birthDate,
      identifiant: 'lea.martin90',
      password: strongPassword,
      acceptTerms: true,
    });
    expect(activate.statusCode).toBe(400);
  });

  it('traces the creation and the activation in the record chain', async () => {
    const p = await givenPendingProfile(t);
    await createClient(t.app).post('/api/auth/activate', {
      activationCode: p.activationCode,
      ins: p.ins,
      birthDate: p.birthDate,
      identifiant: 'lea.martin90',
      password: strongPassword,
      acceptTerms: true,
    });
    const patient = (await t.deps.patients.findByIns(p.ins))!;
    const traces = await t.deps.database.db
      .selectFrom('traces')
      .select(['action', 'seq'])
      .where('patient_id', '=', patient.id)
      .orderBy('seq')
      .execute();
    expect(traces).toEqual([
      { action: 'patient.create', seq: 1 },
      { action: 'account.activate', seq: 2 },
    ]);
  });
});
