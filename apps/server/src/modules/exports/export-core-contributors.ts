/** The contributors of today's record: the person, the documents, the activity history. */
import { Readable } from 'node:stream';
import type { HistoryEntry, HistoryTab, ProfileEntry } from '@carnet/shared';
import { describeEntry, documentCategories, historyTabs, profileRubriques } from '@carnet/shared';
import type { ExportedDocument } from '../documents/document-export.ts';
import { resourceOf } from '../profile/ips.fhir.ts';
import { historyCsv } from '../traces/history.export.ts';
import type { ExportContributor, ExportViewer, FhirResource } from './export-contributors.ts';
import { createPathAllocator, fhirId, safeName } from './export-contributors.ts';
import { toAuditEvent, toDocumentReference, toPatient } from './export-fhir.ts';

const day = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short' });

/** The person: a Patient resource and the identity section of the summary. */
export const patientContributor: ExportContributor = {
  name: 'patient',
  contribute({ patient }) {
    return Promise.resolve({
      resources: [toPatient(patient)],
      files: [],
      summary: {
        heading: 'Mon identité',
        lines: [
          `${patient.first_name} ${patient.last_name}`,
          `Né(e) le ${day.format(new Date(`${patient.birth_date}T12:00:00Z`))}`,
          `INS : ${patient.ins}`,
          ...(patient.email ? [`E-mail : ${patient.email}`] : []),
          ...(patient.mobile ? [`Mobile : ${patient.mobile}`] : []),
        ],
      },
    });
  },
};

/** The extension of an exported file, from its stored name or its type. */
function extensionOf(doc: Pick<ExportedDocument, 'fileName' | 'mimeType'>): string {
  const fromName = /\.([A-Za-z0-9]{1,5})$/.exec(doc.fileName)?.[1];
  if (fromName) return `.${fromName.toLowerCase()}`;
  const byType: Record<string, string> = {
    'application/pdf': '.pdf',
    'image/jpeg': '.jpg',
    'image/png': '.png',
    'text/plain': '.txt',
  };
  return byType[doc.mimeType] ?? '';
}

/** Documents: one file per document ("documents/<dossier>/<date> <titre>.<ext>"), DocumentReferences. */
export function documentsContributor(port: {
  listForExport(patientId: string, viewer: ExportViewer): Promise<ExportedDocument[]>;
}): ExportContributor {
  return {
    name: 'documents',
    async contribute({ patient, viewer }) {
      const documents = await port.listForExport(patient.id, viewer);
      const allocate = createPathAllocator();
      const entries = documents.map((doc) => {
        const folder = doc.folderName
          ? `documents/${safeName(doc.folderName, 'Dossier')}`
          : 'documents';
        const path = allocate(
          folder,
          safeName(`${doc.date} ${doc.title}`, doc.date),
          extensionOf(doc),
        );
        return { doc, path };
      });
      return {
        resources: entries.map(({ doc, path }) => toDocumentReference(patient, doc, path)),
        files: entries.map(({ doc, path }) => ({ path, open: () => doc.open() })),
        summary: {
          heading: `Mes documents (${documents.length})`,
          lines: entries.map(({ doc, path }) => {
            const category = (documentCategories as Record<string, string>)[doc.category] ?? '';
            return `${day.format(new Date(`${doc.date}T12:00:00Z`))} – ${doc.title} (${category}) – ${path}`;
          }),
        },
      };
    },
  };
}

/** Historique d'activité: AuditEvents and `historique.csv` (the history's own CSV export). */
export function historyContributor(history: {
  exportEntries(
    patientId: string,
    filter: { tab: HistoryTab },
    viewer: ExportViewer,
  ): AsyncGenerator<HistoryEntry[]>;
}): ExportContributor {
  const tabs = Object.keys(historyTabs) as HistoryTab[];
  async function* everyTab(
    patientId: string,
    viewer: ExportViewer,
  ): AsyncGenerator<HistoryEntry[]> {
    for (const tab of tabs) yield* history.exportEntries(patientId, { tab }, viewer);
  }
  return {
    name: 'history',
    // A representative's archive names no document she may not see (as her history tab).
    async contribute({ patient, viewer }) {
      const resources = [];
      for await (const batch of everyTab(patient.id, viewer))
        for (const entry of batch) resources.push(toAuditEvent(patient, entry));
      return {
        resources,
        files: [
          {
            path: 'historique.csv',
            open: () =>
              Promise.resolve(
                Readable.from(historyCsv(everyTab(patient.id, viewer)), { objectMode: false }),
              ),
          },
        ],
        summary: {
          heading: 'Mon historique d’activité',
          lines: [
            `${resources.length} ligne(s) d’historique, détaillées dans historique.csv et profil.fhir.json.`,
          ],
        },
      };
    },
  };
}

/**
 * The medical profile: each entry as the resource of the synthèse's IPS mapping (ips.fhir.ts),
 * masked ones included (it is her own export), and a summary line per entry.
 */
export function profileContributor(port: {
  listForExport(patientId: string): Promise<ProfileEntry[]>;
}): ExportContributor {
  return {
    name: 'profile',
    async contribute({ patient }) {
      const entries = await port.listForExport(patient.id);
      const subject = { reference: `Patient/${fhirId(patient.id)}` };
      const resources: FhirResource[] = [];
      for (const entry of entries) {
        const resource = resourceOf(entry.data, subject);
        if (resource)
          resources.push({ ...resource, id: fhirId(entry.id) } as unknown as FhirResource);
      }
      return {
        resources,
        files: [],
        summary: {
          heading: `Mon profil médical (${entries.length})`,
          lines: entries.map((entry) => {
            const { title, detail } = describeEntry(entry.data);
            const rubrique = profileRubriques[entry.rubrique];
            return `${rubrique} – ${detail ? `${title} — ${detail}` : title}`;
          }),
        },
      };
    },
  };
}
