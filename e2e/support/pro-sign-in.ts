/** Signs a professional in to the professional space (/pro/connexion), as a person would. */
import type { Page } from 'playwright-core';
import { expectAccessible } from './axe.ts';
import { asMailbox } from './mailbox.ts';
import type { Mailbox } from './mailbox.ts';

/** A demo professional: RPPS, password, and the e-mail address the one-time code goes to. */
export interface ProCredentials {
  rpps: string;
  password: string;
  email: string;
}

/** Steps 1/3 (RPPS + password), 2/3 (channel), 3/3 (code read from the outbox). */
export async function signInProfessional(
  page: Page,
  baseUrl: string,
  /** The server's data folder (outbox files) or a test inbox. */
  mail: string | Mailbox,
  who: ProCredentials,
): Promise<void> {
  await page.goto(`${baseUrl}/pro/connexion`);
  await page.getByRole('heading', { name: /Étape 1\/3/ }).waitFor();
  await expectAccessible(page);
  await page.getByLabel('Numéro RPPS').fill(who.rpps);
  await page.getByLabel('Mot de passe', { exact: false }).first().fill(who.password);
  await page.getByRole('button', { name: 'Continuer' }).click();

  await page.getByRole('heading', { name: /Étape 2\/3/ }).waitFor();
  await expectAccessible(page);
  const mailbox = asMailbox(mail);
  const before = mailbox.count();
  const email = page.getByRole('radio', { name: /Par e-mail/ });
  if ((await email.count()) > 0) await email.first().check();
  await page.getByRole('button', { name: 'Continuer' }).click();

  await page.getByRole('heading', { name: /Étape 3\/3/ }).waitFor();
  await expectAccessible(page);
  const code = await mailbox.waitForCode(who.email, { after: before });
  await page.getByLabel("Code d'accès à usage unique").fill(code);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: 'Rechercher un patient' }).waitFor();
  await expectAccessible(page);
}
