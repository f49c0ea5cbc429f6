import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { givenActivePatient, signIn } from '../../../test/builders.ts';
import type { TestApp, TestClient } from '../../../test/test-app.ts';
import { createTestApp } from '../../../test/test-app.ts';
import { createProfessionalsService } from '../professionals/professionals.service.ts';
import { csvCell } from './history.export.ts';

const pdfjsDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

describe('a CSV cell', () => {
  it.each([
    ['=SUM(A1:A9)', `"'=SUM(A1:A9)"`],
    ['+33 6 11', `"'+33 6 11"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(1)', `"'@SUM(1)"`],
    ['\tcmd', `"'\tcmd"`],
    ['\rcmd', `"'\rcmd"`],
    ['Dit "bonjour"', `"Dit ""bonjour"""`],
    ['a;b\nc', `"a;b\nc"`],
    ['Ndiaye Adama', `"Ndiaye Adama"`],
  ])('neutralises and quotes %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('export of the history', () => {
  let t: TestApp;
  let client: TestClient;
  let patientId: string;

  beforeEach(async () => {
    t = await createTestApp();
    const inaya = await givenActivePatient(t);
    patientId = inaya.patient.id;
    client = await signIn(t, inaya);
    const { db } = t.deps.database;
    const professionals = createProfessionalsService({ db, clock: t.clock, newId: t.deps.newId });
    const ndiaye = await professionals.create(db, {
      rpps: '10000000045',
      firstName: 'Adama',
      lastName: 'Ndiaye',
      profession: 'medecin',
      specialty: 'Médecine générale',
      isRegulator: false,
      email: null,
    });
    const forger = await professionals.create(db, {
      rpps: '10000000099',
      firstName: 'Jean "Jo"',
      lastName: '=HYPERLINK("http://evil.example","x")',
      profession: 'infirmier',
      specialty: null,
      isRegulator: false,
      email: null,
    });
    t.clock.advance(60_000);
    await t.deps.traces.append(db, {
      patientId,
      actor: { type: 'professional', id: ndiaye.id },
      action: 'document.read',
      target: { type: 'document', id: 'doc_1' },
    });
    t.clock.advance(60_000);
    await t.deps.traces.append(db, {
      patientId,
      actor: { type: 'professional', id: forger.id },
      action: 'access.emergency_open',
      mode: 'urgence',
      details: { emergencyMode: 'bris-de-glace', motif: '-Malaise; chute "grave"' },
    });
  });
  afterEach(async () => {
    await t.close();
  });

  const exportTraces = () =>
    t.deps.database.db
      .selectFrom('traces')
      .select(['action', 'details', 'actor_type'])
      .where('patient_id', '=', patientId)
      .where('action', '=', 'history.export')
      .execute();

  it('downloads the selection as a CSV with BOM, semicolons and neutralised cells', async () => {
    const response = await client.get('/api/history/export.csv?tab=professionnels');

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="historique-activite-2026-11-27.csv"',
    );
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = response.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      '"Date et heure";"Qui";"Profession";"RPPS";"Action";"Sur quoi";"Mode";"Motif";"Résultat"',
    );
    expect(lines[1]).toBe(
      `"27/11/2026 10:02";"'=HYPERLINK(""http://evil.example"",""x"") Jean ""Jo""";"Infirmier";"10000000099";"Accès en urgence (bris de glace)";"";"Urgence";"'-Malaise; chute ""grave""";"Réussi"`,
    );
    expect(lines[2]).toBe(
      '"27/11/2026 10:01";"Ndiaye Adama";"Médecin";"10000000045";"Consultation du document";"Un document";"Normal";"";"Réussi"',
    );
    expect(lines.slice(3)).toEqual(['']);
  });

  it('exports only the tab and period asked for', async () => {
    const mine = await client.get('/api/history/export.csv?tab=mes-activites');
    const empty = await client.get('/api/history/export.csv?tab=professionnels&to=2026-11-26');

    expect(mine.body).toContain('"Connexion"');
    expect(mine.body).not.toContain('Ndiaye');
    expect(empty.body.split('\r\n').filter(Boolean)).toHaveLength(1);
  });

  it('downloads a PDF whose table holds the names and actions as text', async () => {
    const response = await client.get('/api/history/export.pdf?tab=professionnels&from=2026-11-01');

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="historique-activite-2026-11-27.pdf"',
    );
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = await getDocument({
      data: new Uint8Array(response.rawPayload),
      standardFontDataUrl: join(pdfjsDir, 'standard_fonts/'),
    }).promise;
    const page = await pdf.getPage(1);
    const text = (await page.getTextContent()).items
      .map((item) => ('str' in item ? item.str : ''))
      .join(' ');
    for (const expected of [
      'Historique d’activité',
      'Inaya Michel',
      'Professionnels',
      'depuis le 01/11/2026',
      'Ndiaye Adama',
      'Consultation du document',
      'Accès en urgence (bris de glace)',
      'Novembre 2026',
    ])
      expect(text).toContain(expected);
    await pdf.destroy();
  });

  it('traces each export with its format and selection', async () => {
    await client.get('/api/history/export.csv?tab=professionnels&from=2026-11-01&to=2026-11-30');
    await client.get('/api/history/export.pdf?tab=mes-activites');

    const traces = await exportTraces();
    expect(traces.map((r) => [r.actor_type, JSON.parse(r.details) as unknown])).toEqual([
      ['patient', { format: 'csv', tab: 'professionnels', from: '2026-11-01', to: '2026-11-30' }],
      ['patient', { format: 'pdf', tab: 'mes-activites', from: null, to: null }],
    ]);
  });

  it('refuses an export of a malformed selection and traces nothing', async () => {
    const response = await client.get('/api/history/export.csv?tab=professionnels&cursor=abc');

    expect(response.statusCode).toBe(400);
    expect(await exportTraces()).toEqual([]);
  });
});
