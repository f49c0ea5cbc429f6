/** State carried by a redirect to /connexion: where to go back and a message to show. */

/** A French message shown on arrival. */
export interface Notice {
  severity: 'success' | 'info';
  message: string;
}

/** `from`: path to return to after sign-in; `notice`: message to show on step 1. */
export interface SignInState {
  from?: string;
  notice?: Notice;
}

/** Reads `location.state` defensively (it survives reloads and may be anything). */
export function readSignInState(state: unknown): SignInState {
  if (typeof state !== 'object' || state === null) return {};
  const from = 'from' in state && typeof state.from === 'string' ? state.from : undefined;
  // Only same-site paths: never an absolute or protocol-relative URL (open redirect).
  const safeFrom = from?.startsWith('/') && !from.startsWith('//') ? from : undefined;
  return { from: safeFrom, notice: 'notice' in state ? readNotice(state.notice) : undefined };
}

function readNotice(value: unknown): Notice | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (!('message' in value) || typeof value.message !== 'string') return undefined;
  const severity = 'severity' in value && value.severity === 'success' ? 'success' : 'info';
  return { severity, message: value.message };
}
