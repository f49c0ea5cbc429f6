/**
 * Issue 14 "Done when": Inaya asks for her data, gets the e-mail (a real SMTP server started by
 * the test), downloads the ZIP (every document byte-identical, a valid FHIR R4 bundle, the history
 * CSV, the summary PDF); she closes her profile asking for the deletion of her data: sign-in shows
 * the reactivation message and Ndiaye Adama gets 404. "After the deletion delay" is reached by
 * running the daily job through the CLI with a simulated date (`carnet lifecycle sweep --at`):
 * no document row, hence no key, is left for her saved blobs, and `carnet check --deep` is clean.
 */
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fhirSchemaErrors } from '../apps/server/test/fhir-validator.ts';
import { readZip } from '../apps/server/test/zip-reader.ts';
import { launchBrowser } from './support/browser.ts';
import { smtpMailbox } from './support/mailbox.ts';
import type { Mailbox } from './support/mailbox.ts';
import { signInProfessional } from './support/pro-sign-in.ts';
import { e2eDialect, startServer } from './support/server.ts';
import type { RunningServer } from './support/server.ts';
import { demoPatient, signInDemoPatient } from './support/sign-in.ts';
import { startInbox } from './support/smtp.ts';
import type { TestInbox } from './support/smtp.ts';

const run = promisify(execFile);
const shots = process.env.CARNET_E2E_SHOTS ?? '/tmp/carnet-lifecycle-shots';
const inaya = { ins: '288047512345617', birthDate: '1988-04-12' };
const ndiaye = {
  rpps: '10000000045',
  password: 'Carnet-demo-2026',
  email: 'adama.ndiaye@example.org',
};

let server: RunningServer;
let inbox: TestInbox;
let mailbox: Mailbox;
let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  inbox = await startInbox();
  mailbox = smtpMailbox(inbox);
  server = await startServer({ env: { CARNET_SMTP_URL: inbox.url } });
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
  await inbox?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({
    acceptDownloads: true,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  contexts.push(context);
  return context.newPage();
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(shots, `${e2eDialect}-${name}.png`), fullPage: true });

/** `npm run carnet -- <args>` on the test server's data. */
async function carnet(
  ...args: string[]
): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'apps/server/src/main.ts', ...args],
      { env: { ...process.env, ...server.env }, cwd: process.cwd() },
    );
    return { stdout, stderr: '', code: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number };
    return { stdout: failed.stdout ?? '', stderr: failed.stderr ?? '', code: failed.code ?? 1 };
  }
}

