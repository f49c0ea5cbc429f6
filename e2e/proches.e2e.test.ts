/**
 * Issue 13 "Done when": in Chromium, Inaya switches to her son Léo, sees his documents (not the
 * one a professional made invisible to legal representatives), adds one; invites her partner as
 * second legal representative, who accepts from his own account and sees Léo's profile; gives
 * aidant access to her neighbour, who reads Inaya's documents but cannot open Paramètres ›
 * Clôture; Inaya sees all of it in "Représentants légaux et aidants" — on SQLite and PostgreSQL.
 * Also: on Léo's profile she asks for his data and downloads an archive without the invisible
 * document (issue 14 "Also for a represented child's profile").
 */
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../apps/server/test/zip-reader.ts';
import { launchBrowser } from './support/browser.ts';
import { fileMailbox } from './support/mailbox.ts';
import { e2eDialect, startServer } from './support/server.ts';
import type { RunningServer } from './support/server.ts';
import { signInDemoPatient } from './support/sign-in.ts';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const thomas = {
  identifiant: 'thomas.michel',
  email: 't.michel@example.org',
  ins: '186097512345628',
  lastName: 'Michel',
  firstName: 'Thomas',
  birthDate: '1986-09-03',
};
const claire = {
  identifiant: 'claire.martin',
  email: 'c.martin@example.org',
  ins: '261027512345633',
  lastName: 'Martin',
  firstName: 'Claire',
  birthDate: '1961-02-17',
};

function makePdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(14).text('Ordonnance du pédiatre');
    doc.end();
  });
}

