/**
 * Issue 3 "Done when": in Chromium, the demo patient adds a PDF and a photo, sees them listed with
 * thumbnails, opens the PDF preview, renames one, changes its date and category, masks it,
 * filters, and deletes the other — through the real server, on SQLite and on PostgreSQL.
 */
import PDFDocument from 'pdfkit';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.ts';
import { expectAccessible } from './support/axe.ts';
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

/** A small valid two-page PDF with real text. */
function makePdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', info: { Title: 'Ordonnance' } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(20).text('Ordonnance', { align: 'center' });
    doc.moveDown().fontSize(12).text('Paracétamol 1 g, 3 fois par jour pendant 5 jours.');
    doc.addPage().text('Page 2 : renouvellement.');
    doc.end();
  });
}

/** A small PNG "photo": a gradient, so the thumbnail is a real picture. */
function makePhoto(): Promise<Buffer> {
  const width = 320;
  const height = 240;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 3;
      pixels[i] = Math.round((x / width) * 255);
      pixels[i + 1] = Math.round((y / height) * 255);
      pixels[i + 2] = 160;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** Waits until an <img> has really loaded (the background job made it). */
async function waitForImage(image: Locator): Promise<void> {
  await image.waitFor({ timeout: 60_000 });
  await expect
    .poll(() => image.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0), {
      timeout: 30_000,
    })
    .toBe(true);
}

/** The line of the list that links to `title`. */
function listItem(page: Page, title: string): Locator {
  return page
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: title, exact: true }) });
}

describe(`the demo patient's documents (${e2eDialect})`, () => {
  it('adds a PDF and a photo, previews, edits, masks, filters and deletes', async () => {
    const page = await browser.newPage();
    await signInDemoPatient(page, server.url, server.dataDir);

    // Add two files in one go, from Accueil's "Ajouter un document de santé".
    await page.getByRole('link', { name: 'Ajouter un document de santé' }).click();
    await page.getByRole('heading', { name: 'Ajouter un document', level: 1 }).waitFor();
    await page.getByText('Taille maximale : 5 Mo par fichier.').waitFor();
    await expectAccessible(page);
    await page.getByLabel('Sélectionner un ou plusieurs fichiers').setInputFiles([
      { name: 'ordonnance-e2e.pdf', mimeType: 'application/pdf', buffer: await makePdf() },
      { name: 'photo-e2e.png', mimeType: 'image/png', buffer: await makePhoto() },
    ]);
    const pdfFields = page.getByRole('group', { name: /ordonnance-e2e\.pdf/ });
    const photoFields = page.getByRole('group', { name: /photo-e2e\.png/ });
    expect(await pdfFields.getByLabel('Nom du document').inputValue()).toBe('ordonnance-e2e');
    expect(await photoFields.getByLabel('Nom du document').inputValue()).toBe('photo-e2e');
    await expectAccessible(page);
    await pdfFields.getByLabel('Type de document').selectOption({ label: 'Ordonnances et soins' });
    await photoFields.getByLabel('Type de document').selectOption({ label: 'Autres documents' });
    await page.getByRole('button', { name: 'Ajouter', exact: true }).click();

    // Both are listed, newest first, with thumbnails made in the background.
    await page.getByRole('heading', { name: 'Mes documents', level: 1 }).waitFor();
    await page.getByText('2 documents ont été ajoutés.').waitFor();
    await expectAccessible(page);
    await waitForImage(
      listItem(page, 'ordonnance-e2e').getByRole('img', { name: 'ordonnance-e2e' }),
    );
    await waitForImage(listItem(page, 'photo-e2e').getByRole('img', { name: 'photo-e2e' }));

    // The PDF's preview: its first page rendered as an image.
    await page.getByRole('link', { name: 'ordonnance-e2e', exact: true }).click();
    await page.getByRole('heading', { name: 'ordonnance-e2e', level: 1 }).waitFor();
    await waitForImage(page.getByRole('img', { name: 'ordonnance-e2e, page 1' }));
    await page.getByRole('link', { name: 'Télécharger' }).waitFor();
    await expectAccessible(page);

    // Rename it, change its date and its category.
    const renamed = 'Ordonnance renouvelée e2e';
    await page.getByRole('button', { name: 'Modifier', exact: true }).click();
    await page.getByLabel('Nom du document').fill(renamed);
    await page.getByLabel('Date du document').fill('2025-11-03');
    await page.getByLabel('Type de document').selectOption({ label: 'Comptes rendus' });
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Mise à jour effectuée').waitFor();
    await page.getByRole('heading', { name: renamed, level: 1 }).waitFor();
    await page.getByText('Date du document : 03/11/2025').waitFor();
    await page.getByText('Type de document : Comptes rendus').waitFor();
    await expectAccessible(page);

    // Mask it from the list (selection → "Masquer aux professionnels de santé").
    await page.getByRole('link', { name: 'Mes documents' }).click();
    await page.getByRole('heading', { name: 'Mes documents', level: 1 }).waitFor();
    await page.getByLabel(`Sélectionner ${renamed}`).check();
    await page.getByRole('button', { name: 'Masquer aux professionnels de santé' }).click();
    await listItem(page, renamed).getByText('Masqué aux professionnels de santé').waitFor();
    await expectAccessible(page);
    expect(
      await listItem(page, 'photo-e2e').getByText('Masqué aux professionnels de santé').count(),
    ).toBe(0);

    // Filter by category and by who added it.
    await page.getByLabel('Catégorie').selectOption({ label: 'Comptes rendus' });
    await page.getByLabel('Ajouté par').selectOption({ label: 'Moi' });
    await expect.poll(() => page.url()).toContain('category=CPT_REND');
    await page.getByRole('link', { name: renamed, exact: true }).waitFor();
    await expect
      .poll(() => page.getByRole('link', { name: 'photo-e2e', exact: true }).count())
      .toBe(0);
    await page.getByLabel('Rechercher un document').fill('renouvelée');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect.poll(() => page.url()).toContain('q=');
    await page.getByRole('link', { name: renamed, exact: true }).waitFor();

    // Delete the other one, after a confirmation that says it is definitive.
    await page.getByRole('link', { name: 'Documents', exact: true }).click();
    await expect.poll(() => page.url()).toBe(`${server.url}/documents`);
    await page.getByRole('link', { name: 'photo-e2e', exact: true }).click();
    await page.getByRole('heading', { name: 'photo-e2e', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Supprimer', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Supprimer ce document ?' });
    await dialog
      .getByText('Ce document sera supprimé définitivement. Cette action est irréversible.')
      .waitFor();
    await dialog.getByRole('button', { name: 'Supprimer définitivement' }).click();
    await page.getByRole('heading', { name: 'Mes documents', level: 1 }).waitFor();
    await page.getByText('a été supprimé définitivement').waitFor();
    await page.getByRole('link', { name: renamed, exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'photo-e2e', exact: true }).count()).toBe(0);
    await page.close();
  });
});
