import type { ProfileList, Sharing } from '@carnet/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { givenActivePatient, signIn, uniqueIns } from '../../../test/builders.ts';
import { createTestApp, outboxMessages } from '../../../test/test-app.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { NOT_FOUND } from '../documents/pro-documents.test-support.ts';
import {
  activationCodeSentTo,
  givenAdult,
  givenInayaAndLeo,
  identityOf,
  receivedInvitation,
  switchTo,
  tracesOfRecord,
} from './delegations.test-support.ts';

let t: TestApp;
afterEach(async () => t?.close());

const errorCode = (r: { json: <T>() => T }) => r.json<{ error: { code: string } }>().error.code;

describe('a child’s profile activated by its legal representative', () => {
  it('needs the code, the child’s INS and birth date and the certification; someone else’s child answers like a wrong code', async () => {
    t = await createTestApp();
    const inaya = await givenActivePatient(t);
    const inayaClient = await signIn(t, inaya);
    const marc = await givenAdult(t, { firstName: 'Marc', lastName: 'Dupont' });
    const ins = uniqueIns();
    await t.deps.delegations.createChildProfile({
      ins,
      firstName: 'Léo',
      lastName: 'Michel',
      birthDate: '2018-03-14',
      email: null,
      mobile: null,
      representativeIns: inaya.ins,
    });
    const code = await activationCodeSentTo(t, inaya.email);
    const body = { activationCode: code, ins, birthDate: '2018-03-14', certify: true };
    const notCertified = await inayaClient.post('/api/delegations/children/activate', {
      ...body,
      certify: false,
    });
    expect(notCertified.statusCode).toBe(400);
    const wrongCode = await inayaClient.post('/api/delegations/children/activate', {
      ...body,
      activationCode: 'AAAA-BBBB-CCCC',
    });
    const someoneElse = await marc.client.post('/api/delegations/children/activate', body);
    expect(wrongCode.statusCode).toBe(400);
    expect(someoneElse.statusCode).toBe(wrongCode.statusCode);
    expect(someoneElse.json()).toEqual(wrongCode.json());
    const wrongBirth = await inayaClient.post('/api/delegations/children/activate', {
      ...body,
      birthDate: '2018-03-15',
    });
    expect(wrongBirth.json()).toEqual(wrongCode.json());

    const ok = await inayaClient.post('/api/delegations/children/activate', body);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ firstName: 'Léo', role: 'representant-legal' });
    expect((await inayaClient.post('/api/delegations/children/activate', body)).statusCode).toBe(
      400,
    );
  });

  it('an operator cannot attach a child to an unknown representative', async () => {
    t = await createTestApp();
    await expect(
      t.deps.delegations.createChildProfile({
        ins: uniqueIns(),
        firstName: 'Léo',
        lastName: 'Michel',
        birthDate: '2018-03-14',
        email: null,
        mobile: null,
        representativeIns: uniqueIns(),
      }),
    ).rejects.toMatchObject({ code: 'delegation.representative_unknown' });
  });
});

