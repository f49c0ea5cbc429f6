import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.ts';
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
    const context = await browser.newContext({ acceptDownloads: true, timezoneId: 'Europe/Paris' });
    const page = await context.newPage();
    await signInDemoPatient(page, server.url, server.dataDir);

    await page.goto(`${server.url}/parametres`);
    await page.getByRole('link', { name: "Historique d'activité" }).click();
    await page.getByRole('heading', { name: "Historique d'activité", level: 2 }).waitFor();
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
    await context.close();
  });
});
