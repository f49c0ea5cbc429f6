/**
 * Bearer authentication of professional software (INTEROP.md "Authentication", RFC 6750): each
 * request reads its token and the professional now, so an expiry or a revocation counts at once.
 */
import type { FastifyRequest } from 'fastify';
import type { Professional } from '../modules/professionals/professionals.service.ts';
import type { ApiTokensService } from '../modules/api-tokens/api-tokens.service.ts';

/** The bearer token of a request, or undefined. */
export function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(header);
  return match?.[1];
}

/** The professional of each authenticated request of the plugin. */
export function createFhirAuth(apiTokens: Pick<ApiTokensService, 'authenticate'>) {
  const authenticated = new WeakMap<FastifyRequest, Professional>();
  return {
    /** onRequest hook: 401 OperationOutcome without a live token. */
    async authenticate(request: FastifyRequest): Promise<void> {
      authenticated.set(request, await apiTokens.authenticate(bearerOf(request)));
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
