/** The wire of the OAuth consent screen (issue 10): what software asks, and where to go next. */
import { z } from 'zod';

/** An authorization request awaiting the professional's decision. */
export const oauthInteractionSchema = z.strictObject({
  uid: z.string(),
  clientName: z.string(),
  scopes: z.array(z.strictObject({ code: z.string(), label: z.string() })),
});
export type OAuthInteraction = z.infer<typeof oauthInteractionSchema>;

/** After approving or refusing: the authorization server's URL to follow (same origin). */
export const oauthDecisionSchema = z.strictObject({ redirectTo: z.string() });
export type OAuthDecision = z.infer<typeof oauthDecisionSchema>;
