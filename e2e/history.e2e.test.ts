/**
 * Issue 5 "Done when": Inaya's Historique d'activité (filter, CSV and PDF exports), then what
 * professionals did on her record (a consultation, an emergency access with its reason) as she
 * reads it, and the e-mails she got in her inbox (a real SMTP server started by the test), none
 * for the notification she switched off.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.ts';
import type { Mailbox } from './support/mailbox.ts';
import { signInProfessional } from './support/pro-sign-in.ts';
import { e2eDialect } from './support/server.ts';
import type { RunningServer } from './support/server.ts';
import { demoPatient, signInDemoPatient } from './support/sign-in.ts';
import { openSuite } from './support/suite.ts';
import type { Suite } from './support/suite.ts';

const password = 'Carnet-demo-2026';
const inaya = { ins: '288047512345617', birthDate: '1988-04-12' };
const ndiaye = { rpps: '10000000045', password, email: 'adama.ndiaye@example.org' };
const regulator = { rpps: '10000000078', password, email: 'regis.samu@example.org' };
const medecinTraitant = { rpps: '10000000011', password, email: 'louis.eoso@example.org' };
const motif = 'Patiente inconsciente, appel au 15';

let server: RunningServer;
let mailbox: Mailbox;
let suite: Suite | undefined;
beforeAll(async () => {
  suite = await openSuite();
  ({ server, mailbox } = suite);
});
afterAll(async () => {
  await suite?.close();
});

const newPage = () => suite!.newPage();

let inayaPage: Page | undefined;

/** Inaya, signed in once for the file (a second code within a minute waits for the resend delay). */
async function signedInPatient(): Promise<Page> {
  if (inayaPage) return inayaPage;
  const page = await newPage();
  await signInDemoPatient(page, server.url, mailbox);
  inayaPage = page;
  return page;
}

/** Subjects of every e-mail Inaya's inbox (the test SMTP server) received for `to`. */
const subjectsTo = (to: string): Promise<string[]> => mailbox.subjectsTo(to);

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

/** The professional adds a small text document to the record (visible to the patient). */
async function addDocument(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'Ajouter un document' }).click();
  const form = page.locator('form#ajouter-un-document');
  await form.locator('input[name="file"]').setInputFiles({
    name: 'note.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Note de démonstration, sans donnée de santé réelle.\n'),
  });
  await form.getByLabel('Nom du document').fill(title);
  await form.getByLabel('Type de document').selectOption('CPT_REND');
  await form.getByRole('button', { name: 'Ajouter le document' }).click();
  await page.getByText(`Le document « ${title} » a été ajouté au dossier.`).waitFor();
}

/** Clicks a download link and returns the downloaded bytes with the file's name. */
async function download(page: Page, linkName: string) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: linkName }).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

