/**
 * What goes into "Télécharger mes données" comes from a short list of contributors (wired in
 * deps.ts): each gives FHIR resources for `profil.fhir.json`, files for the archive and a section
 * of `resume.pdf`. A new kind of record data (the medical profile's entries) joins the export by
 * adding one contributor to that list.
 */
import type { Readable } from 'node:stream';
import type { Patient } from '../patients/patients.service.ts';

/** A FHIR R4 resource as plain JSON. */
export type FhirResource = { resourceType: string; id: string } & Record<string, unknown>;

/** A file of the archive, opened only when the ZIP writer reaches it (never all in memory). */
export interface ArchiveFile {
  /** Path inside the ZIP, "/"-separated, already made safe. */
  path: string;
  open(): Promise<Readable>;
}

/** Who the archive is for: a legal representative never sees INVISIBLE_REPRESENTANTS_LEGAUX documents. */
export interface ExportViewer {
  legalRepresentative: boolean;
}

/** What the contributors know about the export being built. */
export interface ExportContext {
  patient: Patient;
  now: Date;
  /** The requester's view of the record (ACCESS.md "Patient side"). */
  viewer: ExportViewer;
}

/** One section of `resume.pdf`. */
export interface SummarySection {
  heading: string;
  lines: string[];
}

/** What one contributor adds. */
export interface Contribution {
  resources: FhirResource[];
  files: ArchiveFile[];
  summary?: SummarySection;
}

/** A source of exported data. */
export interface ExportContributor {
  /** Short code, for logs and tests. */
  name: string;
  contribute(context: ExportContext): Promise<Contribution>;
}

/** The FHIR id of a Carnet id: FHIR ids allow [A-Za-z0-9.-] only (R4 "id" datatype). */
export const fhirId = (id: string): string => id.replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 64);

// Characters Windows, macOS or a shell would trip on, and controls.
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069/\\:*?"<>|]/g;

/** A readable file or folder name that is never a path: no separators, no leading dots, ≤ 100 chars. */
export function safeName(text: string, fallback: string): string {
  const cleaned = text
    .normalize('NFC')
    .replace(UNSAFE, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '')
    .trim();
  const name = [...cleaned].slice(0, 100).join('');
  return name === '' ? fallback : name;
}

/** Hands out unique paths: "a.pdf", then "a (2).pdf"… (case-insensitive, as most file systems). */
export function createPathAllocator() {
  const taken = new Set<string>();
  return (folder: string, base: string, extension: string): string => {
    for (let n = 1; ; n++) {
      const name = n === 1 ? base : `${base} (${n})`;
      const path = `${folder}/${name}${extension}`;
      if (!taken.has(path.toLowerCase())) {
        taken.add(path.toLowerCase());
        return path;
      }
    }
  };
}
