/**
 * Bearer authentication of professional software (INTEROP.md "Authentication", RFC 6750): each
 * request reads its token and the professional now, so an expiry or a revocation counts at once.
 * Two kinds of tokens: the operator's CLI tokens (api-tokens) and the OAuth access tokens of the
 * authorization server (modules/oauth), whose SMART scopes are checked per request.
 */
import type { FastifyRequest } from 'fastify';
import type { Professional } from '../modules/professionals/professionals.service.ts';
import type { ApiTokensService } from '../modules/api-tokens/api-tokens.service.ts';
import { AppError } from '../platform/http/app-error.ts';

/** The bearer token of a request, or undefined. */
export function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(header);
  return match?.[1];
}

/** What the FHIR API needs of the authorization server. */
export interface OAuthTokens {
  authenticate(
    token: string,
  ): Promise<{ professional: Professional; scopes: string[] } | undefined>;
}

/** SMART scope a request needs: reads (GET, POST `_search`) and writes (everything else). */
export function scopeNeededBy(request: FastifyRequest): 'user/*.read' | 'user/*.write' {
  const path = request.url.split('?')[0] ?? '';
  return request.method === 'GET' || request.method === 'HEAD' || path.endsWith('/_search')
    ? 'user/*.read'
    : 'user/*.write';
}

/** The professional of each authenticated request of the plugin. */
export function createFhirAuth(
  apiTokens: Pick<ApiTokensService, 'authenticate'>,
  oauth?: OAuthTokens,
) {
  const authenticated = new WeakMap<FastifyRequest, Professional>();
  return {
    /** onRequest hook: 401 OperationOutcome without a live token, 403 without its scope. */
    async authenticate(request: FastifyRequest): Promise<void> {
      const token = bearerOf(request);
      try {
        authenticated.set(request, await apiTokens.authenticate(token));
      } catch (error) {
        if (!oauth || !token || !(error instanceof AppError) || error.status !== 401) throw error;
        const found = await oauth.authenticate(token);
        if (!found) throw error;
        const needed = scopeNeededBy(request);
        if (!found.scopes.includes(needed))
          throw new AppError(
            'auth.insufficient_scope',
            403,
            `Le jeton ne porte pas la portée ${needed} nécessaire à cette requête.`,
          );
        authenticated.set(request, found.professional);
      }
    },
    /** The professional the request's token stands for. */
    professionalOf(request: FastifyRequest): Professional {
      const ps = authenticated.get(request);
      if (!ps) throw new Error('FHIR route without authentication');
      return ps;
    },
  };
}

/** The authentication of the FHIR plugin. */
export type FhirAuth = ReturnType<typeof createFhirAuth>;
