/**
 * The "Synthèse du profil médical" PDF (PRODUCT.md): the rubriques the patient chose, one line per
 * entry. Every string is drawn as text by pdfkit (never interpreted), restricted to WinAnsi.
 */
import type { MedicalProfile } from '@carnet/shared';
import { describeEntry, frenchDate } from '@carnet/shared';
import PDFDocument from 'pdfkit';

// The standard PDF fonts encode WinAnsi (Latin-1 and a few typographic signs); anything else is
// replaced rather than drawn as a wrong glyph.
const winAnsiExtra = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
function winAnsi(text: string): string {
  return [...text.normalize('NFC')]
    .map((ch) => {
      const code = ch.codePointAt(0)!;
      if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) return ch;
      if (winAnsiExtra.has(ch)) return ch;
      return /[\s\u2000-\u200a\u202f]/.test(ch) ? ' ' : '?';
    })
    .join('');
}

/** What the synthèse shows. */
export interface SyntheseContent {
  patient: { firstName: string; lastName: string; birthDate: string };
  /** The chosen rubriques, in display order. */
  rubriques: MedicalProfile['rubriques'];
  bmi: MedicalProfile['bmi'];
  generatedAt: Date;
}

/** Renders the synthèse as a PDF buffer. */
export async function synthesePdf(content: SyntheseContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: 'Synthèse médicale', Creator: 'Carnet' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const p = content.patient;
  doc.font('Helvetica-Bold').fontSize(18).text(winAnsi('Synthèse du profil médical'));
  doc.moveDown(0.3);
  doc
    .font('Helvetica')
    .fontSize(11)
    .text(winAnsi(`${p.firstName} ${p.lastName}, né(e) le ${frenchDate(p.birthDate)}`));
  const generated = new Intl.DateTimeFormat('fr-FR', {
    dateStyle: 'long',
    timeZone: 'Europe/Paris',
  }).format(content.generatedAt);
  doc
    .fontSize(9)
    .fillColor('#555')
    .text(winAnsi(`Document généré le ${generated} par Carnet`));
  doc.fillColor('black');
  for (const rubrique of content.rubriques) {
    doc.moveDown(1);
    doc.font('Helvetica-Bold').fontSize(13).text(winAnsi(rubrique.label));
    doc.font('Helvetica').fontSize(10);
    if (rubrique.code === 'mesures' && content.bmi)
      doc.text(
        winAnsi(
          `IMC : ${content.bmi.value.toLocaleString('fr-FR')} kg/m² (calculé le ${frenchDate(content.bmi.date)})`,
        ),
      );
    if (rubrique.entries.length === 0) {
      doc
        .fillColor('#555')
        .text(
          winAnsi(
            rubrique.notConcerned
              ? 'Je ne suis pas concerné(e).'
              : 'Aucune information renseignée.',
          ),
        )
        .fillColor('black');
      continue;
    }
    for (const entry of rubrique.entries) {
      const { title, detail } = describeEntry(entry.data);
      doc.text(winAnsi(`• ${title}${detail ? ` — ${detail}` : ''}`), { paragraphGap: 2 });
    }
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
