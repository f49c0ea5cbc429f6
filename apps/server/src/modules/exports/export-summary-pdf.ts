/** `resume.pdf`: a readable summary of the archive (pdfkit, text only, standard fonts). */
import PDFDocument from 'pdfkit';
import { formatDateTime, winAnsi } from '../traces/history.export.ts';
import type { SummarySection } from './export-contributors.ts';

/** Builds the summary; its size follows the number of lines, not the documents' bytes. */
export async function summaryPdf(input: {
  patientName: string;
  generatedAt: Date;
  sections: SummarySection[];
}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: 'Mes données Carnet', Creator: 'Carnet' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(18).text(winAnsi('Mes données Carnet'));
  doc.font('Helvetica').fontSize(10);
  doc.text(winAnsi(`Profil de ${input.patientName}`));
  doc.text(winAnsi(`Archive générée le ${formatDateTime(input.generatedAt.toISOString())}`));
  doc.moveDown();
  doc.text(
    winAnsi(
      'Cette archive contient tous les documents de mon profil dans leur format d’origine (dossier « documents »), mon profil et mon historique au format FHIR R4 (profil.fhir.json) et mon historique d’activité (historique.csv).',
    ),
  );
  for (const section of input.sections) {
    doc.moveDown();
    doc.font('Helvetica-Bold').fontSize(13).text(winAnsi(section.heading));
    doc.font('Helvetica').fontSize(10);
    for (const line of section.lines) doc.text(winAnsi(line));
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
