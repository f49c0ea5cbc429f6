/**
 * Messages written by a proche (issue 13): an aidant's (or a legal representative's) message is
 * stored with who wrote it and signed "rédigé par X, aidant(e) de Y" wherever it is read; the
 * titulaire's are unchanged and no e-mail carries the message.
 */
import type { ConversationDetail } from '@carnet/shared';
import { afterEach, describe, expect, it } from 'vitest';
import {
  givenGrant,
  givenProfessional,
  signInProfessional,
} from '../../../test/access-builders.ts';
import { uniqueIns } from '../../../test/builders.ts';
import { createTestApp, outboxMessages } from '../../../test/test-app.ts';
import type { TestApp } from '../../../test/test-app.ts';
import {
  givenAdult,
  givenInayaAndLeo,
  giveAidantAccess,
  switchTo,
} from '../delegations/delegations.test-support.ts';
import {
  givenConversation,
  givenConversationWorld,
  sendMessage,
  startUrl,
} from './messaging.test-support.ts';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

const replyOf = (client: Parameters<typeof sendMessage>[1], id: string, body: string) =>
  sendMessage(t, client, `/api/messages/${id}/replies`, [['body', body]]);

const signatures = (detail: ConversationDetail) =>
  detail.messages.map((m) => [m.sender, m.writtenBy]);

describe('messages written by a proche', () => {
  it('are signed "rédigé par X, aidante de Y" for the titulaire, the aidant and the professional', async () => {
    t = await createTestApp();
    const w = await givenConversationWorld(t);
    const id = await givenConversation(t, w);
    const claire = await givenAdult(t, { firstName: 'Claire', lastName: 'Martin' });
    await giveAidantAccess({ client: w.patientClient }, claire);
    await switchTo(claire.client, w.patientId);

    const sent = await replyOf(claire.client, id, 'Inaya vous remercie, elle viendra jeudi.');
    expect(sent.statusCode).toBe(201);
    expect((await replyOf(w.patientClient, id, 'Merci docteur.')).statusCode).toBe(201);

    const signature = 'rédigé par Claire Martin, aidante de Inaya Michel';
    const expected = [
      ['professional', null],
      ['patient', signature],
      ['patient', null],
    ];
    for (const [client, url] of [
      [w.patientClient, `/api/messages/${id}`],
      [claire.client, `/api/messages/${id}`],
      [w.ndiayeClient, `/api/pro/messages/${id}`],
    ] as const) {
      const detail = await client.get(url);
      expect(detail.statusCode).toBe(200);
      expect(signatures(detail.json<ConversationDetail>())).toEqual(expected);
    }
    const inayaView = (await w.patientClient.get(`/api/messages/${id}`)).json<ConversationDetail>();
    expect(inayaView.messages[1]).toMatchObject({ senderName: 'Inaya Michel', mine: true });

    const rows = await t.deps.database.db
      .selectFrom('messages')
      .select(['sender_type', 'sender_id', 'acting_person_id', 'acting_role'])
      .where('conversation_id', '=', id)
      .orderBy('position')
      .execute();
    expect(rows.slice(1)).toEqual([
      {
        sender_type: 'patient',
        sender_id: w.patientId,
        acting_person_id: claire.patient.id,
        acting_role: 'aidant',
      },
      { sender_type: 'patient', sender_id: w.patientId, acting_person_id: null, acting_role: null },
    ]);
    // No e-mail carries a message, its signature or its author.
    for (const mail of await outboxMessages(t.deps))
      expect(mail.text).not.toMatch(/jeudi|Merci docteur|rédigé par/);
  });

  it('keep the masculine form when the INS says a man wrote it', async () => {
    t = await createTestApp();
    const w = await givenConversationWorld(t);
    const id = await givenConversation(t, w);
    const paul = await givenAdult(t, {
      firstName: 'Paul',
      lastName: 'Leroy',
      ins: `1${uniqueIns().slice(1)}`,
    });
    await giveAidantAccess({ client: w.patientClient }, paul);
    await switchTo(paul.client, w.patientId);
    expect((await replyOf(paul.client, id, 'Bien reçu.')).statusCode).toBe(201);
    const detail = (await w.ndiayeClient.get(`/api/pro/messages/${id}`)).json<ConversationDetail>();
    expect(detail.messages.at(-1)?.writtenBy).toBe('rédigé par Paul Leroy, aidant de Inaya Michel');
  });

  it('a legal representative’s message on her child’s profile names her as such', async () => {
    t = await createTestApp();
    const { inayaClient, leo } = await givenInayaAndLeo(t);
    const ps = await givenProfessional(t, { firstName: 'Adama', lastName: 'Ndiaye' });
    await givenGrant(t, leo.id, ps.professional.id, 'authorized');
    const psClient = await signInProfessional(t, ps);
    const started = await sendMessage(t, psClient, startUrl(leo.id), [
      ['subject', 'Vaccin'],
      ['body', 'Bonjour, le rappel est à prévoir.'],
    ]);
    expect(started.statusCode).toBe(201);
    const id = started.json<{ id: string }>().id;
    await switchTo(inayaClient, leo.id);
    expect((await replyOf(inayaClient, id, 'Merci, nous prenons rendez-vous.')).statusCode).toBe(
      201,
    );
    const detail = (await psClient.get(`/api/pro/messages/${id}`)).json<ConversationDetail>();
    expect(detail.messages.at(-1)).toMatchObject({
      senderName: 'Léo Michel',
      writtenBy: 'rédigé par Inaya Michel, représentante légale de Léo Michel',
    });
  });
});
