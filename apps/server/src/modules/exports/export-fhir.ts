/**
 * The FHIR R4 Bundle of `profil.fhir.json` (type `collection`) and the resources of the core
 * contributors: Patient (INS as identifier, OID 1.2.250.1.213.1.4.8), DocumentReference per
 * document (the file is the archive entry the attachment names), AuditEvent per trace.
 */
import type { HistoryEntry } from '@carnet/shared';
import { documentCategories } from '@carnet/shared';
import type { ExportedDocument } from '../documents/document-export.ts';
import type { Patient } from '../patients/patients.service.ts';
import type { FhirResource } from './export-contributors.ts';
import { fhirId } from './export-contributors.ts';

/** OID of the INS (NIR) identifier system in France (ANS). */
export const INS_SYSTEM = 'urn:oid:1.2.250.1.213.1.4.8';

/** The Bundle holding every contributed resource. */
export function toBundle(resources: FhirResource[], now: Date): FhirResource {
  return {
    resourceType: 'Bundle',
    id: fhirId(`export-${now.getTime()}`),
    type: 'collection',
    timestamp: now.toISOString(),
    entry: resources.map((resource) => ({
      fullUrl: `urn:carnet:${resource.resourceType}/${resource.id}`,
      resource,
    })),
  };
}

/** The titulaire as a Patient. */
export function toPatient(patient: Patient): FhirResource {
  const telecom = [
    ...(patient.email ? [{ system: 'email', value: patient.email }] : []),
    ...(patient.mobile ? [{ system: 'phone', value: patient.mobile, use: 'mobile' }] : []),
  ];
  return {
    resourceType: 'Patient',
    id: fhirId(patient.id),
    identifier: [{ system: INS_SYSTEM, value: patient.ins }],
    name: [{ family: patient.last_name, given: [patient.first_name] }],
    birthDate: patient.birth_date,
    ...(telecom.length > 0 ? { telecom } : {}),
  };
}

/** A document as a DocumentReference whose attachment is the archive entry `path`. */
export function toDocumentReference(
  patient: Patient,
  doc: ExportedDocument,
  path: string,
): FhirResource {
  const label = (documentCategories as Record<string, string>)[doc.category] ?? doc.category;
  return {
    resourceType: 'DocumentReference',
    id: fhirId(doc.id),
    status: 'current',
    type: {
      coding: [{ system: 'urn:carnet:document-category', code: doc.category, display: label }],
    },
    subject: { reference: `Patient/${fhirId(patient.id)}` },
    date: doc.createdAt,
    description: doc.title,
    ...(doc.authorName ? { author: [{ display: doc.authorName }] } : {}),
    content: [
      {
        attachment: {
          contentType: doc.mimeType,
          url: encodeURI(path),
          size: doc.size,
          title: doc.fileName,
          creation: `${doc.date}`,
        },
      },
    ],
  };
}

const outcomes = { success: '0', denied: '4', failure: '8' } as const;

/** A line of Historique d'activité as an AuditEvent. */
export function toAuditEvent(patient: Patient, entry: HistoryEntry): FhirResource {
  return {
    resourceType: 'AuditEvent',
    id: fhirId(entry.id),
    type: { system: 'urn:carnet:trace-action', code: entry.action, display: entry.label },
    recorded: entry.at,
    outcome: outcomes[entry.outcome],
    ...(entry.reason ? { outcomeDesc: entry.reason } : {}),
    ...(entry.mode === 'urgence' ? { purposeOfEvent: [{ text: 'Accès en urgence' }] } : {}),
    agent: [
      {
        who: {
          display: entry.actor.name,
          ...(entry.actor.rpps
            ? { identifier: { system: 'urn:oid:1.2.250.1.71.4.2.1', value: entry.actor.rpps } }
            : {}),
        },
        requestor: true,
      },
    ],
    source: { observer: { display: 'Carnet' } },
    entity: [
      {
        what: { reference: `Patient/${fhirId(patient.id)}` },
        ...(entry.target ? { description: entry.target } : {}),
      },
    ],
  };
}
