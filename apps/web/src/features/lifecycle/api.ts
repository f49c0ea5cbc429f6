/** HTTP calls of the profile lifecycle: closure, data export, public settings (the only HTTP of this feature). */
import { currentExportSchema, dataExportSchema, publicConfigSchema } from '@carnet/shared';
import type { ClosureRequest, DataExport, PublicConfig } from '@carnet/shared';
import { getJson, send, sendJson } from '../../app/http.ts';

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
