import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.ts';
import { outboxCount, waitForCode } from './support/outbox.ts';
import { e2eDialect, startServer } from './support/server.ts';
import type { RunningServer } from './support/server.ts';

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

describe(`the demo patient (${e2eDialect})`, () => {
  it('signs in through the three steps, changes her mobile number with a code and signs out', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.url()).toContain('/connexion');

    await page.getByRole('heading', { name: /Étape 1\/3/ }).waitFor();
    await page.getByLabel('Mon identifiant').fill('inaya.michel');
    await page.getByLabel('Mon mot de passe', { exact: false }).first().fill('Carnet-demo-2026');
    await page.getByRole('button', { name: 'Continuer' }).click();

    await page.getByRole('heading', { name: /Étape 2\/3/ }).waitFor();
    const before = outboxCount(server.dataDir);
    await page.getByLabel(/i\*{5}@example\.org/).check();
    await page.getByRole('button', { name: 'Continuer' }).click();

    await page.getByRole('heading', { name: /Étape 3\/3/ }).waitFor();
    const code = await waitForCode(server.dataDir, 'i.michel@example.org', { after: before });
    await page.getByLabel("Code d'accès à usage unique").fill(code);
    await page.getByRole('button', { name: 'Se connecter' }).click();

    await page.getByRole('heading', { name: 'Bonjour Inaya,' }).waitFor();
    await page
      .getByRole('link', { name: 'Ajouter un document de santé' })
      .or(page.getByRole('button', { name: 'Ajouter un document de santé' }))
      .first()
      .waitFor();

    await page.goto(`${server.url}/parametres`);
    await page.getByRole('heading', { name: 'Paramètres de Inaya' }).waitFor();
    await page.getByText('+33 6 11 12 13 14').waitFor();
    await page.getByRole('button', { name: 'Modifier le numéro de téléphone mobile' }).click();
    await page.getByLabel(/Nouveau numéro/).fill('07 22 33 44 55');
    const beforeSms = outboxCount(server.dataDir);
    await page.getByRole('button', { name: /Recevoir un code|Envoyer le code|Continuer/ }).click();
    const smsCode = await waitForCode(server.dataDir, '+33 7 22 33 44 55', { after: beforeSms });
    await page.getByLabel('Code de confirmation').fill(smsCode);
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText('Mise à jour effectuée').waitFor();
    await page.getByText('+33 7 22 33 44 55').waitFor();

    await page.getByRole('button', { name: 'Inaya M.' }).click();
    await page
      .getByRole('button', { name: 'Se déconnecter' })
      .or(page.getByRole('link', { name: 'Se déconnecter' }))
      .first()
      .click();
    await expect.poll(() => page.url()).toContain('/connexion');
    const me = await page.evaluate(async () => (await fetch('/api/me')).status);
    expect(me).toBe(401);
  });
});
