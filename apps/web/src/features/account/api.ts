/** HTTP calls of the "Informations personnelles" settings (the only HTTP of this feature). */
import type { z } from 'zod';
import { contactChangeStartedSchema, meSchema, sessionListSchema } from '@carnet/shared';
import type {
  ContactChangeRequest,
  Me,
  SessionInfo,
  contactChangeConfirmSchema,
  passwordChangeSchema,
} from '@carnet/shared';
import { getJson, send, sendJson } from '../../app/http.ts';

/** Body of `POST /api/account/password`. */
export type PasswordChange = z.output<typeof passwordChangeSchema>;
/** Body of `POST /api/account/contact/confirm`. */
export type ContactChangeConfirm = z.output<typeof contactChangeConfirmSchema>;
/** Answer of `POST /api/account/contact`: the flow and the new address, masked. */
export type ContactChangeStarted = z.output<typeof contactChangeStartedSchema>;

/** Changes the password (the current one is asked again). */
export function changePassword(body: PasswordChange): Promise<void> {
  return send('POST', '/api/account/password', body);
}

/** Starts an e-mail or mobile change: a code is sent to the new address. */
export function startContactChange(body: ContactChangeRequest): Promise<ContactChangeStarted> {
  return sendJson('POST', '/api/account/contact', body, contactChangeStartedSchema);
}

/** Confirms the change with the code received at the new address. */
export function confirmContactChange(body: ContactChangeConfirm): Promise<Me> {
  return sendJson('POST', '/api/account/contact/confirm', body, meSchema);
}

/** Active sessions (devices) of the account, the current one flagged. */
export async function listSessions(): Promise<SessionInfo[]> {
  const { sessions } = await getJson('/api/account/sessions', sessionListSchema);
  return sessions;
}

/** Ends one session ("Déconnecter"). */
export function endSession(id: string): Promise<void> {
  return send('DELETE', `/api/account/sessions/${encodeURIComponent(id)}`);
}
