/**
 * Issue 12 "Done when": in Chromium, Ndiaye Adama opens Inaya's record in the professional space
 * and writes "Résultats de votre bilan" with a PDF attached; Inaya's inbox (a real SMTP server)
 * gets exactly one notice; she sees the unread badge, opens the conversation, saves the PDF to her
 * documents (listed as added by Dr Ndiaye), replies; he reads the reply and closes the exchange;
 * she can no longer reply. Durand Paul cannot start a conversation with her.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailbox } from './support/mailbox.ts';
import { signInProfessional } from './support/pro-sign-in.ts';
import type { TestInbox } from './support/smtp.ts';
import { e2eDialect } from './support/server.ts';
import type { RunningServer } from './support/server.ts';
import { demoPatient, signInDemoPatient } from './support/sign-in.ts';
import { openSuite } from './support/suite.ts';
import type { Suite } from './support/suite.ts';

const password = 'Carnet-demo-2026';
const inaya = { ins: '288047512345617', birthDate: '1988-04-12' };
const ndiaye = { rpps: '10000000045', password, email: 'adama.ndiaye@example.org' };
const durand = { rpps: '10000000086', password, email: 'paul.durand@example.org' };
const subject = 'Résultats de votre bilan';
const notice = 'Vous avez reçu un message';
// Screenshots to look at, outside the repository.
const shots = process.env.CARNET_E2E_SCREENSHOTS ?? join(tmpdir(), 'carnet-e2e-screenshots');

let server: RunningServer;
let inbox: TestInbox;
let mailbox: Mailbox;
let suite: Suite | undefined;
beforeAll(async () => {
  suite = await openSuite();
  ({ server, inbox, mailbox } = suite);
  mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await suite?.close();
});

const newPage = () => suite!.newPage();

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(shots, `messages-${e2eDialect}-${name}.png`), fullPage: true });

/** A one-page PDF made here: the bytes Inaya must find again in her documents. */
function bilanPdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.text('Bilan sanguin de démonstration, sans donnée de santé réelle.');
    doc.end();
  });
}

/** The professional finds Inaya by INS + birth date. */
async function findInaya(page: Page, lands: 'record' | 'result'): Promise<void> {
  await page.goto(`${server.url}/pro`);
  await page.getByLabel('INS du patient').fill(inaya.ins);
  await page.getByLabel('Date de naissance').fill(inaya.birthDate);
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await page
    .getByRole('heading', { name: 'Michel Inaya', level: lands === 'record' ? 1 : 2 })
    .waitFor();
}

const notices = async () =>
  (await mailbox.subjectsTo(demoPatient.email)).filter((s) => s === notice).length;

