/**
 * Demo documents for Inaya: a dozen small real files (PDFs made with pdfkit, images with sharp)
 * in several categories, some added by the guide's professionals, one masked, two in a folder.
 * Plausible titles only, no health data.
 */
import { Readable } from 'node:stream';
import type { AppDeps } from '../deps.ts';
import type { DocumentAuthor } from '../modules/documents/document-upload.service.ts';

interface DemoDocument {
  title: string;
  date: string;
  category: string;
  /** RPPS of the author, 'cnam' for the Assurance Maladie, or absent for Inaya herself. */
  by?: string;
  masked?: boolean;
  inFolder?: boolean;
  file: { kind: 'pdf'; pages: number } | { kind: 'png'; color: string } | { kind: 'txt' };
}

const documents: DemoDocument[] = [
  {
    title: 'Compte rendu de consultation de cardiologie',
    date: '2025-11-18',
    category: 'CPT_REND',
    by: '10000000029',
    file: { kind: 'pdf', pages: 2 },
  },
  {
    title: 'Ordonnance',
    date: '2025-10-02',
    category: 'ORD_SOIN',
    by: '10000000045',
    file: { kind: 'pdf', pages: 1 },
  },
  {
    title: 'Bilan sanguin',
    date: '2025-09-23',
    category: 'BIOLOGIE',
    by: '10000000011',
    file: { kind: 'pdf', pages: 3 },
  },
  {
    title: 'Radio du genou droit',
    date: '2025-06-10',
    category: 'RADIO_SC',
    inFolder: true,
    file: { kind: 'png', color: '#30343a' },
  },
  {
    title: 'Compte rendu de rééducation du genou',
    date: '2025-07-21',
    category: 'CPT_REND',
    by: '10000000052',
    inFolder: true,
    file: { kind: 'pdf', pages: 1 },
  },
  {
    title: 'Certificat médical de non contre-indication au sport',
    date: '2025-09-01',
    category: 'CERT_MED',
    by: '10000000011',
    file: { kind: 'pdf', pages: 1 },
  },
  {
    title: 'Attestation de vaccination contre la grippe',
    date: '2025-10-28',
    category: 'DEPISTAG',
    by: '10000000037',
    file: { kind: 'pdf', pages: 1 },
  },
  {
    title: 'Invitation au dépistage',
    date: '2025-03-03',
    category: 'DEPISTAG',
    by: 'cnam',
    file: { kind: 'pdf', pages: 1 },
  },
  {
    title: 'Synthèse médicale',
    date: '2025-12-05',
    category: 'SYNTH_PML',
    by: '10000000045',
    file: { kind: 'pdf', pages: 2 },
  },
  {
    title: 'Mes directives anticipées',
    date: '2025-02-14',
    category: 'DIR_ANT',
    masked: true,
    file: { kind: 'pdf', pages: 1 },
  },
  {
    title: 'Carte de mutuelle',
    date: '2025-01-08',
    category: 'DOC_ADM',
    file: { kind: 'png', color: '#1d4f91' },
  },
  {
    title: 'Questionnaire de santé',
    date: '2025-04-17',
    category: 'QUEST_SANTE',
    file: { kind: 'txt' },
  },
];

// pdfkit and sharp are loaded when the demo is seeded, not at every start (PERFORMANCE.md B8).
async function pdf(title: string, pages: number): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', info: { Title: title, Producer: 'Carnet (démo)' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on('end', resolve));
  for (let page = 1; page <= pages; page++) {
    if (page > 1) doc.addPage();
    doc.fontSize(20).text(title, { align: 'left' });
    doc
      .moveDown()
      .fontSize(11)
      .fillColor('#555')
      .text(`Document de démonstration — page ${page}/${pages}`);
    doc.moveDown().fillColor('#000').text('Ce document ne contient aucune donnée de santé réelle.');
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

async function png(color: string): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  return sharp({ create: { width: 800, height: 600, channels: 3, background: color } })
    .png()
    .toBuffer();
}

/** Adds the demo documents to the demo patient's record (once, from seedDemo). */
export async function seedDemoDocuments(
  deps: AppDeps,
  options: { patientIns: string },
): Promise<void> {
  const patient = await deps.patients.findByIns(options.patientIns);
  if (!patient) throw new Error('The demo patient is missing.');
  const actor = { type: 'patient' as const, patientId: patient.id };
  const folder = await deps.folders.create(actor, 'Genou');
  for (const item of documents) {
    let author: DocumentAuthor = { type: 'patient' };
    if (item.by === 'cnam') author = { type: 'system', id: null, name: 'Assurance Maladie' };
    else if (item.by) {
      const ps = await deps.professionals.findByRpps(deps.database.db, item.by);
      if (!ps) throw new Error(`The demo professional ${item.by} is missing.`);
      const name = `${ps.profession === 'medecin' ? 'Dr ' : ''}${ps.first_name} ${ps.last_name}`;
      author = { type: 'professional', id: ps.id, name, profession: ps.profession };
    }
    const { file } = item;
    const bytes =
      file.kind === 'pdf'
        ? await pdf(item.title, file.pages)
        : file.kind === 'png'
          ? await png(file.color)
          : Buffer.from(
              `${item.title}\n\nDocument de démonstration, sans donnée de santé réelle.\n`,
            );
    const extension = file.kind;
    await deps.documentUploads.addDocument({
      patientId: patient.id,
      author,
      actor:
        author.type === 'patient'
          ? { type: 'patient', id: patient.id }
          : author.type === 'professional'
            ? { type: 'professional', id: author.id }
            : { type: 'system', id: null },
      fields: {
        title: item.title,
        date: item.date,
        category: item.category,
        confidentiality: item.masked ? 'masque' : 'visible',
        ...(item.inFolder ? { folderId: folder.id } : {}),
      },
      file: {
        stream: Readable.from([bytes]),
        fileName: `${item.title
          .toLowerCase()
          .normalize('NFD')
          .replace(/[^a-z0-9]+/g, '-')}.${extension}`,
        contentType: undefined,
      },
    });
  }
}
