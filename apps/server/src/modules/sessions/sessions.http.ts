/** The session cookie: `__Host-` prefixed, Secure, HttpOnly, SameSite=Strict (SECURITY.md). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/http/app-error.ts';
import type { Session, SessionsService } from './sessions.service.ts';

/** Cookie settings derived from the public URL. */
export interface SessionCookie {
  name: string;
  secure: boolean;
}

/**
 * `__Host-` requires Secure; browsers accept Secure cookies on https and on http://localhost,
 * so only a plain-http non-local URL falls back to an unprefixed, non-Secure cookie.
 */
export function sessionCookieFor(publicUrl: string): SessionCookie {
  const url = new URL(publicUrl);
  const secure =
    url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return { name: secure ? '__Host-carnet_session' : 'carnet_session', secure };
}

/** Writes the session cookie (session-only: the server enforces the timeouts). */
export function setSessionCookie(reply: FastifyReply, cookie: SessionCookie, token: string): void {
  void reply.setCookie(cookie.name, token, {
    path: '/',
    httpOnly: true,
    secure: cookie.secure,
    sameSite: 'strict',
  });
}

/** Clears the session cookie. */
export function clearSessionCookie(reply: FastifyReply, cookie: SessionCookie): void {
  void reply.clearCookie(cookie.name, {
    path: '/',
    httpOnly: true,
    secure: cookie.secure,
    sameSite: 'strict',
  });
}

/** Reads the request's session, if any and live. */
export async function readSession(
  request: FastifyRequest,
  sessions: SessionsService,
  cookie: SessionCookie,
): Promise<Session | undefined> {
  const token = request.cookies[cookie.name];
  if (!token || token.length > 100) return undefined;
  return sessions.authenticate(token);
}

/** The request's full (signed-in) session, or 401. */
export async function requireSession(
  request: FastifyRequest,
  sessions: SessionsService,
  cookie: SessionCookie,
): Promise<Session> {
  const session = await readSession(request, sessions, cookie);
  if (!session || session.level !== 'full')
    throw new AppError('auth.required', 401, 'Veuillez vous connecter.');
  return session;
}

/** Name of the long-lived device cookie ("sign-in from a new device" notices). */
export const deviceCookieName = (cookie: SessionCookie): string =>
  cookie.secure ? '__Host-carnet_device' : 'carnet_device';

/** Remembers this browser for a year; only its hash is stored server-side. */
export function setDeviceCookie(reply: FastifyReply, cookie: SessionCookie, token: string): void {
  void reply.setCookie(deviceCookieName(cookie), token, {
    path: '/',
    httpOnly: true,
    secure: cookie.secure,
    sameSite: 'strict',
    maxAge: 365 * 24 * 3600,
  });
}
