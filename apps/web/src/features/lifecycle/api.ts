/** HTTP calls of the profile lifecycle: closure, data export, public settings (the only HTTP of this feature). */
import {
  currentExportSchema,
  dataExportSchema,
  oppositionResultSchema,
  publicConfigSchema,
} from '@carnet/shared';
import type {
  ClosureRequest,
  DataExport,
  OppositionRequest,
  OppositionResult,
  PublicConfig,
} from '@carnet/shared';
import { getJson, send, sendForBlob, sendJson } from '../../app/http.ts';

/** Closes the signed-in titulaire's profile; the session ends with it. */
export function closeProfile(body: ClosureRequest): Promise<void> {
  return send('POST', '/api/account/close', body);
}

/** Asks for a new archive of my data. */
export function requestExport(): Promise<DataExport> {
  return sendJson('POST', '/api/exports', {}, dataExportSchema);
}

/** My latest archive, or null. */
export async function getCurrentExport(): Promise<DataExport | null> {
  return (await getJson('/api/exports/current', currentExportSchema)).export;
}

/** Where the browser downloads a ready archive (a plain link: GET + cookie). */
export function exportDownloadHref(id: string): string {
  return `/api/exports/${encodeURIComponent(id)}/download`;
}

/** The operator's identity, before anyone signs in. */
export function getPublicConfig(): Promise<PublicConfig> {
  return getJson('/api/public-config', publicConfigSchema);
}

/** Opposes the creation of the profile; the answer carries the attestation's reference and token. */
export function opposeWithAttestation(body: OppositionRequest): Promise<OppositionResult> {
  return sendJson('POST', '/api/auth/oppose', body, oppositionResultSchema);
}

/** The attestation d'opposition as a PDF (the token travels in the body, never in a URL). */
export function downloadAttestation(token: string): Promise<Blob> {
  return sendForBlob('POST', '/api/auth/opposition-attestation', { token });
}
