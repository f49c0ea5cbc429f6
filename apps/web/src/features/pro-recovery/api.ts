/** HTTP calls of a professional's forgotten password (the only HTTP of this feature). */
import { recoveryAcceptedSchema } from '@carnet/shared';
import type { ProPasswordResetComplete, ProPasswordResetRequest } from '@carnet/shared';
import { send, sendJson } from '../../app/http.ts';

/** Step 1/2: a code goes to the directory e-mail when the RPPS has an account. */
export async function startProPasswordReset(body: ProPasswordResetRequest): Promise<string> {
  return (await sendJson('POST', '/api/pro/auth/password-reset', body, recoveryAcceptedSchema))
    .flowId;
}

/** Step 2/2: the code and the new password. */
export function completeProPasswordReset(body: ProPasswordResetComplete): Promise<void> {
  return send('POST', '/api/pro/auth/password-reset/complete', body);
}