/** Every file under a folder. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('profile lifecycle', () => {
  let page: Page;

  it('a person who opposes the creation of her profile gets the attestation at the end and by e-mail', async () => {
    const leo = { ins: '191057512345678', birthDate: '1991-05-06', email: 'leo.petit@example.org' };
    const created = await carnet(
      'create-patient',
      '--ins',
      leo.ins,
      '--first-name',
      'Léo',
      '--last-name',
      'Petit',
      '--birth-date',
      leo.birthDate,
      '--email',
      leo.email,
    );
    expect(created.code).toBe(0);
    const codeIn = async (subject: string, pattern: RegExp): Promise<string> => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const mail = inbox.to(leo.email).find((m) => m.subject === subject);
        const found = mail ? pattern.exec(mail.text ?? '')?.[1] : undefined;
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no "${subject}" e-mail`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    const activationCode = await codeIn(
      'Activez votre profil Carnet',
      /([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/,
    );
    const person = await newPage();
    await person.goto(`${server.url}/activation`);
    await person.getByRole('button', { name: "Je m'oppose à la création de mon profil" }).click();
    await person.getByLabel('Mon code provisoire').fill(activationCode);
    await person.getByLabel('Mon numéro de sécurité sociale (INS)').fill(leo.ins);
    await person.getByLabel('Ma date de naissance').fill(leo.birthDate);
    await person.getByRole('button', { name: 'Confirmer mon opposition' }).click();
    await person.getByText('Opposition enregistrée').waitFor();
    await shot(person, 'opposition-1-done');
    const [atEnd] = await Promise.all([
      person.waitForEvent('download'),
      person.getByRole('button', { name: 'Télécharger mon attestation d’opposition' }).click(),
    ]);
    const endPath = join(shots, `${e2eDialect}-attestation.pdf`);
    await atEnd.saveAs(endPath);
    expect(readFileSync(endPath).subarray(0, 5).toString()).toBe('%PDF-');

    const link = await codeIn(
      'Votre opposition a été enregistrée',
      /(http\S+\/opposition\/attestation#\S+)/,
    );
    const fromMail = await newPage();
    await fromMail.goto(link);
    await fromMail.getByRole('heading', { name: 'Attestation d’opposition' }).waitFor();
    await shot(fromMail, 'opposition-2-link');
    const [again] = await Promise.all([
      fromMail.waitForEvent('download'),
      fromMail.getByRole('button', { name: 'Télécharger mon attestation d’opposition' }).click(),
    ]);
    expect(again.suggestedFilename()).toMatch(/\.pdf$/);
  });

  it('a professional resets a forgotten password with a one-time code, then signs in with it', async () => {
    const toujman = { rpps: '10000000052', email: 'gabriel.toujman@example.org' };
    const newPassword = 'Kiné-genou-souple-2027';
    const pro = await newPage();
    await pro.goto(`${server.url}/pro/connexion`);
    await pro.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await pro.getByRole('heading', { name: 'Mot de passe oublié' }).waitFor();
    const before = mailbox.count();
    await pro.getByLabel('Numéro RPPS').fill(toujman.rpps);
    await pro.getByRole('button', { name: 'Recevoir un code' }).click();
    await pro.getByLabel('Code reçu par e-mail').waitFor();
    const code = await mailbox.waitForCode(toujman.email, { after: before });
    await pro.getByLabel('Code reçu par e-mail').fill(code);
    await pro.getByLabel('Nouveau mot de passe').fill(newPassword);
    await shot(pro, 'pro-reset-1-code');
    await pro.getByRole('button', { name: 'Changer mon mot de passe' }).click();
    await pro.getByText('Mot de passe modifié').waitFor();
    await shot(pro, 'pro-reset-2-done');
    const signedIn = await newPage();
    await signInProfessional(signedIn, server.url, mailbox, { ...toujman, password: newPassword });
  });

  it('Inaya downloads her data: every document byte-identical, a valid FHIR bundle, the CSV and the PDF', async () => {
    page = await newPage();
    await signInDemoPatient(page, server.url, mailbox);
    await page.goto(`${server.url}/parametres/telecharger-mes-donnees`);
    await page.getByRole('heading', { name: 'Télécharger mes données', level: 2 }).waitFor();
    await shot(page, 'export-1-page');
    // Operator branding: not a State service by default, so no bloc-marque, the neutral logo.
    expect(await page.locator('.fr-header__logo').isVisible()).toBe(false);
    expect(await page.getByRole('img', { name: 'Carnet - Accueil' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Demander mes données' }).click();
    await page.getByText('Mes données sont prêtes').waitFor({ timeout: 60_000 });
    await shot(page, 'export-2-ready');

    const deadline = Date.now() + 30_000;
    while (!(await mailbox.subjectsTo(demoPatient.email)).includes('Vos données sont prêtes')) {
      if (Date.now() > deadline) throw new Error('no "Vos données sont prêtes" e-mail');
      await new Promise((r) => setTimeout(r, 200));
    }
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('a[download]').click(),
    ]);
    const zipPath = join(shots, `${e2eDialect}-export.zip`);
    await download.saveAs(zipPath);
    const zip = readZip(readFileSync(zipPath));

    // Every document Inaya sees, compared byte for byte with its own download.
    const list = await page.request.get(`${server.url}/api/documents?page=1`);
    const { items, total } = (await list.json()) as { items: Array<{ id: string }>; total: number };
    expect(total).toBe(12);
    const documentEntries = [...zip.keys()].filter((k) => k.startsWith('documents/'));
    expect(documentEntries).toHaveLength(12);
    const archived = new Set(documentEntries.map((k) => zip.get(k)!.toString('base64')));
    for (const item of items) {
      const original = await page.request.get(`${server.url}/api/documents/${item.id}/download`);
      expect(archived.has((await original.body()).toString('base64'))).toBe(true);
    }
    const bundle = JSON.parse(zip.get('profil.fhir.json')!.toString('utf8')) as {
      entry: Array<{ resource: { resourceType: string } }>;
    };
    expect(fhirSchemaErrors(bundle)).toEqual([]);
    expect(
      bundle.entry.filter((e) => e.resource.resourceType === 'DocumentReference'),
    ).toHaveLength(12);
    expect(zip.get('historique.csv')!.toString('utf8')).toMatch(/^\uFEFF"Date et heure"/);
    expect(zip.get('resume.pdf')!.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('Inaya closes her profile asking for deletion: sign-in shows how to reactivate, Ndiaye Adama gets 404', async () => {
    await page.goto(`${server.url}/parametres/cloture-du-profil`);
    await page.getByRole('heading', { name: 'Clôture du profil', level: 2 }).waitFor();
    await page.getByLabel('Mot de passe', { exact: false }).first().fill('Pas-le-bon-mot-de-passe');
    await page.getByRole('button', { name: 'Clôturer mon profil' }).click();
    await page.getByText('Mot de passe incorrect.').waitFor();
    await page.getByLabel('Mot de passe', { exact: false }).first().fill(demoPatient.password);
    await page.getByText('Je demande la suppression de mes données').click();
    await shot(page, 'closure-1-form');
    await page.getByRole('button', { name: 'Clôturer mon profil' }).click();
    await page.getByText('Mon profil est clôturé').waitFor();
    await shot(page, 'closure-2-done');
    expect((await page.request.get(`${server.url}/api/me`)).status()).toBe(401);

    const again = await newPage();
    await again.goto(`${server.url}/connexion`);
    await again.getByLabel('Mon identifiant').fill(demoPatient.identifiant);
    await again.getByLabel('Mon mot de passe', { exact: false }).first().fill(demoPatient.password);
    await again.getByRole('button', { name: 'Continuer' }).click();
    await again.getByText(/Votre profil Carnet est clôturé.*Pour le réactiver/).waitFor();
    await shot(again, 'closure-3-sign-in');

    const pro = await newPage();
    await signInProfessional(pro, server.url, mailbox, ndiaye);
    await pro.getByLabel('INS du patient').fill(inaya.ins);
    await pro.getByLabel('Date de naissance').fill(inaya.birthDate);
    await pro.getByRole('button', { name: 'Rechercher' }).click();
    const search = await pro.request.post(`${server.url}/api/pro/patients/search`, {
      data: inaya,
      headers: { 'x-carnet-request': '1' },
    });
    expect(search.status()).toBe(404);
    await shot(pro, 'closure-4-professional');
  });

  it('after the deletion delay no key opens her saved blobs and `carnet check --deep` is clean', async () => {
    const blobs = join(server.dataDir, 'blobs');
    const saved = join(shots, `${e2eDialect}-saved-blobs`);
    const documentBlobs = filesUnder(blobs).filter((f) => f.includes('documents+'));
    expect(documentBlobs.length).toBeGreaterThanOrEqual(12);
    for (const file of documentBlobs) {
      const copy = join(saved, relative(blobs, file));
      mkdirSync(join(copy, '..'), { recursive: true });
      copyFileSync(file, copy);
    }
    const early = await carnet(
      'lifecycle',
      'sweep',
      '--at',
      new Date(Date.now() + 60 * 86400_000).toISOString(),
    );
    expect(early.stdout).toMatch(/Records erased: 0/);
    const due = await carnet(
      'lifecycle',
      'sweep',
      '--at',
      new Date(Date.now() + 91 * 86400_000).toISOString(),
    );
    expect(due.stdout).toMatch(/Records erased: 1/);
    // What is left belongs to the other demo record, Léo's three documents (seed-demo-proches):
    // every file of hers is gone.
    const remaining = filesUnder(blobs).filter((f) => f.includes('documents+'));
    const isVersion = (file: string) => basename(file).split('+').length === 2;
    expect(remaining.every((f) => documentBlobs.includes(f))).toBe(true);
    expect(remaining.filter(isVersion)).toHaveLength(3);
    const erased = documentBlobs.filter((f) => !remaining.includes(f));
    expect(erased.filter(isVersion).length).toBeGreaterThanOrEqual(12);

    // Her blobs put back: no document row, so no wrapped key, is left to open any of them; only
    // Léo's three versions are still documents.
    for (const file of erased)
      writeFileSync(file, readFileSync(join(saved, relative(blobs, file))));
    const check = await carnet('check', '--deep');
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/Document versions checked: 3\b/);
    expect(check.stdout).toMatch(/No incident\./);

    const reactivate = await carnet('reactivate', '--ins', inaya.ins);
    expect(reactivate.code).toBe(1);
    expect(reactivate.stderr).toMatch(/supprimées.*ne peut pas être réactivé/);
  });
});
