import type { ConversationList } from '@carnet/shared';
import { afterEach, describe, expect, it } from 'vitest';
import {
  givenGrant,
  givenProfessional,
  signInProfessional,
} from '../../../test/access-builders.ts';
import { createTestApp, outboxMessages } from '../../../test/test-app.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { pdfBytes } from '../documents/documents.test-support.ts';
import { NOT_FOUND, reasonOf, tracesOf } from '../documents/pro-documents.test-support.ts';
import {
  givenConversation,
  givenConversationWorld,
  sendMessage,
  startUrl,
  storedCounts,
} from './messaging.test-support.ts';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

async function world() {
  t = await createTestApp();
  const w = await givenConversationWorld(t);
  const durand = await givenProfessional(t, {
    firstName: 'Paul',
    lastName: 'Durand',
    profession: 'pedicure-podologue',
  });
  return { ...w, durand, durandClient: await signInProfessional(t, durand) };
}

const start = (t: TestApp, client: Parameters<typeof sendMessage>[1], patientId: string) =>
  sendMessage(
    t,
    client,
    startUrl(patientId),
    [
      ['subject', 'Bonjour'],
      ['body', 'Un message'],
    ],
    [],
  );

describe('who may start a conversation (issue 12: only with a record the PS may access)', () => {
  it('a professional without access cannot: 404 like a missing patient, denial traced, no mail', async () => {
    const w = await world();
    const mails = (await outboxMessages(t.deps)).length;
    const pdf = await pdfBytes();
    const res = await sendMessage(
      t,
      w.durandClient,
      startUrl(w.patientId),
      [
        ['subject', 'Bonjour'],
        ['body', 'Un message'],
      ],
      [{ filename: 'cr.pdf', contentType: 'application/pdf', data: pdf }],
    );
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual(NOT_FOUND);
    const missing = await start(t, w.durandClient, 'pat_missing');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual(NOT_FOUND);
    expect(await storedCounts(t)).toEqual({
      conversations: 0,
      messages: 0,
      attachments: 0,
      blobs: 0,
    });
    expect((await outboxMessages(t.deps)).length).toBe(mails);
    const traces = await tracesOf(t, w.patientId, w.durand.professional.id);
    expect(traces.map((r) => [r.action, r.outcome, reasonOf(r.details)])).toEqual([
      ['message.send', 'denied', 'no_grant'],
    ]);
  });

  it('a blocked professional cannot, even the one that had access', async () => {
    const w = await world();
    await givenGrant(t, w.patientId, w.psId, 'blocked');
    const res = await start(t, w.ndiayeClient, w.patientId);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual(NOT_FOUND);
    const traces = await tracesOf(t, w.patientId, w.psId);
    expect(traces.map((r) => [r.action, r.outcome, reasonOf(r.details)])).toContainEqual([
      'message.send',
      'denied',
      'blocked',
    ]);
  });

  it('a patient cannot start one, and cannot use the professional routes', async () => {
    const w = await world();
    expect((await start(t, w.patientClient, w.patientId)).statusCode).toBe(401);
    expect((await w.patientClient.get('/api/pro/messages')).statusCode).toBe(401);
    expect((await w.ndiayeClient.get('/api/messages')).statusCode).toBe(401);
  });
});

describe('a professional acts on its own conversations only', () => {
  it('another professional cannot read, answer, close or download: 404, traced', async () => {
    const w = await world();
    const id = await givenConversation(t, w, {
      files: [{ filename: 'cr.pdf', contentType: 'application/pdf', data: await pdfBytes() }],
    });
    // Durand even has access to the record: the conversation is still not his.
    await givenGrant(t, w.patientId, w.durand.professional.id, 'authorized');
    const att = await t.deps.database.db
      .selectFrom('message_attachments')
      .select('id')
      .executeTakeFirstOrThrow();
    const before = await storedCounts(t);
    const answers = [
      await w.durandClient.get(`/api/pro/messages/${id}`),
      await sendMessage(t, w.durandClient, `/api/pro/messages/${id}/replies`, [['body', 'Hé']]),
      await w.durandClient.post(`/api/pro/messages/${id}/close`),
      await w.durandClient.get(`/api/pro/messages/${id}/attachments/${att.id}`),
    ];
    for (const answer of answers) {
      expect(answer.statusCode).toBe(404);
      expect(answer.json()).toEqual(NOT_FOUND);
    }
    expect(await storedCounts(t)).toEqual(before);
    const traces = await tracesOf(t, w.patientId, w.durand.professional.id);
    expect(traces.map((r) => [r.action, r.outcome, reasonOf(r.details)])).toEqual([
      ['message.read', 'denied', 'not_participant'],
      ['message.send', 'denied', 'not_participant'],
      ['conversation.close', 'denied', 'not_participant'],
      ['message.attachment_download', 'denied', 'not_participant'],
    ]);
    const list = (await w.durandClient.get('/api/pro/messages')).json<ConversationList>();
    expect(list.items).toEqual([]);
    // A missing conversation answers the same.
    expect((await w.durandClient.get('/api/pro/messages/cnv_missing')).json()).toEqual(NOT_FOUND);
  });

  it('once blocked, the author loses its conversations: hidden from its list, 404 on each', async () => {
    const w = await world();
    const id = await givenConversation(t, w);
    await givenGrant(t, w.patientId, w.psId, 'blocked');
    expect((await w.ndiayeClient.get('/api/pro/messages')).json()).toEqual({ items: [] });
    expect((await w.ndiayeClient.get('/api/pro/messages/unread')).json()).toEqual({ unread: 0 });
    expect((await w.ndiayeClient.get(`/api/pro/messages/${id}`)).statusCode).toBe(404);
    const reply = await sendMessage(t, w.ndiayeClient, `/api/pro/messages/${id}/replies`, [
      ['body', 'Encore moi'],
    ]);
    expect(reply.statusCode).toBe(404);
    expect((await w.ndiayeClient.post(`/api/pro/messages/${id}/close`)).statusCode).toBe(404);
    const traces = await tracesOf(t, w.patientId, w.psId);
    expect(traces.filter((r) => r.outcome === 'denied').map((r) => reasonOf(r.details))).toEqual([
      'blocked',
      'blocked',
      'blocked',
    ]);
  });

  it('its grant withdrawn but not blocked, it may still answer in its open conversation', async () => {
    const w = await world();
    const id = await givenConversation(t, w);
    await t.deps.database.db.deleteFrom('grants').where('patient_id', '=', w.patientId).execute();
    const reply = await sendMessage(t, w.ndiayeClient, `/api/pro/messages/${id}/replies`, [
      ['body', 'Suite'],
    ]);
    expect(reply.statusCode).toBe(201);
    // …but it cannot start a new one.
    expect((await start(t, w.ndiayeClient, w.patientId)).statusCode).toBe(404);
  });
});
