import type { AccessList, ProPatientRecord, ProProfile } from '@carnet/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signInProfessional } from '../../test/access-builders.ts';
import { signIn } from '../../test/builders.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { demoPatient, seedDemo } from './seed-demo.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  await seedDemo(t.deps, { onlyIfEmpty: true });
});
afterEach(async () => {
  await t.close();
});

describe('demo access data (the guide’s second case)', () => {
  it('shows Inaya the guide’s lists: two administrators, four authorized, none blocked', async () => {
    const inaya = await signIn(t, demoPatient);
    const list = (await inaya.get('/api/access/professionals')).json<AccessList>();
    expect(
      list.authorized.map(
        (e) => `${e.professional.lastName} ${e.professional.firstName} ${e.status}`,
      ),
    ).toEqual([
      'Eoso Louis administrateur',
      'Eugène Jean-François administrateur',
      'Mendes Maria autorise',
      'Ndiaye Adama autorise',
      'Toujman Gabriel autorise',
      'Xi Léa autorise',
    ]);
    expect(list.blocked).toEqual([]);
    expect(list.authorized.every((e) => e.since < '2026-11-01')).toBe(true);
    expect((await inaya.get('/api/access/emergency')).json()).toEqual({
      samu: true,
      others: true,
      masked: false,
    });
  });

  it('lets every demo professional sign in with its RPPS and the demo password', async () => {
    const inaya = (await t.deps.patients.findByIns(demoPatient.ins))!;
    const ndiaye = await signInProfessional(t, {
      rpps: '10000000045',
      email: 'adama.ndiaye@example.org',
    });
    expect(
      (await ndiaye.get(`/api/pro/patients/${inaya.id}`)).json<ProPatientRecord>().access,
    ).toMatchObject({
      grant: 'autorise',
      readMode: 'normal',
    });
    const eoso = await signInProfessional(t, {
      rpps: '10000000011',
      email: 'louis.eoso@example.org',
    });
    expect(
      (await eoso.get(`/api/pro/patients/${inaya.id}`)).json<ProPatientRecord>().access,
    ).toMatchObject({
      grant: 'administrateur',
      isMedecinTraitant: true,
    });
    const samu = await signInProfessional(t, {
      rpps: '10000000078',
      email: 'regis.samu@example.org',
    });
    expect((await samu.get('/api/pro/me')).json<ProProfile>().isRegulator).toBe(true);
    expect((await samu.get(`/api/pro/patients/${inaya.id}`)).statusCode).toBe(404);
    const durand = await signInProfessional(t, {
      rpps: '10000000086',
      email: 'paul.durand@example.org',
    });
    expect((await durand.get(`/api/pro/patients/${inaya.id}`)).statusCode).toBe(404);
  });
});
