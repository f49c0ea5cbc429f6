/**
 * Security defaults for every response and request (SECURITY.md "Sessions and requests"):
 * CSP without inline script, frame-ancestors 'none', HSTS, nosniff, no-referrer, no-store on /api,
 * and a CSRF guard: same-origin plus a custom header on every state-changing request.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './app-error.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Header every state-changing /api request carries; a cross-site form cannot set it. */
export const CSRF_HEADER = 'x-carnet-request';

/** Registers security headers and the CSRF guard. */
export async function registerSecurity(
  app: FastifyInstance,
  options: { publicUrl: string },
): Promise<void> {
  const publicOrigin = new URL(options.publicUrl).origin;
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameSrc: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
      },
    },
    strictTransportSecurity: { maxAge: 63072000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });

  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    if (SAFE_METHODS.has(request.method) || !request.url.startsWith('/api/')) return;
    if (!isSameOrigin(request, publicOrigin) || request.headers[CSRF_HEADER] !== '1') {
      throw new AppError('request.forbidden_origin', 403, 'Requête refusée.');
    }
  });
}

/** Sec-Fetch-Site when the browser sends it, else Origin; a request with neither is a non-browser client. */
export function isSameOrigin(request: FastifyRequest, publicOrigin: string): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' || site === 'none';
  const origin = request.headers.origin;
  if (typeof origin === 'string') return origin === publicOrigin;
  return true;
}
