/**
 * "Attestation d'opposition" (issue 14, R1111-36 CSP): the proof that a person opposed the
 * creation of their profile — date, identity, reference — as a PDF. The person has no account, so
 * the PDF is fetched with a random token (stored hashed, valid 30 days) given at the end of the
 * flow and in the e-mail. The e-mail carries the date and the reference, and a link whose token is
 * in the URL fragment: it never reaches a server log or a Referer, and nothing personal travels
 * as an attachment through mail servers.
 */
import PDFDocument from 'pdfkit';
import { createActivationCode, randomToken, sha256Hex } from '../../platform/crypto/secrets.ts';
import type { Db } from '../../platform/db/schema.ts';
import { notFound } from '../../platform/http/app-error.ts';
import { composeEmail } from '../../platform/mail/compose.ts';
import type { OutboxMessage } from '../../platform/mail/outbox.ts';
import type { Patient } from '../patients/patients.service.ts';
import { formatDateTime, winAnsi } from '../traces/history.export.ts';
import type { AccountsDeps } from './accounts.deps.ts';

/** How long the attestation can be downloaded with its token. */
export const ATTESTATION_LIFETIME_MS = 30 * 24 * 3600_000;

/** The web page that downloads an attestation; the token follows in the fragment. */
export const ATTESTATION_PAGE = '/opposition/attestation';

const day = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', dateStyle: 'long' });

/** The message telling the person their opposition is recorded, with the link to its proof. */
function attestationMessage(input: {
  patient: Patient;
  reference: string;
  at: Date;
  link: string;
}): OutboxMessage | undefined {
  const facts = `Votre opposition à la création de votre profil Carnet a été enregistrée le ${formatDateTime(input.at.toISOString())} (référence ${input.reference}).`;
  if (input.patient.email)
    return composeEmail({
      to: input.patient.email,
      subject: 'Votre opposition a été enregistrée',
      paragraphs: [
        'Bonjour,',
        facts,
        'Votre attestation d’opposition peut être téléchargée pendant 30 jours avec le lien ci-dessous.',
      ],
      link: { label: 'Télécharger mon attestation d’opposition', url: input.link },
    });
  if (input.patient.mobile)
    return { channel: 'sms', to: input.patient.mobile, text: `Carnet : ${facts}` };
  return undefined;
}

/** Issues and renders attestations. */
export function createOppositionAttestations(deps: AccountsDeps) {
  return {
    /** In the opposition's transaction: records the facts, queues the message; returns the token. */
    async issue(trx: Db, patient: Patient): Promise<{ reference: string; token: string }> {
      const now = deps.clock.now();
      const reference = `OPP-${createActivationCode().slice(0, 9)}`;
      const token = randomToken(32);
      await trx
        .insertInto('opposition_attestations')
        .values({
          reference,
          patient_id: patient.id,
          opposed_at: now.toISOString(),
          token_hash: sha256Hex(token),
          expires_at: new Date(now.getTime() + ATTESTATION_LIFETIME_MS).toISOString(),
        })
        .execute();
      const message = attestationMessage({
        patient,
        reference,
        at: now,
        link: `${deps.publicUrl}${ATTESTATION_PAGE}#${token}`,
      });
      if (message) await deps.outbox.enqueue(trx, message, patient.id);
      return { reference, token };
    },

    /** The PDF behind a token; 404 for an unknown or expired one. The download is traced. */
    async render(token: string): Promise<{ pdf: Buffer; reference: string }> {
      const row = await deps.db
        .selectFrom('opposition_attestations')
        .selectAll()
        .where('token_hash', '=', sha256Hex(token))
        .executeTakeFirst();
      if (!row || row.expires_at <= deps.clock.now().toISOString()) throw notFound();
      const patient = await deps.patients.find(row.patient_id);
      if (!patient) throw notFound();
      const pdf = await attestationPdf({
        patient,
        reference: row.reference,
        opposedAt: new Date(row.opposed_at),
      });
      await deps.traces.append(deps.db, {
        patientId: patient.id,
        actor: { type: 'anonymous', id: null },
        action: 'opposition.attestation_download',
        details: { reference: row.reference },
      });
      return { pdf, reference: row.reference };
    },
  };
}

/** The attestation: operator, identity (INS shown by its last 4 digits), date, reference. */
async function attestationPdf(input: {
  patient: Patient;
  reference: string;
  opposedAt: Date;
}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 60,
    info: { Title: 'Attestation d’opposition', Creator: 'Carnet' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const { patient } = input;
  doc.font('Helvetica-Bold').fontSize(18).text(winAnsi('Attestation d’opposition'));
  doc.moveDown();
  doc.font('Helvetica').fontSize(11);
  doc.text(
    winAnsi(
      `Carnet atteste que ${patient.first_name} ${patient.last_name}, né(e) le ${day.format(new Date(`${patient.birth_date}T00:00:00Z`))}, dont l’INS se termine par ${patient.ins.slice(-4)}, s’est opposé(e) à la création de son profil Carnet le ${formatDateTime(input.opposedAt.toISOString())}.`,
    ),
  );
  doc.moveDown();
  doc.text(
    winAnsi(
      'Conformément à l’article R1111-36 du Code de la santé publique, ce profil est clôturé : aucun document n’y sera ajouté et personne n’y a accès.',
    ),
  );
  doc.moveDown();
  doc.font('Helvetica-Bold').text(winAnsi(`Référence : ${input.reference}`));
  doc
    .font('Helvetica')
    .text(winAnsi(`Date de l’opposition : ${formatDateTime(input.opposedAt.toISOString())}`));
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** The attestations helper. */
export type OppositionAttestations = ReturnType<typeof createOppositionAttestations>;
