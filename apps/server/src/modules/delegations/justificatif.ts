/**
 * The "justificatif d'accès" saved in the helped person's documents when an aidant's access
 * starts (issue 13): a one-page PDF naming the aidant, the helped person, the start and end.
 */
import PDFDocument from 'pdfkit';

// Standard PDF fonts draw WinAnsi only; the French text here stays inside it but for ’.
const plain = (text: string) => text.replace(/’/g, "'");

const frenchDate = (day: string) => {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
};

/** The PDF bytes of the justificatif. */
export async function justificatifPdf(input: {
  helped: { firstName: string; lastName: string };
  aidant: { firstName: string; lastName: string };
  startedOn: string;
  endsOn: string | null;
}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: "Justificatif d'accès aidant", Creator: 'Carnet' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(18).text(plain('Justificatif d’accès aidant'));
  doc.moveDown();
  doc.font('Helvetica').fontSize(11);
  doc.text(
    plain(
      `${input.aidant.firstName} ${input.aidant.lastName} est aidant de ${input.helped.firstName} ${input.helped.lastName} dans Carnet depuis le ${frenchDate(input.startedOn)}.`,
    ),
  );
  doc.moveDown(0.5);
  doc.text(
    plain(
      input.endsOn
        ? `Cet accès prend fin le ${frenchDate(input.endsOn)}.`
        : 'Cet accès n’a pas de date de fin.',
    ),
  );
  doc.moveDown(0.5);
  doc.text(
    plain(
      'L’aidant peut consulter, ajouter, modifier et supprimer les documents et les informations du profil, et lire et envoyer des messages. Il ne peut pas gérer le partage du profil, les accès des professionnels de santé, les coordonnées, l’identifiant, le mot de passe, ni clôturer le profil ou exporter ses données. Chacun peut mettre fin à cet accès à tout moment dans Paramètres › Partage du profil.',
    ).replace('›', '>'),
  );
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
