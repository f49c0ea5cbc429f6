import type { ConversationDetail, ConversationList, DocumentList } from '@carnet/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { givenActivePatient } from '../../../test/builders.ts';
import { createTestApp, outboxMessages } from '../../../test/test-app.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { addDocument, tracesOf } from '../documents/pro-documents.test-support.ts';
import { pdfBytes } from '../documents/documents.test-support.ts';
import {
  givenConversation,
  givenConversationWorld,
  sendMessage,
  storedCounts,
} from './messaging.test-support.ts';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

async function world() {
  t = await createTestApp();
  return givenConversationWorld(t);
}

describe('a professional writes to a patient', () => {
  it('starts a conversation with a PDF: one notice without content, unread until she opens it', async () => {
    const w = await world();
    const pdf = await pdfBytes('Bilan sanguin');
    const before = (await outboxMessages(t.deps)).map((m) => JSON.stringify(m));
    const id = await givenConversation(t, w, {
      files: [{ filename: 'bilan.pdf', contentType: 'application/pdf', data: pdf }],
    });

    // The new mails, whatever their order: mails of one test instant have none.
    const newMails = (await outboxMessages(t.deps)).filter((m) => {
      const at = before.indexOf(JSON.stringify(m));
      if (at === -1) return true;
      before.splice(at, 1);
      return false;
    });
    const mails = newMails as Array<{
      to: string;
      subject: string;
      text: string;
      html?: string;
    }>;
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toBe(w.inaya.email);
    expect(mails[0]!.text).toContain('Vous avez reçu un nouveau message');
    for (const secret of ['Résultats', 'bilan', 'Ndiaye', 'générale', 'Médecine'])
      expect(`${mails[0]!.subject} ${mails[0]!.text} ${mails[0]!.html ?? ''}`).not.toContain(
        secret,
      );

    expect((await w.patientClient.get('/api/messages/unread')).json()).toEqual({ unread: 1 });
    const inbox = (await w.patientClient.get('/api/messages')).json<ConversationList>();
    expect(inbox.items).toEqual([
      expect.objectContaining({
        id,
        subject: 'Résultats de votre bilan',
        professional: { id: w.psId, name: 'Dr Adama Ndiaye', profession: 'medecin' },
        unread: 1,
        closed: false,
      }),
    ]);

    const opened = await w.patientClient.get(`/api/messages/${id}`);
    expect(opened.statusCode).toBe(200);
    const detail = opened.json<ConversationDetail>();
    expect(detail.canReply).toBe(true);
    expect(detail.messages).toEqual([
      expect.objectContaining({
        sender: 'professional',
        senderName: 'Dr Adama Ndiaye',
        body: 'Bonjour, voici vos résultats.',
        mine: false,
        attachments: [expect.objectContaining({ fileName: 'bilan.pdf', size: pdf.length })],
      }),
    ]);
    expect((await w.patientClient.get('/api/messages/unread')).json()).toEqual({ unread: 0 });

    // The attachment downloads as sent; the stored bytes are not the PDF's.
    const attachmentId = detail.messages[0]!.attachments[0]!.id;
    const download = await w.patientClient.get(`/api/messages/${id}/attachments/${attachmentId}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(pdf)).toBe(true);
    const row = await t.deps.database.db
      .selectFrom('message_attachments')
      .select('blob_key')
      .executeTakeFirstOrThrow();
    const chunks: Buffer[] = [];
    for await (const chunk of await t.deps.blobs.get(row.blob_key)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).includes(pdf.subarray(0, 64))).toBe(false);

    // The PS's send, the patient's read and download, each traced on the record.
    expect((await tracesOf(t, w.patientId, w.psId)).map((r) => r.action)).toContain('message.send');
    expect((await tracesOf(t, w.patientId, w.patientId)).map((r) => r.action)).toEqual(
      expect.arrayContaining(['message.read', 'message.attachment_download']),
    );
  });

  it('stores subjects and bodies sealed, never as plain text', async () => {
    const w = await world();
    await givenConversation(t, w, { subject: 'Sérologie VIH', body: 'Résultat négatif' });
    const db = t.deps.database.db;
    const conv = await db.selectFrom('conversations').selectAll().executeTakeFirstOrThrow();
    const msg = await db.selectFrom('messages').selectAll().executeTakeFirstOrThrow();
    expect(conv.subject_sealed).not.toContain('VIH');
    expect(msg.body_sealed).not.toContain('négatif');
    expect(`${conv.subject_sealed}${msg.body_sealed}`).not.toContain(
      Buffer.from('Résultat').toString('base64').slice(0, 8),
    );
  });

  it('keeps HTML and script as text', async () => {
    const w = await world();
    const html = '<script>alert(1)</script><b>gras</b>';
    const id = await givenConversation(t, w, { subject: html, body: `${html} & co` });
    const detail = (await w.patientClient.get(`/api/messages/${id}`)).json<ConversationDetail>();
    expect(detail.conversation.subject).toBe(html);
    expect(detail.messages[0]!.body).toBe(`${html} & co`);
  });

  it('sends no e-mail when "Messages reçus" is off, and one per message otherwise', async () => {
    const w = await world();
    const prefs = { messages: false, documentsByProfessional: true, reminders: true };
    expect(
      (await w.patientClient.send('PUT', '/api/notifications/preferences', prefs)).statusCode,
    ).toBe(200);
    const before = (await outboxMessages(t.deps)).length;
    const id = await givenConversation(t, w);
    expect((await outboxMessages(t.deps)).length).toBe(before);
    await w.patientClient.send('PUT', '/api/notifications/preferences', {
      ...prefs,
      messages: true,
    });
    await sendMessage(t, w.ndiayeClient, `/api/pro/messages/${id}/replies`, [['body', 'Un']]);
    await sendMessage(t, w.ndiayeClient, `/api/pro/messages/${id}/replies`, [['body', 'Deux']]);
    expect((await outboxMessages(t.deps)).length).toBe(before + 2);
  });
});

describe('the patient answers, archives, deletes, searches', () => {
  it('replies; the PS reads the reply and closes the exchange; she can no longer reply', async () => {
    const w = await world();
    const id = await givenConversation(t, w);
    const replied = await sendMessage(t, w.patientClient, `/api/messages/${id}/replies`, [
      ['body', 'Merci docteur'],
    ]);
    expect(replied.statusCode).toBe(201);
    expect((await w.ndiayeClient.get('/api/pro/messages/unread')).json()).toEqual({ unread: 1 });
    const seen = (await w.ndiayeClient.get(`/api/pro/messages/${id}`)).json<ConversationDetail>();
    expect(seen.messages.map((m) => [m.sender, m.body, m.mine])).toEqual([
      ['professional', 'Bonjour, voici vos résultats.', true],
      ['patient', 'Merci docteur', false],
    ]);
    expect((await w.ndiayeClient.get('/api/pro/messages/unread')).json()).toEqual({ unread: 0 });

    expect((await w.ndiayeClient.post(`/api/pro/messages/${id}/close`)).statusCode).toBe(204);
    const before = await storedCounts(t);
    const late = await sendMessage(t, w.patientClient, `/api/messages/${id}/replies`, [
      ['body', 'Encore une question'],
    ]);
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({
      error: {
        code: 'conversation.closed',
        message:
          'Cet échange a été clôturé par le professionnel de santé : il n’est plus possible d’y répondre.',
      },
    });
    expect(await storedCounts(t)).toEqual(before);
    const detail = (await w.patientClient.get(`/api/messages/${id}`)).json<ConversationDetail>();
    expect(detail.canReply).toBe(false);
    expect(detail.conversation.closed).toBe(true);
    const proLate = await sendMessage(t, w.ndiayeClient, `/api/pro/messages/${id}/replies`, [
      ['body', 'Et moi ?'],
    ]);
    expect(proLate.statusCode).toBe(409);
  });

  it('saves an attachment to her documents, in her category, added by the professional', async () => {
    const w = await world();
    const pdf = await pdfBytes('Bilan');
    const id = await givenConversation(t, w, {
      files: [{ filename: 'Bilan sanguin.pdf', contentType: 'application/pdf', data: pdf }],
    });
    const detail = (await w.patientClient.get(`/api/messages/${id}`)).json<ConversationDetail>();
    const attachmentId = detail.messages[0]!.attachments[0]!.id;
    const saved = await w.patientClient.post(
      `/api/messages/${id}/attachments/${attachmentId}/save`,
      { category: 'BIOLOGIE' },
    );
    expect(saved.statusCode).toBe(201);
    const { documentId } = saved.json<{ documentId: string }>();
    const docs = (await w.patientClient.get('/api/documents')).json<DocumentList>();
    expect(docs.items.find((d) => d.id === documentId)).toMatchObject({
      title: 'Bilan sanguin',
      category: 'BIOLOGIE',
      mimeType: 'application/pdf',
      author: { type: 'professional', name: 'Dr Adama Ndiaye' },
    });
    const file = await w.patientClient.get(`/api/documents/${documentId}/download`);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    const bad = await w.patientClient.post(`/api/messages/${id}/attachments/${attachmentId}/save`, {
      category: 'NOPE',
    });
    expect(bad.statusCode).toBe(400);
  });

  it('attaches an existing document of hers, never another record’s', async () => {
    const w = await world();
    const id = await givenConversation(t, w);
    const replied = await sendMessage(t, w.patientClient, `/api/messages/${id}/replies`, [
      ['body', 'Voici mon compte rendu'],
      ['documentId', w.visibleId],
    ]);
    expect(replied.statusCode).toBe(201);
    const seen = (await w.ndiayeClient.get(`/api/pro/messages/${id}`)).json<ConversationDetail>();
    const attachment = seen.messages[1]!.attachments[0]!;
    expect(attachment.fileName).toBe('note.txt');
    const file = await w.ndiayeClient.get(`/api/pro/messages/${id}/attachments/${attachment.id}`);
    expect(file.body).toBe('Contenu de Compte rendu genou');
    expect((await tracesOf(t, w.patientId, w.psId)).map((r) => r.action)).toContain(
      'message.attachment_download',
    );

    const otherDoc = await addDocument(t, (await givenOther()).id, { title: 'Autre' });
    const before = await storedCounts(t);
    const refused = await sendMessage(t, w.patientClient, `/api/messages/${id}/replies`, [
      ['body', 'Et celui-ci'],
      ['documentId', w.visibleId],
      ['documentId', otherDoc],
    ]);
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toMatchObject({ error: { message: 'Ce document est introuvable.' } });
    expect(await storedCounts(t)).toEqual(before);
  });

  it('archives, unarchives and deletes her copy only; searches subjects without accents', async () => {
    const w = await world();
    const a = await givenConversation(t, w, { subject: 'Résultats de votre bilan' });
    const b = await givenConversation(t, w, { subject: 'Rappel de vaccination' });
    const subjects = async (url: string) =>
      (await w.patientClient.get(url)).json<ConversationList>().items.map((c) => c.subject);
    expect(await subjects('/api/messages?q=resultats')).toEqual(['Résultats de votre bilan']);
    expect(await subjects('/api/messages?q=VACCIN')).toEqual(['Rappel de vaccination']);
    expect(await subjects('/api/messages?q=radio')).toEqual([]);

    expect(
      (await w.patientClient.post(`/api/messages/${a}/archive`, { archived: true })).statusCode,
    ).toBe(204);
    expect(await subjects('/api/messages')).toEqual(['Rappel de vaccination']);
    expect(await subjects('/api/messages?archived=true')).toEqual(['Résultats de votre bilan']);

    expect((await w.patientClient.send('DELETE', `/api/messages/${b}`)).statusCode).toBe(204);
    expect(await subjects('/api/messages')).toEqual([]);
    expect(
      (await w.patientClient.get(`/api/messages/${b}`)).json<ConversationDetail>().messages,
    ).toEqual([]);
    // The professional keeps its copy.
    const pro = (await w.ndiayeClient.get('/api/pro/messages')).json<ConversationList>();
    expect(pro.items.map((c) => c.subject).sort()).toEqual([
      'Rappel de vaccination',
      'Résultats de votre bilan',
    ]);
  });

  it('shows "Message envoyé par …" in her history', async () => {
    const w = await world();
    const id = await givenConversation(t, w);
    await sendMessage(t, w.patientClient, `/api/messages/${id}/replies`, [['body', 'Merci']]);
    const history = await w.patientClient.get('/api/history?tab=professionnels');
    const all = await w.patientClient.get('/api/history?tab=mes-activites');
    const labels = [
      ...(history.json<{ entries: { label: string }[] }>().entries ?? []),
      ...(all.json<{ entries: { label: string }[] }>().entries ?? []),
    ].map((e) => e.label);
    expect(labels).toContain('Message envoyé par Ndiaye Adama');
    expect(labels).toContain('Message envoyé par Inaya Michel');
  });
});

async function givenOther() {
  return (await givenActivePatient(t, { firstName: 'Autre' })).patient;
}
