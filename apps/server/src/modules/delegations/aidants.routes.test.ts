import type { DocumentList, HistoryPage, ProfileList, Sharing } from '@carnet/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { signIn, uniqueIns } from '../../../test/builders.ts';
import { createTestApp } from '../../../test/test-app.ts';
import type { TestApp, TestClient } from '../../../test/test-app.ts';
import { upload } from '../documents/documents.test-support.ts';
import { NOT_FOUND, addDocument } from '../documents/pro-documents.test-support.ts';
import {
  givenAdult,
  identityOf,
  receivedInvitation,
  switchTo,
  tracesOfRecord,
} from './delegations.test-support.ts';

let t: TestApp;
afterEach(async () => t?.close());

const errorCode = (r: { json: <T>() => T }) => r.json<{ error: { code: string } }>().error.code;

/** `helped` invites `aidant`, who accepts; answers the delegation id. */
async function giveAccess(
  helped: { client: TestClient },
  aidant: {
    client: TestClient;
    ins: string;
    firstName: string;
    lastName: string;
    birthDate: string;
  },
  endsOn?: string,
) {
  const invited = await helped.client.post('/api/delegations/aidants', {
    ...identityOf(aidant),
    ...(endsOn ? { endsOn } : {}),
  });
  if (invited.statusCode !== 201) throw new Error(`invite answered ${invited.body}`);
  const id = await receivedInvitation(aidant.client);
  const accepted = await aidant.client.post(`/api/delegations/${id}/accept`, {});
  if (accepted.statusCode !== 204) throw new Error(`accept answered ${accepted.body}`);
  return id;
}

