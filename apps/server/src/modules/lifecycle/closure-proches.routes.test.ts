/**
 * Clôture du profil never acts on the wrong profile (issues 13 and 14): it closes the selected
 * profile only when its titulaire acts; a legal representative showing her child's profile and an
 * aidant are refused, traced, and nothing is closed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/test-app.ts';
import type { TestApp } from '../../../test/test-app.ts';
import {
  givenAdult,
  givenInayaAndLeo,
  giveAidantAccess,
  switchTo,
  tracesOfRecord,
} from '../delegations/delegations.test-support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const codeOf = (answer: { json<T>(): T }) =>
  answer.json<{ error: { code: string; message: string } }>().error;
const statusOf = async (patientId: string) => (await t.deps.patients.find(patientId))?.status;

describe('closing from a profile one represents or helps', () => {
  it('a legal representative showing her child’s profile is refused with a clear message; neither profile closes', async () => {
    const { inaya, inayaClient, leo } = await givenInayaAndLeo(t);
    await switchTo(inayaClient, leo.id);
    for (const password of [inaya.password, 'Pas-le-bon-mot-de-passe']) {
      const answer = await inayaClient.post('/api/account/close', {
        password,
        requestDeletion: true,
      });
      expect(answer.statusCode).toBe(403);
      expect(codeOf(answer).code).toBe('account.close_not_titulaire');
      expect(codeOf(answer).message).toMatch(/seul son titulaire peut clôturer/);
    }
    expect(await statusOf(leo.id)).toBe('active');
    expect(await statusOf(inaya.patient.id)).toBe('active');
    expect((await inayaClient.get('/api/documents')).statusCode).toBe(200);
    const denied = (await tracesOfRecord(t, leo.id)).filter((r) => r.action === 'account.close');
    expect(denied).toHaveLength(2);
    expect(denied[0]).toMatchObject({
      actor_type: 'legal-representative',
      actor_id: inaya.patient.id,
      outcome: 'denied',
    });
    expect(await t.deps.database.db.selectFrom('patient_closures').selectAll().execute()).toEqual(
      [],
    );

    // Back on her own profile, she closes hers, and only hers.
    await switchTo(inayaClient, inaya.patient.id);
    const own = await inayaClient.post('/api/account/close', {
      password: inaya.password,
      requestDeletion: false,
    });
    expect(own.statusCode).toBe(200);
    expect(await statusOf(inaya.patient.id)).toBe('closed');
    expect(await statusOf(leo.id)).toBe('active');
  });

  it('an aidant is refused (403, traced) and the helped person’s profile stays open', async () => {
    const inaya = await givenAdult(t, { firstName: 'Inaya', lastName: 'Michel' });
    const claire = await givenAdult(t, { firstName: 'Claire', lastName: 'Martin' });
    await giveAidantAccess(inaya, claire);
    await switchTo(claire.client, inaya.patient.id);
    const answer = await claire.client.post('/api/account/close', {
      password: claire.password,
      requestDeletion: false,
    });
    expect(answer.statusCode).toBe(403);
    expect(codeOf(answer).code).toBe('delegation.forbidden');
    expect(await statusOf(inaya.patient.id)).toBe('active');
    expect(await statusOf(claire.patient.id)).toBe('active');
    expect((await claire.client.get('/api/documents')).statusCode).toBe(200);
    const denied = (await tracesOfRecord(t, inaya.patient.id)).filter(
      (r) => r.action === 'record.close',
    );
    expect(denied).toEqual([
      expect.objectContaining({
        actor_type: 'aidant',
        actor_id: claire.patient.id,
        outcome: 'denied',
      }),
    ]);
  });
});
