import type { ConversationList, MedicalProfile } from '@carnet/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/test-app.ts';
import type { TestApp, TestClient } from '../../../test/test-app.ts';
import {
  givenAdult,
  givenInayaAndLeo,
  identityOf,
  receivedInvitation,
  switchTo,
  tracesOfRecord,
} from '../delegations/delegations.test-support.ts';
import {
  givenConversation,
  givenConversationWorld,
  sendMessage,
} from '../messaging/messaging.test-support.ts';
import { NOT_FOUND, addEntry, countEntries, weight } from './profile.test-support.ts';

let t: TestApp;
afterEach(async () => t?.close());

const entryValues = (profile: MedicalProfile) =>
  profile.rubriques.flatMap((r) => r.entries.map((e) => e.data));

/** `helped` invites `aidant`, who accepts; answers the delegation id. */
async function giveAccess(
  helped: TestClient,
  aidant: {
    client: TestClient;
    ins: string;
    firstName: string;
    lastName: string;
    birthDate: string;
  },
) {
  const invited = await helped.post('/api/delegations/aidants', identityOf(aidant));
  if (invited.statusCode !== 201) throw new Error(`invite answered ${invited.body}`);
  const id = await receivedInvitation(aidant.client);
  const accepted = await aidant.client.post(`/api/delegations/${id}/accept`, {});
  if (accepted.statusCode !== 204) throw new Error(`accept answered ${accepted.body}`);
  return id;
}

describe('medical profile and messaging on the selected profile (issue 13)', () => {
  it('a legal representative reads and writes her child’s profile, traced as hers', async () => {
    t = await createTestApp();
    const { inaya, inayaClient, leo } = await givenInayaAndLeo(t);
    expect((await addEntry(inayaClient, weight(64, '2026-01-10'))).statusCode).toBe(201);

    expect((await switchTo(inayaClient, leo.id)).statusCode).toBeLessThan(300);
    const added = await addEntry(inayaClient, weight(27, '2026-02-01'));
    expect(added.statusCode).toBe(201);
    const profile = (await inayaClient.get('/api/profile')).json<MedicalProfile>();
    expect(entryValues(profile)).toEqual([expect.objectContaining({ value: 27 })]);
    expect(await countEntries(t, leo.id)).toBe(1);
    expect(await countEntries(t, inaya.patient.id)).toBe(1);

    const traces = await tracesOfRecord(t, leo.id);
    expect(traces.find((r) => r.action === 'profile.add')).toMatchObject({
      actor_type: 'legal-representative',
      actor_id: inaya.patient.id,
    });
    const id = added.json<{ id: string }>().id;
    expect((await inayaClient.send('DELETE', `/api/profile/entries/${id}`)).statusCode).toBe(204);
    expect(await countEntries(t, leo.id)).toBe(0);
    expect(
      (await tracesOfRecord(t, leo.id)).find((r) => r.action === 'profile.delete'),
    ).toMatchObject({ actor_type: 'legal-representative', actor_id: inaya.patient.id });
  });

  it('an aidant reads and adds profile entries, reads and answers messages of the helped person', async () => {
    t = await createTestApp();
    const w = await givenConversationWorld(t);
    const conversationId = await givenConversation(t, w);
    await addEntry(w.patientClient, weight(64, '2026-01-10'));
    const voisine = await givenAdult(t, { firstName: 'Claire', lastName: 'Martin' });
    await giveAccess(w.patientClient, voisine);
    await switchTo(voisine.client, w.patientId);

    const profile = (await voisine.client.get('/api/profile')).json<MedicalProfile>();
    expect(entryValues(profile)).toEqual([expect.objectContaining({ value: 64 })]);
    expect((await addEntry(voisine.client, weight(63, '2026-02-10'))).statusCode).toBe(201);
    expect(await countEntries(t, w.patientId)).toBe(2);
    expect(await countEntries(t, voisine.patient.id)).toBe(0);

    const inbox = (await voisine.client.get('/api/messages')).json<ConversationList>();
    expect(inbox.items.map((c) => c.id)).toEqual([conversationId]);
    expect((await voisine.client.get(`/api/messages/${conversationId}`)).statusCode).toBe(200);
    const replied = await sendMessage(
      t,
      voisine.client,
      `/api/messages/${conversationId}/replies`,
      [['body', 'Merci docteur.']],
    );
    expect(replied.statusCode).toBe(201);

    const byAidant = (await tracesOfRecord(t, w.patientId)).filter(
      (r) => r.actor_id === voisine.patient.id,
    );
    for (const action of ['profile.add', 'message.read', 'message.send'])
      expect(byAidant.find((r) => r.action === action)).toMatchObject({
        actor_type: 'aidant',
        outcome: 'success',
      });
  });

  it('once the delegation is revoked, the selected profile answers 404 (traced), nothing is written', async () => {
    t = await createTestApp();
    const w = await givenConversationWorld(t);
    const conversationId = await givenConversation(t, w);
    const voisine = await givenAdult(t, { firstName: 'Claire', lastName: 'Martin' });
    const id = await giveAccess(w.patientClient, voisine);
    await switchTo(voisine.client, w.patientId);
    expect((await w.patientClient.post(`/api/delegations/${id}/revoke`, {})).statusCode).toBe(204);

    expect((await voisine.client.get('/api/profile')).json()).toEqual(NOT_FOUND);
    const add = await addEntry(voisine.client, weight(63, '2026-02-10'));
    expect(add.json()).toEqual(NOT_FOUND);
    expect((await voisine.client.get('/api/messages')).statusCode).toBe(404);
    expect((await voisine.client.get(`/api/messages/${conversationId}`)).statusCode).toBe(404);
    const replied = await sendMessage(
      t,
      voisine.client,
      `/api/messages/${conversationId}/replies`,
      [['body', 'Merci docteur.']],
    );
    expect(replied.statusCode).toBe(404);
    expect(await countEntries(t, w.patientId)).toBe(0);
    const denied = (await tracesOfRecord(t, w.patientId)).filter((r) => r.outcome === 'denied');
    expect(denied.length).toBeGreaterThanOrEqual(5);
    expect(denied.every((r) => r.actor_id === voisine.patient.id)).toBe(true);
  });
});
