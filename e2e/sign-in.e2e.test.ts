import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.ts';
import { launchBrowser } from './support/browser.ts';
import { outboxCount, waitForCode } from './support/outbox.ts';
import { signInDemoPatient } from './support/sign-in.ts';
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
    await signInDemoPatient(page, server.url, server.dataDir);
    await page
      .getByRole('link', { name: 'Ajouter un document de santé' })
      .or(page.getByRole('button', { name: 'Ajouter un document de santé' }))
      .first()
      .waitFor();

    await page.goto(`${server.url}/parametres`);
    await page.getByRole('heading', { name: 'Paramètres de Inaya' }).waitFor();
    await page.getByText('+33 6 11 12 13 14').waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Modifier le numéro de téléphone mobile' }).click();
    await page.getByLabel(/Nouveau numéro/).fill('07 22 33 44 55');
    const beforeSms = outboxCount(server.dataDir);
    await page.getByRole('button', { name: /Recevoir un code|Envoyer le code|Continuer/ }).click();
    const smsCode = await waitForCode(server.dataDir, '+33 7 22 33 44 55', { after: beforeSms });
    await page.getByLabel('Code de confirmation').fill(smsCode);
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText('Mise à jour effectuée').waitFor();
    await page.getByText('+33 7 22 33 44 55').waitFor();
    await expectAccessible(page);

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
