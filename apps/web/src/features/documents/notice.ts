/** A message carried to the documents list by a navigation (after an add or a delete). */

/** `navigate('/documents', { state: noticeState('…') })`. */
export function noticeState(message: string): { notice: string } {
  return { notice: message };
}

/** Reads the message defensively (`location.state` survives reloads and may be anything). */
export function readNotice(state: unknown): string | undefined {
  if (typeof state !== 'object' || state === null || !('notice' in state)) return undefined;
  return typeof state.notice === 'string' ? state.notice : undefined;
}
