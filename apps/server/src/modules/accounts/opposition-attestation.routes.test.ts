/** Attestation d'opposition (issue 14): a PDF at the end of the flow and a link by e-mail, token-bound. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { givenPendingProfile } from '../../../test/builders.ts';
import { createClient, createTestApp, outboxMessages } from '../../../test/test-app.ts';
import type { TestApp } from '../../../test/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

/** A profile awaiting activation, opposed by its holder; returns the answer and the e-mail. */
async function givenOpposition() {
  const { ins, email, activationCode } = await givenPendingProfile(t);
  const answer = await createClient(t.app).post('/api/auth/oppose', {
    activationCode,
    ins,
    birthDate: '1990-02-03',
  });
  expect(answer.statusCode).toBe(200);
  const body = answer.json<{ status: string; reference: string; attestationToken: string }>();
  const mail = (await outboxMessages(t.deps)).find(
    (m) => m.to === email && m.channel === 'email' && m.subject.includes('opposition'),
  )!;
  return { ins, email, body, mail };
}

const download = (token: string) =>
  createClient(t.app).post('/api/auth/opposition-attestation', { token });

describe('attestation d’opposition', () => {
  it('is a PDF downloadable at the end of the flow and through the e-mail’s link, traced', async () => {
    const { body, mail } = await givenOpposition();
    expect(body).toMatchObject({ status: 'opposed', reference: expect.stringMatching(/^OPP-/) });
    expect(mail.channel === 'email' && mail.subject).toBe('Votre opposition a été enregistrée');
    expect(mail.text).toContain(body.reference);
    // The token is in the link's fragment: browsers never send it to a server or in a Referer.
    expect(mail.text).toContain(`/opposition/attestation#${body.attestationToken}`);
    const pdf = await download(body.attestationToken);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(body.reference);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const traced = await t.deps.database.db
      .selectFrom('traces')
      .select('action')
      .where('action', '=', 'opposition.attestation_download')
      .execute();
    expect(traced).toHaveLength(1);
  });

  it('answers 404 for an unknown or expired token and 400 for a malformed request', async () => {
    const { body } = await givenOpposition();
    const unknown = await download('x'.repeat(43));
    expect(unknown.statusCode).toBe(404);
    expect((await download('court')).statusCode).toBe(400);
    expect(
      (
        await createClient(t.app).post('/api/auth/opposition-attestation', {
          token: body.attestationToken,
          extra: 1,
        })
      ).statusCode,
    ).toBe(400);
    t.clock.advance(31 * 24 * 3600_000);
    const expired = await download(body.attestationToken);
    expect(expired.statusCode).toBe(404);
    expect(expired.body).toBe(unknown.body);
  });
});
