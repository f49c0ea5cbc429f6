/**
 * Issue 10, OAuth 2.0 in Chromium through the real server (SQLite and PostgreSQL): practice
 * software sends Ndiaye Adama's browser to the authorization endpoint; the consent page sends
 * him to the professional sign-in (3 steps), comes back, he approves « Logiciel de démonstration »
 * (the demo client), the software receives a code, exchanges it with its PKCE verifier and finds
 * Inaya by INS. A second request, refused, sends `error=access_denied`.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.ts';
import { launchBrowser } from './support/browser.ts';
import { fileMailbox } from './support/mailbox.ts';
import { e2eDialect, startServer } from './support/server.ts';
import type { RunningServer } from './support/server.ts';

const ndiaye = {
  rpps: '10000000045',
  password: 'Carnet-demo-2026',
  email: 'adama.ndiaye@example.org',
};
const inayaIns = '288047512345617';
const client = { id: 'lps-demonstration', redirectUri: 'http://127.0.0.1:8765/callback' };

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

/** A PKCE pair and the authorization URL the software opens in the browser. */
function authorization(state: string) {
  const verifier = randomBytes(32).toString('base64url');
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: client.id,
    redirect_uri: client.redirectUri,
    scope: 'user/*.read user/*.write',
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  return { verifier, url: `${server.url}/oauth/auth?${query.toString()}` };
}

/** The software's redirect URI (nothing listens there): the URL the browser was sent to. */
async function captureCallback(page: Page): Promise<() => Promise<URL>> {
  let resolve: (url: URL) => void = () => undefined;
  const landed = new Promise<URL>((r) => (resolve = r));
  await page.route(`${client.redirectUri}**`, async (route) => {
    resolve(new URL(route.request().url()));
    await route.fulfill({ status: 200, contentType: 'text/plain', body: 'ok' });
  });
  return () => landed;
}

describe(`OAuth 2.0 consent (${e2eDialect})`, () => {
  it('Ndiaye signs in from the consent page, approves, and the software reads Inaya’s record', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const page = await context.newPage();
    const callback = await captureCallback(page);
    const { verifier, url } = authorization('etat-e2e');
    await page.goto(url);

    // Signed out: the professional sign-in, then back to the consent screen.
    await page.getByRole('heading', { name: /Étape 1\/3/ }).waitFor();
    await page.getByLabel('Numéro RPPS').fill(ndiaye.rpps);
    await page.getByLabel('Mot de passe', { exact: false }).first().fill(ndiaye.password);
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByRole('heading', { name: /Étape 2\/3/ }).waitFor();
    const mailbox = fileMailbox(server.dataDir);
    const before = mailbox.count();
    const email = page.getByRole('radio', { name: /Par e-mail/ });
    if ((await email.count()) > 0) await email.first().check();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByRole('heading', { name: /Étape 3\/3/ }).waitFor();
    const code = await mailbox.waitForCode(ndiaye.email, { after: before });
    await page.getByLabel("Code d'accès à usage unique").fill(code);
    await page.getByRole('button', { name: 'Se connecter' }).click();

    await page
      .getByRole('heading', {
        name: 'Autoriser « Logiciel de démonstration » à accéder en votre nom',
        level: 1,
      })
      .waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Autoriser' }).click();
    const landing = await callback();
    expect(landing.searchParams.get('state')).toBe('etat-e2e');
    const authorizationCode = landing.searchParams.get('code');
    expect(authorizationCode).toBeTruthy();

    const tokenResponse = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: client.id,
        redirect_uri: client.redirectUri,
        code_verifier: verifier,
        code: authorizationCode!,
      }),
    });
    expect(tokenResponse.status).toBe(200);
    const tokens = (await tokenResponse.json()) as { access_token: string; expires_in: number };
    expect(tokens.expires_in).toBeLessThanOrEqual(3600);
    const search = await fetch(
      `${server.url}/fhir/R4/Patient?identifier=urn:oid:1.2.250.1.213.1.4.8|${inayaIns}`,
      { headers: { authorization: `Bearer ${tokens.access_token}` } },
    );
    expect(search.status).toBe(200);
    expect(((await search.json()) as { entry?: unknown[] }).entry).toHaveLength(1);

    // Signed in already: a second request goes straight to the consent; refusing it.
    const refusedPage = await context.newPage();
    const refused = await captureCallback(refusedPage);
    await refusedPage.goto(authorization('etat-refus').url);
    await refusedPage.getByRole('button', { name: 'Refuser' }).click();
    const denied = await refused();
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('state')).toBe('etat-refus');
    await context.close();
  });
});
