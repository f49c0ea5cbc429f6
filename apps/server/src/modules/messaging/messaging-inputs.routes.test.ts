import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';
import type { ConversationDetail } from '@carnet/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/test-app.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { filesUnder, multipart, pdfBytes, pdfOfSize } from '../documents/documents.test-support.ts';
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
  return givenConversationWorld(t);
}

const EMPTY = { conversations: 0, messages: 0, attachments: 0, blobs: 0 };

describe('bad inputs are refused in French, and nothing is stored half-way', () => {
  it('an empty message, or a missing subject', async () => {
    const w = await world();
    const empty = await sendMessage(t, w.ndiayeClient, startUrl(w.patientId), [
      ['subject', 'Bonjour'],
      ['body', '   '],
    ]);
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toEqual({
      error: {
        code: 'request.invalid',
        message: 'Écrivez un message.',
        fields: { body: 'Écrivez un message' },
      },
    });
    const noSubject = await sendMessage(t, w.ndiayeClient, startUrl(w.patientId), [
      ['body', 'Bonjour'],
    ]);
    expect(noSubject.statusCode).toBe(400);
    expect(noSubject.json()).toMatchObject({
      error: { fields: { subject: 'L’objet du message est obligatoire' } },
    });
    expect(await storedCounts(t)).toEqual(EMPTY);
  });

  it('a body over 10,000 characters, with an attachment already streamed', async () => {
    const w = await world();
    const long = await sendMessage(
      t,
      w.ndiayeClient,
      startUrl(w.patientId),
      [
        ['subject', 'Bonjour'],
        ['body', 'é'.repeat(10_001)],
      ],
      [{ filename: 'cr.pdf', contentType: 'application/pdf', data: await pdfBytes() }],
    );
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({
      error: { message: 'Le message ne peut pas dépasser 10 000 caractères.' },
    });
    const atLimit = await sendMessage(t, w.ndiayeClient, startUrl(w.patientId), [
      ['subject', 'Bonjour'],
      ['body', 'é'.repeat(10_000)],
    ]);
    expect(atLimit.statusCode).toBe(201);
    expect(await storedCounts(t)).toMatchObject({ messages: 1, attachments: 0, blobs: 0 });
  });

  it('a disguised attachment after a valid one: neither is kept', async () => {
    const w = await world();
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(2000, 1)]);
    const res = await sendMessage(
      t,
      w.ndiayeClient,
      startUrl(w.patientId),
      [
        ['subject', 'Bonjour'],
        ['body', 'Voici'],
      ],
      [
        { filename: 'cr.pdf', contentType: 'application/pdf', data: await pdfBytes() },
        { filename: 'resultats.pdf', contentType: 'application/pdf', data: exe },
      ],
    );
    expect(res.statusCode).toBe(415);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(
      /^Ce format de pièce jointe n’est pas accepté/,
    );
    const mismatch = await sendMessage(
      t,
      w.ndiayeClient,
      startUrl(w.patientId),
      [
        ['subject', 'Bonjour'],
        ['body', 'Voici'],
      ],
      [{ filename: 'photo.png', contentType: 'image/png', data: await pdfBytes() }],
    );
    expect(mismatch.statusCode).toBe(415);
    expect(await storedCounts(t)).toEqual(EMPTY);
  });

  it('11 attachments', async () => {
    const w = await world();
    const pdf = await pdfBytes();
    const files = Array.from({ length: 11 }, (_, i) => ({
      filename: `cr${i}.pdf`,
      contentType: 'application/pdf',
      data: pdf,
    }));
    const res = await sendMessage(
      t,
      w.ndiayeClient,
      startUrl(w.patientId),
      [
        ['subject', 'Bonjour'],
        ['body', 'Voici'],
      ],
      files,
    );
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({
      error: {
        code: 'message.too_many_attachments',
        message: 'Un message peut contenir au plus 10 pièces jointes.',
      },
    });
    expect(await storedCounts(t)).toEqual(EMPTY);
    const ten = await sendMessage(
      t,
      w.ndiayeClient,
      startUrl(w.patientId),
      [
        ['subject', 'Bonjour'],
        ['body', 'Voici'],
      ],
      files.slice(0, 10),
    );
    expect(ten.statusCode).toBe(201);
    expect(await storedCounts(t)).toMatchObject({ attachments: 10, blobs: 10 });
  });

  it('a file over 5 MB, and over 20 MB per message in total', async () => {
    const w = await world();
    const big = await sendMessage(
      t,
      w.ndiayeClient,
      startUrl(w.patientId),
      [
        ['subject', 'Bonjour'],
        ['body', 'Voici'],
      ],
      [
        {
          filename: 'gros.pdf',
          contentType: 'application/pdf',
          data: pdfOfSize(5 * 1024 * 1024 + 1),
        },
      ],
    );
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({
      error: { message: 'Une pièce jointe dépasse la taille maximale autorisée (5 Mo).' },
    });
    const files = Array.from({ length: 5 }, (_, i) => ({
      filename: `scan${i}.pdf`,
      contentType: 'application/pdf',
      data: pdfOfSize(4.5 * 1024 * 1024, i + 1),
    }));
    const total = await sendMessage(
      t,
      w.ndiayeClient,
      startUrl(w.patientId),
      [
        ['subject', 'Bonjour'],
        ['body', 'Voici'],
      ],
      files,
    );
    expect(total.statusCode).toBe(413);
    expect(total.json()).toMatchObject({
      error: {
        code: 'message.attachments_too_large',
        message: 'Les pièces jointes d’un message ne peuvent pas dépasser 20 Mo au total.',
      },
    });
    expect(await storedCounts(t)).toEqual(EMPTY);
  });

  it('an upload cut in the middle leaves nothing', async () => {
    const w = await world();
    const id = await givenConversation(t, w);
    const before = await storedCounts(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const body = multipart([
      { name: 'body', value: 'Voici' },
      { name: 'file', filename: 'a.pdf', contentType: 'application/pdf', data: await pdfBytes() },
      {
        name: 'file',
        filename: 'b.pdf',
        contentType: 'application/pdf',
        data: pdfOfSize(4 * 1024 * 1024),
      },
    ]);
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/api/messages/${id}/replies`,
      headers: {
        cookie: [...w.patientClient.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-carnet-request': '1',
        'content-type': body.contentType,
        'content-length': String(body.payload.length),
      },
    });
    request.on('error', () => undefined);
    request.write(body.payload.subarray(0, 1024 * 1024));
    // The first attachment is staged, the second one is being written: the client goes away.
    await waitFor(() => {
      const names = filesUnder(t.blobsDir).map((f) => basename(f));
      return (
        names.some((n) => n.startsWith('messages+att_')) && names.some((n) => n.startsWith('.tmp-'))
      );
    });
    request.destroy();
    // Only the two documents of the world remain: no attachment, no temp file.
    await waitFor(() => filesUnder(t.blobsDir).every((f) => basename(f).startsWith('documents+')));
    expect(await storedCounts(t)).toEqual(before);
  });

  it('another patient’s conversation id answers 404 like a missing one, and is traced', async () => {
    const w = await world();
    const id = await givenConversation(t, w);
    const { givenActivePatient, signIn } = await import('../../../test/builders.ts');
    const other = await givenActivePatient(t, { firstName: 'Zoé' });
    const otherClient = await signIn(t, other);
    const before = await storedCounts(t);
    const notFound = { error: { code: 'resource.not_found', message: 'Ressource introuvable.' } };
    expect((await otherClient.get(`/api/messages/${id}`)).json()).toEqual(notFound);
    expect((await otherClient.get('/api/messages/cnv_missing')).json()).toEqual(notFound);
    const reply = await sendMessage(t, otherClient, `/api/messages/${id}/replies`, [
      ['body', 'Intrus'],
    ]);
    expect(reply.statusCode).toBe(404);
    expect(reply.json()).toEqual(notFound);
    expect(
      (await otherClient.post(`/api/messages/${id}/archive`, { archived: true })).statusCode,
    ).toBe(404);
    expect((await otherClient.send('DELETE', `/api/messages/${id}`)).statusCode).toBe(404);
    expect(await storedCounts(t)).toEqual(before);
    const denied = await t.deps.database.db
      .selectFrom('traces')
      .select(['action', 'outcome', 'target_id'])
      .where('patient_id', '=', other.patient.id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied).toEqual(
      expect.arrayContaining([
        { action: 'message.read', outcome: 'denied', target_id: id },
        { action: 'message.send', outcome: 'denied', target_id: id },
      ]),
    );
    // Inaya's conversation is untouched.
    const mine = (await w.patientClient.get(`/api/messages/${id}`)).json<ConversationDetail>();
    expect(mine.messages).toHaveLength(1);
    expect(mine.conversation.archived).toBe(false);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