describe('the second legal representative', () => {
  it('is invited by INS, names and birth date, accepts from his own account and sees the child’s profile', async () => {
    t = await createTestApp();
    const { inayaClient, leo } = await givenInayaAndLeo(t);
    const marc = await givenAdult(t, { firstName: 'Marc', lastName: 'Dupont' });
    await switchTo(inayaClient, leo.id);
    const invited = await inayaClient.post(
      '/api/delegations/representatives',
      identityOf({ ...marc, firstName: 'marc', lastName: 'DUPONT' }),
    );
    expect(invited.statusCode).toBe(201);
    expect((await outboxMessages(t.deps)).some((m) => m.to === marc.email)).toBe(true);
    const again = await inayaClient.post('/api/delegations/representatives', identityOf(marc));
    expect(errorCode(again)).toBe('delegation.already');

    const id = await receivedInvitation(marc.client);
    // Someone else cannot accept it.
    expect((await inayaClient.post(`/api/delegations/${id}/accept`, {})).json()).toEqual(NOT_FOUND);
    expect((await marc.client.post(`/api/delegations/${id}/accept`, {})).statusCode).toBe(204);
    const profiles = (await marc.client.get('/api/profiles')).json<ProfileList>();
    expect(profiles.profiles.map((p) => p.firstName)).toEqual(['Marc', 'Léo']);
    await switchTo(marc.client, leo.id);
    expect((await marc.client.get('/api/documents')).statusCode).toBe(200);
    const sharing = (await inayaClient.get('/api/delegations')).json<Sharing>();
    expect(sharing.profileKind).toBe('minor');
    expect(sharing.representatives.map((d) => [d.person.firstName, d.status])).toContainEqual([
      'Marc',
      'ACCEPTED',
    ]);
    const accept = (await tracesOfRecord(t, leo.id)).find((r) => r.action === 'delegation.accept');
    expect(accept).toMatchObject({ actor_type: 'legal-representative', actor_id: marc.patient.id });

    // Either can revoke their own access, not the other's.
    const inayaOwn = sharing.representatives.find((d) => d.mine)!;
    const marcs = sharing.representatives.find((d) => !d.mine && d.status === 'ACCEPTED')!;
    expect((await inayaClient.post(`/api/delegations/${marcs.id}/revoke`, {})).json()).toEqual(
      NOT_FOUND,
    );
    expect((await marc.client.post(`/api/delegations/${marcs.id}/revoke`, {})).statusCode).toBe(
      204,
    );
    expect((await marc.client.get('/api/documents')).statusCode).toBe(404);
    expect(inayaOwn).toBeDefined();
  });

  it('inviting oneself, an unknown or a non-matching identity are refused, the last two alike', async () => {
    t = await createTestApp();
    const { inaya, inayaClient, leo } = await givenInayaAndLeo(t);
    const marc = await givenAdult(t, { firstName: 'Marc', lastName: 'Dupont' });
    await switchTo(inayaClient, leo.id);
    const self = await inayaClient.post('/api/delegations/representatives', identityOf(inaya));
    expect(errorCode(self)).toBe('delegation.self');
    const unknown = await inayaClient.post(
      '/api/delegations/representatives',
      identityOf({ ...marc, ins: uniqueIns() }),
    );
    const wrongBirth = await inayaClient.post(
      '/api/delegations/representatives',
      identityOf({ ...marc, birthDate: '1985-06-02' }),
    );
    const wrongName = await inayaClient.post(
      '/api/delegations/representatives',
      identityOf({ ...marc, firstName: 'Marco' }),
    );
    expect(unknown.statusCode).toBe(400);
    expect(wrongBirth.json()).toEqual(unknown.json());
    expect(wrongName.json()).toEqual(unknown.json());
    const bad = await inayaClient.post('/api/delegations/representatives', {
      ...identityOf(marc),
      ins: '12',
    });
    expect(bad.statusCode).toBe(400);
    // From her own (adult) profile there is no second representative to invite.
    await switchTo(inayaClient, inaya.patient.id);
    const adult = await inayaClient.post('/api/delegations/representatives', identityOf(marc));
    expect(errorCode(adult)).toBe('delegation.not_minor');
    expect(await t.deps.database.db.selectFrom('delegations').select('id').execute()).toHaveLength(
      1,
    );
  });

  it('an invitation expires after 30 days and can then be neither accepted nor refused', async () => {
    t = await createTestApp();
    const { inayaClient, leo } = await givenInayaAndLeo(t);
    const marc = await givenAdult(t, { firstName: 'Marc', lastName: 'Dupont' });
    await switchTo(inayaClient, leo.id);
    await inayaClient.post('/api/delegations/representatives', identityOf(marc));
    const id = await receivedInvitation(marc.client);
    t.clock.advance(30 * 24 * 3600_000 + 1000);
    const client = await signIn(t, marc);
    const late = await client.post(`/api/delegations/${id}/accept`, {});
    expect(late.statusCode).toBe(410);
    expect(errorCode(late)).toBe('delegation.invitation_expired');
    expect((await client.post(`/api/delegations/${id}/refuse`, {})).statusCode).toBe(410);
    const received = (await client.get('/api/delegations')).json<Sharing>().received;
    expect(received.map((d) => [d.id, d.status])).toEqual([[id, 'EXPIRED']]);
  });

  it('a refused invitation shows REFUSED and gives no access', async () => {
    t = await createTestApp();
    const { inayaClient, leo } = await givenInayaAndLeo(t);
    const marc = await givenAdult(t, { firstName: 'Marc', lastName: 'Dupont' });
    await switchTo(inayaClient, leo.id);
    await inayaClient.post('/api/delegations/representatives', identityOf(marc));
    const id = await receivedInvitation(marc.client);
    expect((await marc.client.post(`/api/delegations/${id}/refuse`, {})).statusCode).toBe(204);
    expect((await marc.client.post(`/api/delegations/${id}/accept`, {})).json()).toEqual(NOT_FOUND);
    const sharing = (await inayaClient.get('/api/delegations')).json<Sharing>();
    expect(sharing.representatives.map((d) => d.status)).toContain('REFUSED');
    expect((await switchTo(marc.client, leo.id)).statusCode).toBe(404);
  });
});

describe('detachment at 18', () => {
  it('the daily job ends the representations, sends the young adult her own code, traces and e-mails', async () => {
    t = await createTestApp();
    const { inaya, inayaClient, leo } = await givenInayaAndLeo(t);
    await switchTo(inayaClient, leo.id);
    expect(await t.deps.delegations.detachAdults()).toBe(0);
    t.clock.set(new Date('2036-03-14T08:00:00.000Z'));
    await inayaClient.get('/api/profiles').catch(() => undefined);
    expect(await t.deps.delegations.detachAdults()).toBe(1);
    const traces = await tracesOfRecord(t, leo.id);
    expect(traces.find((r) => r.action === 'delegation.majority')).toMatchObject({
      actor_type: 'system',
    });
    const mails = (await outboxMessages(t.deps)).filter((m) => m.to === inaya.email);
    expect(mails.some((m) => m.text.includes('18 ans'))).toBe(true);
    // Léo has no contact of his own: his code goes to his representative to hand over.
    expect(await activationCodeSentTo(t, inaya.email)).toMatch(/-/);
    const patient = await t.deps.patients.find(leo.id);
    expect(patient?.status).toBe('pending-activation');
    expect(await t.deps.delegations.detachAdults()).toBe(0);
  });
});
