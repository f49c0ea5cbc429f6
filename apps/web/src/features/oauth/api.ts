/** HTTP calls of the OAuth consent screen (issue 10): the request, and the decision. */
import { oauthDecisionSchema, oauthInteractionSchema } from '@carnet/shared';
import type { OAuthDecision, OAuthInteraction } from '@carnet/shared';
import { getJson, sendJson } from '../../app/http.ts';

const interactionPath = (uid: string) => `/oauth/interaction/${encodeURIComponent(uid)}`;

/** What the software asks (404 once expired; 401 without a professional's session). */
export function getInteraction(uid: string): Promise<OAuthInteraction> {
  return getJson(`${interactionPath(uid)}/details`, oauthInteractionSchema);
}

/** Approves or refuses; answers the authorization server's URL to follow. */
export function decide(uid: string, decision: 'approve' | 'refuse'): Promise<OAuthDecision> {
  return sendJson('POST', `${interactionPath(uid)}/${decision}`, undefined, oauthDecisionSchema);
}
