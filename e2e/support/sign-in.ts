/** Signs the demo patient in through the three steps, as a person would (code read from the outbox). */
import type { Page } from 'playwright-core';
import { expectAccessible } from './axe.ts';
import { asMailbox } from './mailbox.ts';
import type { Mailbox } from './mailbox.ts';

/** The demo patient of `carnet seed-demo` (Inaya Michel). */
export const demoPatient = {
  identifiant: 'inaya.michel',
  password: 'Carnet-demo-2026',
  email: 'i.michel@example.org',
} as const;

/** From "/" (redirected to /connexion) to the home page "Bonjour Inaya,". */
export async function signInDemoPatient(
  page: Page,
  baseUrl: string,
  /** The server's data folder (outbox files) or a test inbox. */
  mail: string | Mailbox,
): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/connexion/);

  await page.getByRole('heading', { name: /Étape 1\/3/ }).waitFor();
  await expectAccessible(page);
  await page.getByLabel('Mon identifiant').fill(demoPatient.identifiant);
  await page.getByLabel('Mon mot de passe', { exact: false }).first().fill(demoPatient.password);
  await page.getByRole('button', { name: 'Continuer' }).click();

  await page.getByRole('heading', { name: /Étape 2\/3/ }).waitFor();
  await expectAccessible(page);
  const mailbox = asMailbox(mail);
  const before = mailbox.count();
  await page.getByLabel(/i\*{5}@example\.org/).check();
  await page.getByRole('button', { name: 'Continuer' }).click();

  await page.getByRole('heading', { name: /Étape 3\/3/ }).waitFor();
  await expectAccessible(page);
  const code = await mailbox.waitForCode(demoPatient.email, { after: before });
  await page.getByLabel("Code d'accès à usage unique").fill(code);
  await page.getByRole('button', { name: 'Se connecter' }).click();

  await page.getByRole('heading', { name: 'Bonjour Inaya,' }).waitFor();
  await expectAccessible(page);
}
