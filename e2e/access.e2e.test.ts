/**
 * Issue 4 "Done when": a professional and the patient, in two browser contexts, through the
 * real server; then a SAMU régulateur's emergency access and the patient's emergency toggles.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.ts';
import { expectAccessible } from './support/axe.ts';
import { outboxCount } from './support/outbox.ts';
import { signInProfessional } from './support/pro-sign-in.ts';
import { demoPatient, signInDemoPatient } from './support/sign-in.ts';
import { e2eDialect, startServer } from './support/server.ts';
import type { RunningServer } from './support/server.ts';

const password = 'Carnet-demo-2026';
const inaya = {
  email: demoPatient.email,
  ins: '288047512345617',
  birthDate: '1988-04-12',
};
const ndiaye = { rpps: '10000000045', password, email: 'adama.ndiaye@example.org' };
const regulator = { rpps: '10000000078', password, email: 'regis.samu@example.org' };
/** Eoso Louis, the demo record's médecin traitant (seed-demo-access.ts). */
const medecinTraitantEmail = 'louis.eoso@example.org';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  contexts.push(context);
  return context.newPage();
}

let inayaPage: Page | undefined;

/**
 * Inaya, signed in once for the whole file: a second sign-in within a minute would wait for
 * the one-time code's resend delay.
 */
async function signedInPatient(): Promise<Page> {
  if (inayaPage) return inayaPage;
  const page = await newPage();
  await signInDemoPatient(page, server.url, server.dataDir);
  inayaPage = page;
  return page;
}

/**
 * The professional finds Inaya by INS + birth date: her record opens when it is readable now
 * (`record`), else the search result offers consent and emergency access (`result`).
 */
async function findInaya(page: Page, lands: 'record' | 'result'): Promise<void> {
  await page.goto(`${server.url}/pro`);
  await page.getByLabel('INS du patient').fill(inaya.ins);
  await page.getByLabel('Date de naissance').fill(inaya.birthDate);
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await page
    .getByRole('heading', { name: 'Michel Inaya', level: lands === 'record' ? 1 : 2 })
    .waitFor();
  await expectAccessible(page);
}

/** The record page as it is now (each assertion reads the server again). */
async function reloadRecord(page: Page): Promise<void> {
  await page.reload();
  await page
    .getByRole('heading', { name: 'Michel Inaya', level: 1 })
    .or(page.getByRole('alert'))
    .first()
    .waitFor();
}

/** The demo's one masked document (seed-demo-documents.ts). */
const maskedTitle = 'Mes directives anticipées';

/** The titles the professional's documents section lists now (waits for the list). */
async function listedTitles(page: Page): Promise<string[]> {
  const list = page.getByRole('list', { name: 'Documents du patient' });
  await list.waitFor();
  return list.getByRole('heading', { level: 3 }).allInnerTexts();
}

