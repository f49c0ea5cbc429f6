/** Paths of the professional space, and the message carried to a record page. */

/** A patient's record page. */
export const patientPagePath = (patientId: string) =>
  `/pro/patients/${encodeURIComponent(patientId)}`;

/** State of a navigation to the record page: the toast to show on arrival. */
export interface RecordArrival {
  notice: string;
}

/** Reads `location.state` defensively (it survives reloads and may be anything). */
export function readRecordNotice(state: unknown): string | undefined {
  if (typeof state !== 'object' || state === null || !('notice' in state)) return undefined;
  return typeof state.notice === 'string' ? state.notice : undefined;
}
