/** The three steps of sign-in (PRODUCT.md "Sign-in in 3 steps") and their shared rules. */
import type { CodeSent, MaskedChannel } from '@carnet/shared';
import { ApiError } from '../../app/http.ts';

/** Where the person is in the sign-in. */
export type SignInStep =
  | { name: 'credentials' }
  | { name: 'channel'; channels: MaskedChannel[] }
  | { name: 'code'; sent: CodeSent };

/** Title of each step, with the guide's wording. */
export const stepTitles = {
  credentials: { number: 1, title: "Je m'identifie" },
  channel: { number: 2, title: 'Je choisis le mode de réception de mon code à usage unique' },
  code: { number: 3, title: "Je saisis le code d'accès" },
} as const;

/** Label of a channel radio: the masked address is part of it. */
export function channelLabel({ channel, masked }: MaskedChannel): string {
  return channel === 'email' ? `Par e-mail à l'adresse ${masked}` : `Par SMS au ${masked}`;
}

/**
 * Steps 2 and 3 need the pending sign-in of step 1; when it is gone (expired, or ended by the
 * server) the person starts again at step 1 with the server's message.
 */
export function restartWhenSignInLost(restart: (message: string) => void) {
  return (error: unknown): boolean => {
    if (!(error instanceof ApiError)) return false;
    if (error.code !== 'auth.no_pending_sign_in' && error.code !== 'auth.required') return false;
    restart(error.message);
    return true;
  };
}