/** The id of the record open in the professional's page (`/pro/patients/:patientId`). */
function recordIdOf(page: Page): string {
  const match = /\/pro\/patients\/([^/?#]+)/.exec(page.url());
  if (!match?.[1]) throw new Error(`not on a record page: ${page.url()}`);
  return decodeURIComponent(match[1]);
}

/** What the API answers this professional's browser for the record's documents, right now. */
async function documentsStatus(page: Page, patientId: string): Promise<number> {
  return page.evaluate(
    async (path) => (await fetch(path, { headers: { accept: 'application/json' } })).status,
    `/api/pro/patients/${encodeURIComponent(patientId)}/documents`,
  );
}

async function openProfessionalsAccess(page: Page): Promise<void> {
  await page.goto(`${server.url}/parametres/confidentialite/professionnels`);
  await page
    .getByRole('heading', { name: 'Accès des professionnels de santé', level: 1 })
    .waitFor();
  await page.getByRole('tab', { name: 'Autorisé(s)' }).waitFor();
  await expectAccessible(page);
}

/** Switches a DSFR toggle from the keyboard, as its drawn label covers the native input. */
async function pressSpace(toggle: Locator): Promise<void> {
  await toggle.focus();
  await toggle.press('Space');
}

/** Waits for the toast, then closes it so that the next one is a new one. */
async function expectToast(page: Page): Promise<void> {
  const toast = page.getByText('Mise à jour effectuée');
  await toast.waitFor();
  await page.getByRole('button', { name: 'Masquer le message' }).click();
  await toast.waitFor({ state: 'detached' });
}

/** Subjects and texts of the e-mails to `to` written to the outbox after the `after` first files. */
async function mailsTo(to: string, after: number): Promise<string[]> {
  const dir = join(server.dataDir, 'outbox');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .slice(after);
  const found: string[] = [];
  for (const file of files) {
    const mail = await simpleParser(readFileSync(join(dir, file)));
    const recipients = [mail.to].flat().flatMap((a) => (a ? a.value.map((v) => v.address) : []));
    if (recipients.includes(to)) found.push(`${mail.subject ?? ''}\n${mail.text ?? ''}`);
  }
  return found;
}

describe(`professionals' access (${e2eDialect})`, () => {
  it('a consent, administrator, block and unblock made by the patient apply to the professional at once', async () => {
    const pro = await newPage();

    await signInProfessional(pro, server.url, server.dataDir, ndiaye);
    // The demo reproduces the guide's second case: Ndiaye Adama is already authorized.
    await findInaya(pro, 'record');
    await pro
      .getByRole('button', { name: "Le patient m'autorise à accéder à son dossier" })
      .click();
    await pro.getByText('Autorisation enregistrée').waitFor();
    const rubriques = pro
      .getByRole('heading', { name: 'Rubriques accessibles' })
      .locator('xpath=following-sibling::ul[1]');
    await expect.poll(() => rubriques.innerText()).toContain('Documents');
    const patientId = recordIdOf(pro);
    // He reads her documents, but not the one she masked to professionals.
    await expect.poll(() => listedTitles(pro)).toContain('Synthèse médicale');
    expect(await listedTitles(pro)).not.toContain(maskedTitle);
    await proDocumentActions(pro);

    const patient = await signedInPatient();
    await openProfessionalsAccess(patient);
    const line = patient.getByRole('listitem').filter({ hasText: 'Ndiaye Adama' });
    await line.getByText('Autorisé', { exact: true }).waitFor();
    await expect.poll(() => line.innerText()).toMatch(/Depuis le \d{2}\/\d{2}\/\d{4}/);

    // Administrateur: the "⋮" menu is a real button named after the professional.
    const menu = patient.getByRole('button', { name: 'Actions pour Ndiaye Adama' });
    await menu.click();
    await patient.getByRole('button', { name: 'Attribuer le statut administrateur' }).click();
    await line.getByText('Administrateur', { exact: true }).waitFor();
    // Focus is back on the "⋮" button once the change is made.
    await expect
      .poll(() => patient.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Actions pour Ndiaye Adama');
    await expectToast(patient);

    await reloadRecord(pro);
    await pro.getByText(/^Administrateur depuis le/).waitFor();
    // An administrator sees masked documents (ACCESS.md "which documents").
    await expect.poll(() => listedTitles(pro)).toContain(maskedTitle);
    const masked = pro.getByRole('listitem').filter({ hasText: maskedTitle });
    await masked.getByText('Masqué aux professionnels de santé').waitFor();

    // Block, with its confirmation.
    await menu.click();
    await patient.getByRole('button', { name: "Bloquer l'accès" }).click();
    const dialog = patient.getByRole('dialog', { name: "Bloquer l'accès de Ndiaye Adama ?" });
    await dialog.getByText(/il devra de nouveau obtenir mon autorisation/).waitFor();
    await dialog.getByRole('button', { name: "Bloquer l'accès" }).click();
    await expectToast(patient);
    await patient.getByRole('tab', { name: 'Bloqué(s)' }).click();
    await line.getByText('Bloqué', { exact: true }).waitFor();

    // His very next request gets nothing: the record answers "not found".
    await reloadRecord(pro);
    await pro.getByRole('alert').waitFor();
    expect(await pro.getByRole('heading', { name: 'Michel Inaya' }).count()).toBe(0);
    expect(await documentsStatus(pro, patientId)).toBe(404);
    await findInayaFails(pro);

    // Débloquer: still nothing until a new consent.
    await patient.getByRole('button', { name: 'Débloquer Ndiaye Adama' }).click();
    await expectToast(patient);
    await expect.poll(() => line.count()).toBe(0);
    await patient.getByRole('tab', { name: 'Autorisé(s)' }).click();
    expect(await line.count()).toBe(0);

    await findInaya(pro, 'result');
    await pro.getByText("Vous n'êtes pas autorisé à accéder à ce dossier.").waitFor();
    await pro.getByText('Aucune rubrique de ce dossier ne vous est accessible.').waitFor();
    expect(await pro.getByRole('heading', { name: 'Documents', level: 2 }).count()).toBe(0);
    expect(await documentsStatus(pro, patientId)).toBe(404);

    await pro
      .getByRole('button', { name: "Le patient m'autorise à accéder à son dossier" })
      .click();
    await pro.getByText('Autorisation enregistrée').waitFor();
    await pro.getByRole('heading', { name: 'Michel Inaya', level: 1 }).waitFor();
    // Authorized again, not administrator: the masked document is hidden again.
    await expect.poll(() => listedTitles(pro)).toContain('Synthèse médicale');
    expect(await listedTitles(pro)).not.toContain(maskedTitle);
    await openProfessionalsAccess(patient);
    await line.getByText('Autorisé', { exact: true }).waitFor();
  });

  it('a SAMU régulateur opens an emergency access while SAMU is allowed, not after the patient turns it off', async () => {
    const samu = await newPage();
    const patient = await signedInPatient();
    await patient.goto(`${server.url}/parametres/confidentialite/urgence`);
    await patient.getByRole('heading', { name: "Accès en cas d'urgence", level: 1 }).waitFor();
    await expectAccessible(patient);
    await patient
      .getByText(`Je recevrai alors une notification sur l'adresse e-mail ${inaya.email}.`)
      .waitFor();
    const samuToggle = patient.getByRole('checkbox', { name: /SAMU/ });
    const othersToggle = patient.getByRole('checkbox', { name: /Autres professionnels de santé/ });
    const maskedToggle = patient.getByRole('checkbox', { name: /Documents masqués/ });
    expect(await samuToggle.isChecked()).toBe(true);

    await signInProfessional(samu, server.url, server.dataDir, regulator);
    // No grant: the search result offers the emergency access.
    await findInaya(samu, 'result');
    await samu.getByText('Aucune rubrique de ce dossier ne vous est accessible.').waitFor();
    const before = outboxCount(server.dataDir);
    await samu.getByRole('button', { name: 'Accès en urgence' }).click();
    await samu.getByRole('button', { name: "Ouvrir l'accès en urgence" }).click();
    // The reason is required.
    await samu.getByText('Ce champ est obligatoire.').first().waitFor();
    await samu.getByLabel('Mode SAMU (régulation médicale)').check();
    await samu.getByLabel('Motif').fill('Patiente inconsciente, appel au 15');
    await samu.getByRole('button', { name: "Ouvrir l'accès en urgence" }).click();
    await samu.getByText('Accès en mode urgence').waitFor();
    await samu.getByRole('heading', { name: 'Michel Inaya', level: 1 }).waitFor();
    // In an emergency, masked documents only with the third toggle ("Documents masqués").
    await expect.poll(() => listedTitles(samu)).toContain('Synthèse médicale');
    expect(await listedTitles(samu)).not.toContain(maskedTitle);
    expect(await maskedToggle.isChecked()).toBe(false);
    await pressSpace(maskedToggle);
    await expectToast(patient);
    await reloadRecord(samu);
    await samu.getByText('Accès en mode urgence').waitFor();
    await expect.poll(() => listedTitles(samu)).toContain(maskedTitle);

    // Inaya's outbox holds the emergency e-mail, sent at once, and so does her médecin traitant's.
    await expect
      .poll(async () => (await mailsTo(inaya.email, before)).some((m) => /urgence/i.test(m)), {
        timeout: 15_000,
      })
      .toBe(true);
    await expect
      .poll(
        async () => (await mailsTo(medecinTraitantEmail, before)).some((m) => /urgence/i.test(m)),
        {
          timeout: 15_000,
        },
      )
      .toBe(true);
    // No health data in them: no document title.
    for (const mail of await mailsTo(inaya.email, before)) expect(mail).not.toContain(maskedTitle);

    // "Documents masqués" follows the rule: available only with SAMU or Autres.
    await pressSpace(othersToggle);
    await expectToast(patient);
    await pressSpace(samuToggle);
    await expectToast(patient);
    expect(await maskedToggle.isDisabled()).toBe(true);
    expect(await maskedToggle.isChecked()).toBe(false);

    // SAMU off: the open window no longer gives access, and a new one is refused.
    await reloadRecord(samu);
    await samu.getByRole('alert').waitFor();
    expect(await samu.getByText('Accès en mode urgence').count()).toBe(0);
    expect(await samu.getByRole('heading', { name: 'Michel Inaya' }).count()).toBe(0);
    await findInaya(samu, 'result');
    await samu.getByRole('button', { name: 'Accès en urgence' }).click();
    await samu.getByLabel('Mode SAMU (régulation médicale)').check();
    await samu.getByLabel('Motif').fill('Nouvel appel au 15');
    await samu.getByRole('button', { name: "Ouvrir l'accès en urgence" }).click();
    await samu.locator('form#acces-en-urgence .fr-alert--error').waitFor();
    expect(await samu.getByText('Accès en mode urgence').count()).toBe(0);

    // The patient's settings are what the server holds.
    await patient.reload();
    await samuToggle.waitFor();
    expect(await samuToggle.isChecked()).toBe(false);
    expect(await othersToggle.isChecked()).toBe(false);
  });
});

/** A blocked professional searching the patient again gets the same answer as for nobody. */
async function findInayaFails(page: Page): Promise<void> {
  await page.goto(`${server.url}/pro`);
  await page.getByLabel('INS du patient').fill(inaya.ins);
  await page.getByLabel('Date de naissance').fill(inaya.birthDate);
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await page.locator('form[role="search"] .fr-alert--error').waitFor();
  await expectAccessible(page);
  expect(page.url()).toMatch(/\/pro$/);
}

/**
 * A professional's document actions: open one (text preview, "Télécharger"), add one invisible
 * to the patient, make it visible, mask it to other professionals, delete it (its author only).
 */
async function proDocumentActions(pro: Page): Promise<void> {
  const list = pro.getByRole('list', { name: 'Documents du patient' });
  const line = (title: string) => list.locator(':scope > li').filter({ hasText: title });
  await line('Ordonnance').getByText('Ajouté par vous').waitFor();

  await line('Questionnaire de santé')
    .getByRole('button', { name: 'Questionnaire de santé', exact: true })
    .click();
  const panel = pro.getByRole('region', { name: 'Document Questionnaire de santé' });
  const text = panel.getByLabel('Texte du document Questionnaire de santé');
  await expect.poll(() => text.innerText(), { timeout: 15_000 }).toContain('démonstration');
  expect(await panel.getByRole('link', { name: /Télécharger/ }).getAttribute('href')).toMatch(
    /\/documents\/[^/]+\/download$/,
  );
  // A document of someone else offers no author's action.
  expect(await panel.getByRole('button', { name: 'Supprimer', exact: true }).count()).toBe(0);

  // Search and type filter, kept in the URL.
  const search = pro.getByRole('search', { name: 'Rechercher dans les documents du patient' });
  await search.getByLabel('Rechercher un document').fill('genou');
  await search.getByRole('button', { name: 'Rechercher' }).click();
  await expect
    .poll(async () => (await listedTitles(pro)).sort())
    .toEqual(['Compte rendu de rééducation du genou', 'Radio du genou droit']);
  await pro.getByText('2 documents', { exact: true }).waitFor();
  await pro.getByLabel('Filtrer par type de document').selectOption('RADIO_SC');
  await expect.poll(() => listedTitles(pro)).toEqual(['Radio du genou droit']);
  expect(new URL(pro.url()).search).toBe('?q=genou&category=RADIO_SC');
  await pro.goto(pro.url().split('?')[0] ?? '');
  await expect.poll(() => listedTitles(pro)).toContain('Ordonnance');

  const title = 'Compte rendu de consultation du jour';
  await pro.getByRole('button', { name: 'Ajouter un document' }).click();
  const form = pro.locator('form#ajouter-un-document');
  await form.locator('input[name="file"]').setInputFiles({
    name: 'compte-rendu-du-jour.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Compte rendu de démonstration, sans donnée de santé réelle.\n'),
  });
  expect(await form.getByLabel('Nom du document').inputValue()).toBe('compte-rendu-du-jour');
  await form.getByLabel('Nom du document').fill(title);
  await form.getByLabel('Type de document').selectOption('CPT_REND');
  // Inaya is an adult: "invisible aux représentants légaux" (the minor's secret) is not offered.
  expect(await form.getByLabel('Invisible aux représentants légaux').count()).toBe(0);
  // Invisible to the patient and masked to professionals exclude each other.
  await form.getByLabel(/Rendre invisible pour le patient/).check();
  const maskedRadio = form.getByRole('radio', {
    name: 'Masqué aux autres professionnels de santé',
  });
  expect(await maskedRadio.isDisabled()).toBe(true);
  await form.getByRole('button', { name: 'Ajouter le document' }).click();
  await pro.getByText(`Le document « ${title} » a été ajouté au dossier.`).waitFor();

  const added = line(title);
  await added.getByText('Ajouté par vous').waitFor();
  await added.getByText(/^Invisible pour le patient jusqu'au \d{2}\/\d{2}\/\d{4}$/).waitFor();
  await added.getByRole('button', { name: title, exact: true }).click();
  const mask = added.getByRole('button', { name: 'Masquer aux autres professionnels' });
  expect(await mask.isDisabled()).toBe(true);
  await added.getByRole('button', { name: 'Rendre visible pour le patient' }).click();
  await pro.getByText('Le document est visible pour le patient.').waitFor();
  expect(await added.getByText(/^Invisible pour le patient/).count()).toBe(0);
  await mask.click();
  await added.getByText('Masqué aux professionnels de santé').waitFor();
  await added.getByRole('button', { name: /^Rendre visible aux autres professionnels/ }).waitFor();

  await added.getByRole('button', { name: 'Supprimer', exact: true }).click();
  await added.getByRole('button', { name: 'Confirmer la suppression' }).click();
  await pro.getByText(`Le document « ${title} » a été supprimé du dossier.`).waitFor();
  await expect.poll(() => listedTitles(pro)).not.toContain(title);
}
