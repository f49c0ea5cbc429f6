/** Error codes of the wire, `<domain>.<reason>`; the web app maps them to French messages. */
export const errorCodes = [
  'request.invalid',
  'request.forbidden_origin',
  'request.too_large',
  'request.rate_limited',
  'auth.required',
  'auth.invalid_credentials',
  'auth.throttled',
  'auth.no_pending_sign_in',
  'auth.code_invalid',
  'auth.code_expired',
  'auth.code_exhausted',
  'auth.code_too_soon',
  'auth.code_daily_limit',
  'auth.channel_unavailable',
  'activation.invalid',
  'activation.code_expired',
  'activation.already_used',
  'account.identifiant_invalid',
  'account.identifiant_taken',
  'account.password_weak',
  'account.password_mismatch',
  'account.contact_invalid',
  'account.flow_invalid',
  'session.not_found',
  'resource.not_found',
  'service.unavailable',
  'internal',
] as const;

/** One wire error code. */
export type ErrorCode = (typeof errorCodes)[number];

/** The body of every error answered under /api. */
export interface ApiErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}