describe('aidants', () => {
  it('an aidant reads, adds and deletes documents of the helped person; a justificatif is saved there', async () => {
    t = await createTestApp();
    const inaya = await givenAdult(t, { firstName: 'Inaya', lastName: 'Michel' });
    const voisine = await givenAdult(t, { firstName: 'Claire', lastName: 'Martin' });
    await addDocument(t, inaya.patient.id, { title: 'Compte rendu genou' });
    await giveAccess(inaya, voisine, '2027-06-30');

    const profiles = (await voisine.client.get('/api/profiles')).json<ProfileList>();
    expect(profiles.profiles.map((p) => [p.firstName, p.role])).toContainEqual(['Inaya', 'aidant']);
    await switchTo(voisine.client, inaya.patient.id);
    const list = (await voisine.client.get('/api/documents')).json<DocumentList>();
    expect(list.items.map((d) => d.title).sort()).toEqual([
      'Compte rendu genou',
      'Justificatif d’accès aidant – Claire Martin',
    ]);
    const added = await upload(t, voisine.client, {
      filename: 'ordonnance.txt',
      contentType: 'text/plain',
      data: Buffer.from('Ordonnance'),
    });
    expect(added.statusCode).toBe(201);
    const id = added.json<{ id: string }>().id;
    expect((await voisine.client.send('DELETE', `/api/documents/${id}`)).statusCode).toBe(204);
    const traces = await tracesOfRecord(t, inaya.patient.id);
    const del = traces.find((r) => r.action === 'document.delete')!;
    expect(del).toMatchObject({ actor_type: 'aidant', actor_id: voisine.patient.id });
    expect(JSON.parse(del.details)).toMatchObject({ pourLeCompteDe: inaya.patient.id });
  });

  it('an aidant calling a forbidden action is answered 403 and traced', async () => {
    t = await createTestApp();
    const inaya = await givenAdult(t, { firstName: 'Inaya', lastName: 'Michel' });
    const voisine = await givenAdult(t, { firstName: 'Claire', lastName: 'Martin' });
    await giveAccess(inaya, voisine);
    await switchTo(voisine.client, inaya.patient.id);
    const forbidden = [
      await voisine.client.get('/api/delegations'),
      await voisine.client.post('/api/delegations/aidants', identityOf(voisine)),
      await voisine.client.get('/api/access/professionals'),
      await voisine.client.send('PUT', '/api/access/emergency', {
        samu: false,
        others: false,
        masked: false,
      }),
      await voisine.client.get('/api/history?tab=proches'),
      await voisine.client.send('PUT', '/api/notifications/preferences', {
        messages: false,
        documentsByProfessional: false,
        reminders: false,
      }),
      await voisine.client.send('PUT', '/api/documents/settings', {
        maskNewDocumentsByDefault: true,
      }),
    ];
    for (const response of forbidden) {
      expect(response.statusCode).toBe(403);
      expect(errorCode(response)).toBe('delegation.forbidden');
    }
    const denied = (await tracesOfRecord(t, inaya.patient.id)).filter(
      (r) => r.outcome === 'denied' && r.actor_type === 'aidant',
    );
    expect(denied.map((r) => r.action)).toEqual([
      'sharing.manage',
      'sharing.manage',
      'access.manage',
      'emergency.settings',
      'traces.read',
      'contact.change',
      'access.manage',
    ]);
    // The titulaire sees them in "Représentants légaux et aidants".
    const history = (await inaya.client.get('/api/history?tab=proches')).json<HistoryPage>();
    expect(history.entries.filter((e) => e.outcome === 'denied')).toHaveLength(7);
    expect(history.entries[0]!.actor.name).toBe(
      'Claire Martin, aidant pour le compte de Inaya Michel',
    );
  });

  it('at most 3 aidants per person and 5 aidés per aidant', async () => {
    t = await createTestApp();
    const inaya = await givenAdult(t, { firstName: 'Inaya', lastName: 'Michel' });
    const aidants = [];
    for (const name of ['Anne', 'Bruno', 'Chloé', 'Denis'])
      aidants.push(await givenAdult(t, { firstName: name, lastName: 'Aidant' }));
    for (const aidant of aidants.slice(0, 3))
      expect(
        (await inaya.client.post('/api/delegations/aidants', identityOf(aidant))).statusCode,
      ).toBe(201);
    const fourth = await inaya.client.post('/api/delegations/aidants', identityOf(aidants[3]!));
    expect(fourth.statusCode).toBe(409);
    expect(errorCode(fourth)).toBe('delegation.too_many_aidants');

    const helper = aidants[3]!;
    for (let i = 0; i < 5; i += 1) {
      const helped = await givenAdult(t, { firstName: `Aidé${i}`, lastName: 'Martin' });
      await giveAccess(helped, helper);
    }
    const sixth = await givenAdult(t, { firstName: 'Sixième', lastName: 'Martin' });
    const refused = await sixth.client.post('/api/delegations/aidants', identityOf(helper));
    expect(refused.statusCode).toBe(409);
    expect(errorCode(refused)).toBe('delegation.too_many_aides');
  });

  it('either side revokes; the end date ends the access on the next request', async () => {
    t = await createTestApp();
    const inaya = await givenAdult(t, { firstName: 'Inaya', lastName: 'Michel' });
    const voisine = await givenAdult(t, { firstName: 'Claire', lastName: 'Martin' });
    const id = await giveAccess(inaya, voisine);
    expect((await inaya.client.post(`/api/delegations/${id}/revoke`, {})).statusCode).toBe(204);
    expect((await switchTo(voisine.client, inaya.patient.id)).json()).toEqual(NOT_FOUND);
    const sharing = (await inaya.client.get('/api/delegations')).json<Sharing>();
    expect(sharing.aidants.map((d) => d.status)).toEqual(['REVOKED']);

    const again = await giveAccess(inaya, voisine);
    expect((await voisine.client.post(`/api/delegations/${again}/revoke`, {})).statusCode).toBe(
      204,
    );
    expect((await switchTo(voisine.client, inaya.patient.id)).statusCode).toBe(404);

    await giveAccess(inaya, voisine, '2026-11-28');
    await switchTo(voisine.client, inaya.patient.id);
    expect((await voisine.client.get('/api/documents')).statusCode).toBe(200);
    t.clock.advance(2 * 24 * 3600_000);
    const client = await signIn(t, voisine);
    expect((await switchTo(client, inaya.patient.id)).statusCode).toBe(404);
  });

  it('refuses a past end date, a minor or unknown aidant, and oneself', async () => {
    t = await createTestApp();
    const inaya = await givenAdult(t, { firstName: 'Inaya', lastName: 'Michel' });
    const voisine = await givenAdult(t, { firstName: 'Claire', lastName: 'Martin' });
    const past = await inaya.client.post('/api/delegations/aidants', {
      ...identityOf(voisine),
      endsOn: '2026-11-01',
    });
    expect(errorCode(past)).toBe('delegation.ends_on_invalid');
    const self = await inaya.client.post('/api/delegations/aidants', identityOf(inaya));
    expect(errorCode(self)).toBe('delegation.self');
    const unknown = await inaya.client.post('/api/delegations/aidants', {
      ...identityOf(voisine),
      ins: uniqueIns(),
    });
    expect(errorCode(unknown)).toBe('delegation.identity_mismatch');
    const teen = await givenAdult(t, {
      firstName: 'Jade',
      lastName: 'Martin',
      birthDate: '2012-01-01',
    });
    const minor = await inaya.client.post('/api/delegations/aidants', identityOf(teen));
    expect(minor.json()).toEqual(unknown.json());
    expect(await t.deps.database.db.selectFrom('delegations').select('id').execute()).toEqual([]);
  });
});