/** First and last day of the month before today, in France. */
function lastMonthInParis(): { from: string; to: string } {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' })
    .format(new Date())
    .split('-')
    .map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 2, 1));
  const last = new Date(Date.UTC(y, m - 1, 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

describe(`Historique d'activité (${e2eDialect})`, () => {
  it('shows Inaya her sign-in, filters on last month and downloads the CSV and PDF exports', async () => {
    const page = await signedInPatient();

    await page.goto(`${server.url}/parametres`);
    await page.getByRole('link', { name: "Historique d'activité" }).click();
    await page.getByRole('heading', { name: "Historique d'activité", level: 2 }).waitFor();
    await expectAccessible(page);
    expect(page.url()).toContain('/parametres/historique-activite');

    await page.getByRole('tab', { name: 'Mes activités' }).click();
    const signIn = page.getByRole('row').filter({ hasText: 'Connexion' }).first();
    await signIn.waitFor();
    expect(await signIn.textContent()).toContain('Inaya Michel');

    const { from, to } = lastMonthInParis();
    await page.getByRole('button', { name: 'Le mois dernier' }).click();
    await page.getByText('Aucune activité sur cette période.').waitFor();
    expect(await page.getByLabel('Du').inputValue()).toBe(from);
    expect(await page.getByLabel('Au').inputValue()).toBe(to);

    // The export follows the selection: last month holds no line, only the header.
    const lastMonthCsv = await download(page, 'Exporter en CSV');
    expect(lastMonthCsv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(lastMonthCsv.name).toMatch(/^historique-activite-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(lastMonthCsv.bytes.toString('utf8').trim().split('\r\n')).toHaveLength(1);

    await page.getByRole('button', { name: 'Toute la période' }).click();
    await signIn.waitFor();
    const csv = await download(page, 'Exporter en CSV');
    const text = csv.bytes.toString('utf8');
    expect(text.startsWith('\uFEFF"Date et heure";"Qui";')).toBe(true);
    expect(text).toContain('"Inaya Michel";"";"";"Connexion"');

    const pdf = await download(page, 'Exporter en PDF');
    expect(pdf.name).toMatch(/^historique-activite-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // Professionnels: the accesses of the demo data, if any, or the empty sentence.
    await page.getByRole('tab', { name: 'Professionnels' }).click();
    await page
      .getByText(/lignes? affichées?, sur toute la période|Aucun professionnel de santé n’a accédé/)
      .waitFor();
  });

  it('shows Inaya the consultation of her documents by Ndiaye Adama and the SAMU’s emergency access with its reason, and e-mails her', async () => {
    const patient = await signedInPatient();

    // Ndiaye Adama (authorized in the demo) opens her "Ordonnance" and downloads it.
    const pro = await newPage();
    await signInProfessional(pro, server.url, mailbox, ndiaye);
    await findInaya(pro, 'record');
    const list = pro.getByRole('list', { name: 'Documents du patient' });
    await list.getByRole('button', { name: 'Ordonnance', exact: true }).click();
    const panel = pro.getByRole('region', { name: 'Document Ordonnance' });
    await panel.getByRole('img', { name: 'Ordonnance, page 1' }).waitFor({ timeout: 30_000 });
    const [file] = await Promise.all([
      pro.waitForEvent('download'),
      panel.getByRole('link', { name: /Télécharger/ }).click(),
    ]);
    expect(
      readFileSync(await file.path())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');

    // "Documents ajoutés par un professionnel": one e-mail while on, none once she turns it off.
    await addDocument(pro, 'Note de consultation');
    await expect
      .poll(async () => (await subjectsTo(demoPatient.email)).filter(isNewDocument).length, {
        timeout: 15_000,
      })
      .toBe(1);
    await patient.goto(`${server.url}/parametres/notifications-email`);
    const toggle = patient.getByRole('checkbox', {
      name: /Documents ajoutés ou modifiés par un professionnel de santé/,
    });
    expect(await toggle.isChecked()).toBe(true);
    await expectAccessible(patient);
    await toggle.focus();
    await toggle.press('Space');
    await patient.getByText('Mise à jour effectuée').waitFor();
    expect(await toggle.isChecked()).toBe(false);
    await addDocument(pro, 'Note de suivi');

    // The SAMU régulateur opens an emergency access with its reason.
    const samu = await newPage();
    await signInProfessional(samu, server.url, mailbox, regulator);
    await findInaya(samu, 'result');
    await samu.getByRole('button', { name: 'Accès en urgence' }).click();
    await samu.getByLabel('Mode SAMU (régulation médicale)').check();
    await samu.getByLabel('Motif').fill(motif);
    await samu.getByRole('button', { name: "Ouvrir l'accès en urgence" }).click();
    await samu.getByText('Accès en mode urgence').waitFor();

    // Her e-mails: the day's first access of Ndiaye, the emergency access; the emergency mail
    // was written after the second document, which got none (she switched it off).
    await expect
      .poll(async () => subjectsTo(demoPatient.email), { timeout: 15_000 })
      .toEqual(
        expect.arrayContaining([
          'Un professionnel de santé a consulté votre profil',
          'Accès en urgence à votre profil',
        ]),
      );
    expect((await subjectsTo(demoPatient.email)).filter(isNewDocument)).toHaveLength(1);

    // Historique d'activité › Professionnels.
    await patient.goto(`${server.url}/parametres/historique-activite`);
    await patient.getByRole('heading', { name: "Historique d'activité", level: 2 }).waitFor();
    await patient.getByRole('tab', { name: 'Professionnels' }).click();
    const rows = patient.getByRole('row');
    const consultation = rows
      .filter({ hasText: 'Ndiaye Adama' })
      .filter({ hasText: 'Consultation du document' })
      .filter({ hasText: 'Ordonnance' });
    await consultation.first().waitFor();
    await expectAccessible(patient);
    expect(await consultation.first().textContent()).toContain('Médecin');
    await rows
      .filter({ hasText: 'Ndiaye Adama' })
      .filter({ hasText: 'Téléchargement du document' })
      .filter({ hasText: 'Ordonnance' })
      .first()
      .waitFor();
    const emergency = rows
      .filter({ hasText: 'Samu Régis' })
      .filter({ hasText: `Motif : ${motif}` });
    await emergency.first().waitFor();
    expect(await emergency.first().textContent()).toContain('Mode urgence');

    // The professionals read traces too: Ndiaye his own, the médecin traitant the record's.
    await pro.reload();
    await pro.getByRole('button', { name: 'Afficher mes accès' }).click();
    const own = pro.getByRole('region', { name: 'Mes accès à ce dossier' });
    await own.getByRole('row').filter({ hasText: 'Téléchargement du document' }).first().waitFor();
    expect(await own.getByRole('row').filter({ hasText: 'Samu Régis' }).count()).toBe(0);

    const doctor = await newPage();
    await signInProfessional(doctor, server.url, mailbox, medecinTraitant);
    await findInaya(doctor, 'record');
    await doctor.getByRole('button', { name: "Afficher les traces d'accès" }).click();
    const record = doctor.getByRole('region', { name: "Traces d'accès" });
    await record
      .getByRole('row')
      .filter({ hasText: 'Samu Régis' })
      .filter({ hasText: `Motif : ${motif}` })
      .first()
      .waitFor();
  });
});

function isNewDocument(subject: string): boolean {
  return subject === 'Un nouveau document dans votre profil';
}