/** Signs a demo account in through the three steps, in its own browser context. */
async function signInAs(who: { identifiant: string; email: string }): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/connexion`);
  await page.getByLabel('Mon identifiant').fill(who.identifiant);
  await page.getByLabel('Mon mot de passe', { exact: false }).first().fill('Carnet-demo-2026');
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.getByRole('heading', { name: /Étape 2\/3/ }).waitFor();
  const mailbox = fileMailbox(server.dataDir);
  const before = mailbox.count();
  await page.getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.getByRole('heading', { name: /Étape 3\/3/ }).waitFor();
  const code = await mailbox.waitForCode(who.email, { after: before });
  await page.getByLabel("Code d'accès à usage unique").fill(code);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: /^Bonjour/ }).waitFor();
  return page;
}

/** Chooses a profile in the header; the app reloads on it. */
async function switchProfile(page: Page, firstName: string): Promise<void> {
  const select = page.getByLabel('Profil affiché').first();
  const value = await select.locator('option', { hasText: firstName }).getAttribute('value');
  await select.selectOption({ label: firstName });
  // The app loads again on the selected profile; until then the select shows the previous one.
  await expect.poll(() => select.inputValue(), { timeout: 30_000 }).toBe(value);
  await page.waitForLoadState('load');
  await page.getByRole('heading', { name: /^Bonjour/ }).waitFor();
}

async function fillIdentity(page: Page, who: typeof thomas): Promise<void> {
  await page.getByLabel('Numéro de sécurité sociale (INS)', { exact: true }).fill(who.ins);
  await page.getByLabel('Nom', { exact: true }).fill(who.lastName);
  await page.getByLabel('Prénom', { exact: true }).fill(who.firstName);
  await page.getByLabel('Date de naissance', { exact: true }).fill(who.birthDate);
}

async function acceptInvitation(page: Page, from: string): Promise<void> {
  await page.goto(`${server.url}/parametres/partage-du-profil`);
  const line = page.getByRole('listitem').filter({ hasText: from });
  await line.getByRole('button', { name: 'Accepter' }).click();
  await line.getByText('Accepté').waitFor();
}

describe(`proches: representatives and aidants (${e2eDialect})`, () => {
  it('does the demo of issue 13', async () => {
    const inaya = await browser.newPage();
    await signInDemoPatient(inaya, server.url, server.dataDir);

    // Léo's profile: his documents but the one invisible to legal representatives; add one.
    await switchProfile(inaya, 'Léo');
    await inaya
      .getByText('Vous agissez sur le profil de Léo Michel en tant que représentant légal.')
      .waitFor();
    await inaya.goto(`${server.url}/documents`);
    await inaya.getByRole('link', { name: 'Carnet de vaccination de Léo', exact: true }).waitFor();
    await inaya
      .getByRole('link', { name: 'Certificat d’aptitude au sport', exact: true })
      .waitFor();
    if ((await inaya.getByText('Consultation confidentielle').count()) !== 0)
      throw new Error('a document invisible to legal representatives is shown');
    await inaya.goto(`${server.url}/documents/ajouter`);
    await inaya
      .getByLabel('Sélectionner un ou plusieurs fichiers')
      .setInputFiles([
        { name: 'ordonnance-leo.pdf', mimeType: 'application/pdf', buffer: await makePdf() },
      ]);
    await inaya
      .getByRole('group', { name: /ordonnance-leo\.pdf/ })
      .getByLabel('Type de document')
      .selectOption({ label: 'Ordonnances et soins' });
    await inaya.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await inaya.getByRole('link', { name: 'ordonnance-leo', exact: true }).waitFor();

    // Léo's data, asked from his profile: the archive leaves out the invisible document.
    await inaya.goto(`${server.url}/parametres/telecharger-mes-donnees`);
    await inaya.getByText('Profil de Léo Michel, que je représente', { exact: false }).waitFor();
    await inaya.getByRole('button', { name: 'Demander mes données' }).click();
    await inaya.getByText('Mes données sont prêtes').waitFor({ timeout: 60_000 });
    const mailbox = fileMailbox(server.dataDir);
    await expect
      .poll(() => mailbox.subjectsTo('i.michel@example.org'), { timeout: 30_000 })
      .toContain('Vos données sont prêtes');
    const [download] = await Promise.all([
      inaya.waitForEvent('download'),
      inaya.locator('a[download]').click(),
    ]);
    const zip = readZip(readFileSync(await download.path()));
    const files = [...zip.keys()].filter((k) => k.startsWith('documents/'));
    expect(files.some((k) => k.includes('ordonnance-leo'))).toBe(true);
    expect(files.some((k) => k.includes('Carnet de vaccination de Léo'))).toBe(true);
    for (const [name, bytes] of zip)
      if (!name.endsWith('.pdf') && bytes.toString('utf8').includes('Consultation confidentielle'))
        throw new Error(`${name} names the document invisible to legal representatives`);
    expect(files.some((k) => k.includes('Consultation confidentielle'))).toBe(false);
    // Clôture never acts on the wrong profile: from Léo's, it is explained, not offered.
    await inaya.goto(`${server.url}/parametres/cloture-du-profil`);
    await inaya.getByText('Clôture impossible depuis ce profil').waitFor();
    if ((await inaya.getByRole('button', { name: 'Clôturer mon profil' }).count()) !== 0)
      throw new Error('closure is offered on a represented child’s profile');

    // Thomas, invited as second legal representative, accepts and sees Léo's profile.
    await inaya.goto(`${server.url}/parametres/partage-du-profil`);
    await inaya.getByRole('heading', { name: 'Représentants légaux de Léo' }).waitFor();
    await fillIdentity(inaya, thomas);
    await inaya.getByRole('button', { name: 'Inviter', exact: true }).click();
    await inaya.getByText('L’invitation a été envoyée.').waitFor();
    const thomasPage = await signInAs(thomas);
    await acceptInvitation(thomasPage, 'Léo Michel');
    await thomasPage.goto(`${server.url}/`);
    await switchProfile(thomasPage, 'Léo');
    await thomasPage.goto(`${server.url}/documents`);
    await thomasPage.getByRole('link', { name: 'ordonnance-leo', exact: true }).waitFor();

    // Claire becomes Inaya's aidant: she reads Inaya's documents, not Paramètres › Clôture.
    await switchProfile(inaya, 'Inaya');
    await inaya.goto(`${server.url}/parametres/partage-du-profil`);
    await inaya.getByRole('heading', { name: 'Mes aidants' }).waitFor();
    await fillIdentity(inaya, claire);
    await inaya.getByRole('button', { name: 'Inviter l’aidant' }).click();
    await inaya.getByText('L’invitation a été envoyée.').waitFor();
    const clairePage = await signInAs(claire);
    await acceptInvitation(clairePage, 'Inaya Michel');
    await clairePage.goto(`${server.url}/`);
    await switchProfile(clairePage, 'Inaya');
    await clairePage.goto(`${server.url}/documents`);
    await clairePage
      .getByRole('link', { name: 'Compte rendu de consultation de cardiologie', exact: true })
      .waitFor();
    await clairePage.getByRole('link', { name: /Justificatif d’accès aidant/ }).waitFor();
    await clairePage.goto(`${server.url}/parametres/cloture-du-profil`);
    await clairePage.getByText('Rubrique non accessible').waitFor();
    if ((await clairePage.getByRole('link', { name: 'Clôture du profil' }).count()) !== 0)
      throw new Error('an aidant is offered Clôture du profil');

    // Inaya sees all of it in "Représentants légaux et aidants".
    await inaya.goto(`${server.url}/parametres/historique-activite`);
    await inaya.getByRole('tab', { name: 'Représentants légaux et aidants' }).click();
    await inaya.getByText('Claire Martin, aidant pour le compte de Inaya Michel').first().waitFor();
    await switchProfile(inaya, 'Léo');
    await inaya.goto(`${server.url}/parametres/historique-activite`);
    await inaya.getByRole('tab', { name: 'Représentants légaux et aidants' }).click();
    await inaya
      .getByText('Thomas Michel, représentant légal pour le compte de Léo Michel')
      .first()
      .waitFor();
    await inaya
      .getByText('Inaya Michel, représentant légal pour le compte de Léo Michel')
      .first()
      .waitFor();
    await thomasPage.context().close();
    await clairePage.context().close();
    await inaya.close();
  });
});