describe(`Messagerie sécurisée (${e2eDialect})`, () => {
  it('Ndiaye writes with a PDF, Inaya is told once, saves it, replies; he closes the exchange', async () => {
    const pdf = await bilanPdf();

    // Ndiaye Adama (authorized in the demo) writes from Inaya's record.
    const pro = await newPage();
    await signInProfessional(pro, server.url, mailbox, ndiaye);
    await findInaya(pro, 'record');
    const patientId = /\/pro\/patients\/([^/?#]+)/.exec(pro.url())?.[1] ?? '';
    await pro.getByRole('link', { name: 'Écrire au patient' }).click();
    await pro.getByRole('heading', { name: 'Nouveau message', level: 1 }).waitFor();
    await pro.getByLabel('Objet').fill(subject);
    await pro
      .getByLabel('Message', { exact: true })
      .fill('Bonjour,\nVoici les résultats de votre bilan.');
    await pro
      .locator('input[type="file"]')
      .setInputFiles({ name: 'bilan.pdf', mimeType: 'application/pdf', buffer: pdf });
    await shot(pro, '1-pro-new-message');
    await pro.getByRole('button', { name: 'Envoyer' }).click();
    await pro.getByRole('heading', { name: subject, level: 1 }).waitFor();

    // Exactly one notice, without the subject, the text or the sender's specialty.
    await expect.poll(notices, { timeout: 15_000 }).toBe(1);
    const mail = inbox.to(demoPatient.email).find((m) => m.subject === notice);
    expect(mail?.text).toContain('Vous avez reçu un nouveau message');
    for (const secret of [subject, 'bilan', 'Ndiaye', 'générale'])
      expect(`${mail?.text ?? ''}${mail?.html || ''}`).not.toContain(secret);

    // Inaya sees the unread badge, opens the conversation.
    const patient = await newPage();
    await signInDemoPatient(patient, server.url, mailbox);
    const nav = patient.getByRole('navigation', { name: /Menu principal/ });
    await nav.getByRole('link', { name: /Messages\s*1 non lu/ }).waitFor();
    await shot(patient, '2-patient-badge');
    await nav.getByRole('link', { name: /Messages/ }).click();
    await patient.getByRole('heading', { name: 'Messages', level: 1 }).waitFor();
    const row = patient.getByRole('row').filter({ hasText: subject });
    expect(await row.textContent()).toContain('Dr Adama Ndiaye');
    expect(await row.textContent()).toContain('1 non lu');
    await shot(patient, '3-patient-inbox');
    await row.getByRole('link', { name: subject }).click();
    await patient.getByRole('heading', { name: subject, level: 1 }).waitFor();
    await patient.getByText('Voici les résultats de votre bilan.').waitFor();
    await nav.getByRole('link', { name: 'Messages', exact: true }).waitFor();

    // "Enregistrer dans mes documents", category "Résultats de biologie".
    await patient.getByRole('button', { name: 'Enregistrer dans mes documents' }).click();
    await patient.getByLabel('Catégorie du document « bilan.pdf »').selectOption('BIOLOGIE');
    await patient.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await patient.getByText('« bilan.pdf » a été enregistré dans vos documents.').waitFor();
    await shot(patient, '4-patient-conversation');

    // She replies.
    await patient.getByLabel('Message', { exact: true }).fill('Merci docteur, bien reçu.');
    await patient.getByRole('button', { name: 'Envoyer' }).click();
    await patient.getByText('Merci docteur, bien reçu.').waitFor();

    // The PDF is in "Mes documents", added by Dr Ndiaye, with the same bytes.
    await patient.goto(`${server.url}/documents`);
    const saved = patient.getByRole('listitem').filter({ hasText: 'bilan' }).first();
    await saved.waitFor();
    expect(await saved.textContent()).toContain('Ajouté par Dr Adama Ndiaye');
    const bytes = await patient.evaluate(async () => {
      const list = (await (await fetch('/api/documents')).json()) as {
        items: { id: string; title: string }[];
      };
      const doc = list.items.find((d) => d.title === 'bilan');
      if (!doc) return [];
      const file = await fetch(`/api/documents/${doc.id}/download`);
      return [...new Uint8Array(await file.arrayBuffer())];
    });
    expect(Buffer.from(bytes).equals(pdf)).toBe(true);
    await shot(patient, '5-patient-documents');

    // Ndiaye reads the reply (his badge), and closes the exchange.
    await pro.goto(`${server.url}/pro`);
    await pro.getByRole('link', { name: /Messagerie\s*1 non lu/ }).click();
    await pro.getByRole('heading', { name: 'Messagerie', level: 1 }).waitFor();
    await pro.getByRole('row').filter({ hasText: subject }).getByRole('link').click();
    await pro.getByText('Merci docteur, bien reçu.').waitFor();
    await pro.getByRole('button', { name: 'Clôturer l’échange' }).click();
    await pro.getByText('Cet échange est clôturé.').waitFor();
    await shot(pro, '6-pro-closed');

    // Inaya can no longer reply.
    await patient.goto(`${server.url}/messages`);
    await patient.getByRole('row').filter({ hasText: subject }).getByRole('link').click();
    await patient
      .getByText(
        'Cet échange a été clôturé par le professionnel de santé. Vous ne pouvez plus y répondre.',
      )
      .waitFor();
    expect(await patient.getByRole('button', { name: 'Envoyer' }).count()).toBe(0);
    const late = await patient.evaluate(
      async (path) => {
        const form = new FormData();
        form.append('body', 'Encore une question');
        const res = await fetch(path, {
          method: 'POST',
          body: form,
          headers: { 'x-carnet-request': '1' },
        });
        return { status: res.status, body: (await res.json()) as { error: { message: string } } };
      },
      `/api/messages/${patient.url().split('/').at(-1) ?? ''}/replies`,
    );
    expect(late.status).toBe(409);
    await shot(patient, '7-patient-closed');

    // Still exactly one notice: replies and closing send none to her.
    expect(await notices()).toBe(1);
    expect(patientId).not.toBe('');

    // Durand Paul (no access) cannot start a conversation with her.
    const other = await newPage();
    await signInProfessional(other, server.url, mailbox, durand);
    await findInaya(other, 'result');
    expect(await other.getByRole('link', { name: 'Écrire au patient' }).count()).toBe(0);
    await other.goto(`${server.url}/pro/patients/${patientId}/nouveau-message`);
    await other.getByLabel('Objet').fill('Bonjour');
    await other.getByLabel('Message', { exact: true }).fill('Puis-je vous écrire ?');
    await other.getByRole('button', { name: 'Envoyer' }).click();
    await other
      .getByText(
        'Vous ne pouvez pas écrire à ce patient : son dossier est introuvable ou vous n’y avez pas accès.',
      )
      .waitFor();
    await shot(other, '8-durand-refused');
    await other.goto(`${server.url}/pro/messages`);
    await other.getByText('Aucun message.').waitFor();
    expect(await notices()).toBe(1);
  });
});
