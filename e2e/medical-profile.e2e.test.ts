/**
 * Issue 11 "Done when", in Chromium through the real server (SQLite and PostgreSQL): Inaya adds a
 * weight and sees it in the "Poids" chart with her earlier weights and the IMC, adds a vaccination,
 * masks "Allergies", saves the synthèse in "Mes documents"; Ndiaye Adama sees her vaccinations and
 * measures but not the masked allergies; Durand Paul sees nothing; the history shows the reads.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.ts';
import { signInProfessional } from './support/pro-sign-in.ts';
import { signInDemoPatient } from './support/sign-in.ts';
import { e2eDialect, startServer } from './support/server.ts';
import type { RunningServer } from './support/server.ts';

const password = 'Carnet-demo-2026';
const inaya = { ins: '288047512345617', birthDate: '1988-04-12' };
const ndiaye = { rpps: '10000000045', password, email: 'adama.ndiaye@example.org' };
const durand = { rpps: '10000000086', password, email: 'paul.durand@example.org' };
const shots = process.env.CARNET_E2E_SCREENSHOTS;

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

async function shot(page: Page, name: string) {
  if (shots) await page.screenshot({ path: `${shots}/${e2eDialect}-${name}.png`, fullPage: true });
}

const today = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris' }).format(new Date());

/** Opens a rubrique from the "Profil médical" page. */
async function openRubrique(page: Page, name: string) {
  await page.getByRole('link', { name: 'Profil médical', exact: true }).first().click();
  await page.getByRole('heading', { name: 'Profil médical', level: 1 }).waitFor();
  await page.getByRole('link', { name: new RegExp(`^${name}`) }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

/** The professional finds Inaya by INS + birth date. */
async function findInaya(page: Page, lands: 'record' | 'result') {
  await page.goto(`${server.url}/pro`);
  await page.getByLabel('INS du patient').fill(inaya.ins);
  await page.getByLabel('Date de naissance').fill(inaya.birthDate);
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await page
    .getByRole('heading', { name: 'Michel Inaya', level: lands === 'record' ? 1 : 2 })
    .waitFor();
}

let patientId = '';
/** Inaya's page, signed in once: a second sign-in within a minute waits for the code's resend delay. */
let inayaPage: Page;

describe(`Profil médical (${e2eDialect})`, () => {
  it('Inaya adds a weight, a vaccination, masks Allergies and saves the synthèse', async () => {
    const page = await newPage();
    await signInDemoPatient(page, server.url, server.dataDir);
    inayaPage = page;

    // A weight of 68 kg today: in the "Poids" chart with her earlier weights, and the IMC.
    await openRubrique(page, 'Mesures');
    const form = page
      .locator('form')
      .filter({ has: page.getByRole('button', { name: 'Ajouter' }) });
    await form.getByLabel('Mesure', { exact: true }).selectOption({ label: 'Poids' });
    await form.getByLabel('Poids (kg)').fill('68');
    await form.getByRole('button', { name: 'Ajouter' }).click();
    const table = page.getByRole('table', { name: 'Poids : valeurs (kg)' });
    await table.getByRole('row').filter({ hasText: today }).filter({ hasText: '68' }).waitFor();
    expect(await table.getByRole('row').count()).toBeGreaterThanOrEqual(1 + 12);
    await page.getByText('IMC : 25 kg/m²').waitFor();
    // The DSFR switch draws its own box over the input: a person clicks the label.
    await page.locator('label', { hasText: 'Afficher le tableau des valeurs' }).click();
    await table.waitFor({ state: 'visible' });
    await page.getByRole('figure', { name: 'Poids (kg)' }).locator('svg').first().waitFor();
    await shot(page, 'mesures');

    // A vaccination.
    await openRubrique(page, 'Vaccinations');
    await page.getByLabel('Vaccin', { exact: true }).selectOption({ label: 'Hépatite A' });
    await page.getByLabel('Numéro de lot (facultatif)').fill('HA-2026');
    await page.getByRole('button', { name: 'Ajouter' }).click();
    await page.getByRole('listitem').filter({ hasText: 'Hépatite A' }).first().waitFor();
    await shot(page, 'vaccinations');

    // Masks "Allergies".
    await openRubrique(page, 'Allergies');
    const mask = page.getByRole('checkbox', {
      name: /Masquer cette rubrique aux professionnels de santé/,
    });
    await page
      .locator('label', { hasText: 'Masquer cette rubrique aux professionnels de santé' })
      .click();
    await expect.poll(() => mask.isChecked()).toBe(true);
    await page
      .getByRole('status')
      .filter({ hasText: 'Mise à jour effectuée' })
      .waitFor({ state: 'attached' });
    await page.reload();
    await page.getByRole('heading', { name: 'Allergies', level: 1 }).waitFor();
    await expect.poll(() => mask.isChecked()).toBe(true);

    // The synthèse, saved as "Synthèse médicale" in "Mes documents".
    await page.getByRole('link', { name: 'Profil médical', exact: true }).first().click();
    await page.getByRole('link', { name: 'Générer la synthèse' }).click();
    await page.getByRole('heading', { name: 'Synthèse du profil médical', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Enregistrer dans mes documents' }).click();
    await page.getByText('La synthèse médicale a été enregistrée dans vos documents.').waitFor();
    await shot(page, 'synthese');
    await page.getByRole('link', { name: 'Documents', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Mes documents', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Synthèse médicale', exact: true }).first().waitFor();
    await shot(page, 'documents');
  });

  it('Ndiaye Adama sees her vaccinations and measures, not the masked allergies', async () => {
    const page = await newPage();
    await signInProfessional(page, server.url, server.dataDir, ndiaye);
    await findInaya(page, 'record');
    patientId = /\/pro\/patients\/([^/?#]+)/.exec(page.url())?.[1] ?? '';
    expect(patientId).not.toBe('');
    const profile = page.getByRole('region', { name: 'Profil médical' });
    await profile.getByRole('heading', { name: 'Vaccinations' }).waitFor();
    await profile.getByRole('listitem').filter({ hasText: 'Hépatite A' }).first().waitFor();
    await profile.getByRole('listitem').filter({ hasText: 'Poids : 68 kg' }).first().waitFor();
    await profile
      .getByRole('table', { name: 'Poids : valeurs (kg)' })
      .waitFor({ state: 'attached' });
    await expect.poll(() => page.getByText('Pollen de graminées').count()).toBe(0);
    expect(await profile.getByRole('heading', { name: 'Allergies' }).count()).toBe(0);
    const allergies = await page.request.get(
      `${server.url}/api/pro/patients/${patientId}/profile/allergies`,
    );
    expect(allergies.status()).toBe(404);
    await shot(page, 'pro-ndiaye');
  });

  it('Durand Paul sees nothing', async () => {
    const page = await newPage();
    await signInProfessional(page, server.url, server.dataDir, durand);
    await findInaya(page, 'result');
    expect(await page.getByRole('listitem').filter({ hasText: 'Hépatite A' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Profil médical' }).count()).toBe(0);
    for (const rubrique of ['vaccinations', 'mesures', 'entourage']) {
      const response = await page.request.get(
        `${server.url}/api/pro/patients/${patientId}/profile/${rubrique}`,
      );
      expect(response.status()).toBe(404);
    }
    await shot(page, 'pro-durand');
  });

  it('the history shows Ndiaye’s reads of the profile', async () => {
    const page = inayaPage;
    await page.goto(`${server.url}/parametres/historique-activite`);
    await page.getByRole('heading', { name: "Historique d'activité", level: 2 }).waitFor();
    await page.getByRole('tab', { name: 'Professionnels' }).click();
    const rows = page.getByRole('row');
    await rows
      .filter({ hasText: 'Consultation du profil médical – Vaccinations' })
      .filter({ hasText: 'Ndiaye' })
      .first()
      .waitFor();
    await rows
      .filter({ hasText: 'Consultation du profil médical – Mesures' })
      .filter({ hasText: 'Ndiaye' })
      .first()
      .waitFor();
    await shot(page, 'history');
  });
});
