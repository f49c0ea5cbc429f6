/**
 * A stored document as an MHD DocumentReference (INTEROP.md, IHE MHD ITI-67): masterIdentifier,
 * type / category from the one mapping table, securityLabel (DMP OIDs), author by RPPS, the
 * document's date, and `content.attachment` pointing to `Binary/<id>` with its SHA-1 (MHD: base64
 * of the SHA-1 of the bytes). Nothing that the professional may not see ever reaches this mapping.
 */
import type { Coding, DocumentReference, Reference } from 'fhir/r4.js';
import type { DocumentSearchRow } from '../modules/documents/documents-search.repository.ts';
import { categoryCodingsOf, systems, typeCodingOf } from './document-codes.ts';
import { toFhirId } from './fhir-ids.ts';

/** The DMP codes of the security labels (INTEROP.md). */
export const securityCodes = {
  masked: 'MASQUE_PS',
  invisible: 'INVISIBLE_PATIENT',
  normal: 'N',
} as const;

/** The security labels of a document's flags. */
export function securityLabelsOf(flags: { masked: boolean; invisible: boolean }): {
  coding: Coding[];
}[] {
  const labels: { coding: Coding[] }[] = [];
  if (flags.masked)
    labels.push({ coding: [{ system: systems.dmpConfidentiality, code: securityCodes.masked }] });
  if (flags.invisible)
    labels.push({
      coding: [{ system: systems.dmpConfidentiality, code: securityCodes.invisible }],
    });
  if (labels.length === 0)
    labels.push({ coding: [{ system: systems.confidentiality, code: securityCodes.normal }] });
  return labels;
}

/** SHA-1 hex → the base64 of `attachment.hash` (R4 Attachment.hash is base64Binary). */
export const hashOf = (sha1Hex: string): string => Buffer.from(sha1Hex, 'hex').toString('base64');

/** Maps one visible document. `rppsOf` gives the RPPS of author professionals. */
export function toDocumentReference(
  row: DocumentSearchRow,
  input: { base: string; rppsOf: (professionalId: string) => string | undefined; now: string },
): DocumentReference {
  const author: Reference[] = [];
  if (row.author_type === 'patient') {
    author.push({ reference: `Patient/${toFhirId(row.patient_id)}` });
  } else if (row.author_type === 'professional' && row.author_id) {
    const rpps = input.rppsOf(row.author_id);
    author.push({
      type: 'Practitioner',
      ...(rpps ? { identifier: { system: systems.rpps, value: rpps } } : {}),
      ...(row.author_name ? { display: row.author_name } : {}),
    });
  } else if (row.author_name) {
    author.push({ display: row.author_name });
  }
  const invisible =
    row.invisible_to_patient_until !== null && row.invisible_to_patient_until > input.now;
  return {
    resourceType: 'DocumentReference',
    id: toFhirId(row.id),
    meta: { lastUpdated: row.updated_at },
    masterIdentifier: { system: systems.documentId, value: row.id },
    status: 'current',
    type: { coding: [typeCodingOf(row.category)] },
    category: [{ coding: categoryCodingsOf(row.category, row.author_type === 'patient') }],
    subject: { reference: `Patient/${toFhirId(row.patient_id)}` },
    date: row.created_at,
    ...(author.length ? { author } : {}),
    description: row.title,
    securityLabel: securityLabelsOf({ masked: row.confidentiality === 'masque', invisible }),
    content: [
      {
        attachment: {
          contentType: row.mime_type,
          size: Number(row.size),
          ...(row.sha1 ? { hash: hashOf(row.sha1) } : {}),
          title: row.title,
          url: `${input.base}/Binary/${toFhirId(row.id)}`,
          creation: row.doc_date,
        },
      },
    ],
    context: { period: { start: row.doc_date } },
  };
}
