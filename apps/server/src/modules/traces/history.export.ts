/**
 * Exports of a history selection (PRODUCT.md "Historique d'activité"): CSV for spreadsheet software
 * (UTF-8 with BOM, `;`, RFC 4180 quoting, cells neutralised against formula injection — OWASP
 * "CSV Injection") and a readable PDF table (pdfkit, text only).
 */
import type { HistoryEntry, HistoryFilter } from '@carnet/shared';
import { historyTabs } from '@carnet/shared';

/** Lines of the PDF at most: past this the CSV carries the whole selection. */
export const PDF_MAX_LINES = 5_000;

const dateTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  dateStyle: 'short',
  timeStyle: 'short',
});
const monthYear = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  month: 'long',
  year: 'numeric',
});

/** "27/11/2026 10:00" in France's time. */
export const formatDateTime = (iso: string): string => dateTime.format(new Date(iso));

const outcomes = { success: 'Réussi', denied: 'Refusé', failure: 'Échec' } as const;

/** The columns of both exports, in order. */
const columns: Array<{ title: string; value: (e: HistoryEntry) => string; width: number }> = [
  { title: 'Date et heure', value: (e) => formatDateTime(e.at), width: 78 },
  { title: 'Qui', value: (e) => e.actor.name, width: 112 },
  { title: 'Profession', value: (e) => e.actor.profession ?? '', width: 76 },
  { title: 'RPPS', value: (e) => e.actor.rpps ?? '', width: 62 },
  { title: 'Action', value: (e) => e.label, width: 136 },
  { title: 'Sur quoi', value: (e) => e.target ?? '', width: 118 },
  { title: 'Mode', value: (e) => (e.mode === 'urgence' ? 'Urgence' : 'Normal'), width: 46 },
  { title: 'Motif', value: (e) => e.reason ?? '', width: 96 },
  { title: 'Résultat', value: (e) => outcomes[e.outcome], width: 46 },
];

/** One CSV cell: formula-leading text gets a `'`, and every cell is quoted with `"` doubled. */
export function csvCell(value: string): string {
  // = + - @ start a formula in Excel, LibreOffice and Sheets; TAB and CR are read as such too.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** The CSV text of a selection, chunk by chunk: BOM and header first, then one line per entry. */
export async function* historyCsv(batches: AsyncIterable<HistoryEntry[]>): AsyncGenerator<string> {
  yield `\uFEFF${columns.map((c) => csvCell(c.title)).join(';')}\r\n`;
  for await (const entries of batches) {
    yield entries.map((e) => `${columns.map((c) => csvCell(c.value(e))).join(';')}\r\n`).join('');
  }
}

/** "Onglet Professionnels, du 01/10/2026 au 31/10/2026". */
export function describeSelection(filter: HistoryFilter): string {
  const day = (d: string) => d.split('-').reverse().join('/');
  const period =
    filter.from && filter.to
      ? `du ${day(filter.from)} au ${day(filter.to)}`
      : filter.from
        ? `depuis le ${day(filter.from)}`
        : filter.to
          ? `jusqu’au ${day(filter.to)}`
          : 'toute la période';
  return `Onglet « ${historyTabs[filter.tab]} », ${period}`;
}

// The standard PDF fonts encode WinAnsi (Latin-1 and a few typographic signs); anything else is
// replaced rather than drawn as a wrong glyph.
const winAnsiExtra = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
/** Text the standard PDF fonts (WinAnsi) can draw; other characters become "?". */
export function winAnsi(text: string): string {
  return [...text.normalize('NFC')]
    .map((ch) => {
      const code = ch.codePointAt(0)!;
      if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) return ch;
      if (winAnsiExtra.has(ch)) return ch;
      // Thin and narrow no-break spaces (French number and date formats) become plain spaces.
      return /[\s\u2000-\u200a\u202f]/.test(ch) ? ' ' : '?';
    })
    .join('');
}

/** A PDF of a selection: title, selection, then a table grouped by month, headers on each page. */
export async function historyPdf(input: {
  patientName: string;
  filter: HistoryFilter;
  generatedAt: Date;
  batches: AsyncIterable<HistoryEntry[]>;
}): Promise<Buffer> {
  // Loaded on the first export, not at start (PERFORMANCE.md B8: cold start).
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 36,
    info: { Title: 'Historique d’activité', Creator: 'Carnet' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const fontSize = 8;
  const pad = 3;

  doc.font('Helvetica-Bold').fontSize(16).text(winAnsi('Historique d’activité'));
  doc.font('Helvetica').fontSize(10);
  doc.text(winAnsi(`Profil de ${input.patientName}`));
  doc.text(winAnsi(describeSelection(input.filter)));
  doc.text(winAnsi(`Document généré le ${formatDateTime(input.generatedAt.toISOString())}`));
  doc.moveDown();

  const drawRow = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(fontSize);
    const heights = cells.map((text, i) =>
      doc.heightOfString(text, { width: columns[i]!.width - 2 * pad }),
    );
    const height = Math.max(...heights) + 2 * pad;
    if (doc.y + height > bottom()) {
      doc.addPage();
      if (!bold)
        drawRow(
          columns.map((c) => winAnsi(c.title)),
          true,
        );
    }
    const top = doc.y;
    let x = left;
    cells.forEach((text, i) => {
      const width = columns[i]!.width;
      doc.rect(x, top, width, height).lineWidth(0.5).stroke('#999999');
      doc.fillColor('#000000').text(text, x + pad, top + pad, { width: width - 2 * pad });
      x += width;
    });
    doc.x = left;
    doc.y = top + height;
  };

  drawRow(
    columns.map((c) => winAnsi(c.title)),
    true,
  );
  let lines = 0;
  let month = '';
  let truncated = false;
  for await (const entries of input.batches) {
    for (const entry of entries) {
      if (lines >= PDF_MAX_LINES) {
        truncated = true;
        break;
      }
      const thisMonth = monthYear.format(new Date(entry.at));
      if (thisMonth !== month) {
        month = thisMonth;
        if (doc.y + 30 > bottom()) {
          doc.addPage();
          drawRow(
            columns.map((c) => winAnsi(c.title)),
            true,
          );
        }
        doc.moveDown(0.4);
        doc
          .font('Helvetica-Bold')
          .fontSize(10)
          .text(winAnsi(capitalize(month)), left);
        doc.moveDown(0.2);
      }
      drawRow(
        columns.map((c) => winAnsi(c.value(entry))),
        false,
      );
      lines += 1;
    }
    if (truncated) break;
  }
  doc.moveDown();
  doc.font('Helvetica').fontSize(9);
  if (lines === 0) doc.text('Aucune activité sur cette période.', left);
  if (truncated)
    doc.text(
      winAnsi(
        `Export limité aux ${PDF_MAX_LINES.toLocaleString('fr-FR')} lignes les plus récentes : l’export CSV contient toute la sélection.`,
      ),
      left,
    );
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
