/**
 * `/oauth/*`: oidc-provider's endpoints (authorize, token, revocation, discovery) handed the raw
 * request, and the interaction the professional goes through: the browser lands on
 * `/oauth/interaction/<uid>`, is sent to the web consent page, which signs the professional in
 * (the usual 3 steps) if needed and calls the small JSON API below.
 */
import { oauthDecisionSchema, oauthInteractionSchema } from '@carnet/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/http/app-error.ts';
import { CSRF_HEADER, isSameOrigin } from '../../platform/http/security.ts';
import type { Professional } from '../professionals/professionals.service.ts';
import { FHIR_SCOPES } from './oauth-provider.ts';
import type { OAuthService } from './oauth.service.ts';

/** The routes' dependencies. */
export interface OAuthRoutesDeps {
  oauth: OAuthService;
  /** The professional of the request's full session; 401 otherwise (a patient's session too). */
  professionalOf: (request: FastifyRequest) => Promise<Professional>;
  publicUrl: string;
}

/** The web page of the consent screen for an interaction. */
export const consentPagePath = (uid: string) => `/pro/autorisation/${encodeURIComponent(uid)}`;

const uidParams = z.strictObject({ uid: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const noBody = z.union([z.strictObject({}), z.null(), z.undefined()]);

/** Registers the authorization server (mounted with `prefix: '/oauth'`). */
export const oauthRoutes: FastifyPluginAsyncZod<OAuthRoutesDeps> = async (app, deps) => {
  const { oauth } = deps;
  const publicOrigin = new URL(deps.publicUrl).origin;
  // The provider reads its interaction cookie from the raw request (and may set cookies).
  const raw = (request: FastifyRequest, reply: FastifyReply) => ({
    req: request.raw,
    res: reply.raw,
  });

  // The provider reads its own bodies (urlencoded): leave the stream untouched.
  app.addContentTypeParser('application/x-www-form-urlencoded', (_request, _payload, done) =>
    done(null, undefined),
  );

  // Same CSRF guard as /api (SECURITY.md): the decisions are state changes made by the browser.
  const sameOriginOnly = async (request: FastifyRequest) => {
    if (!isSameOrigin(request, publicOrigin) || request.headers[CSRF_HEADER] !== '1')
      throw new AppError('request.forbidden_origin', 403, 'Requête refusée.');
  };

  app.get('/interaction/:uid', { schema: { params: uidParams } }, async (request, reply) =>
    reply.redirect(consentPagePath(request.params.uid), 303),
  );

  app.get(
    '/interaction/:uid/details',
    { schema: { params: uidParams, response: { 200: oauthInteractionSchema } } },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      await deps.professionalOf(request);
      return oauth.describeInteraction(raw(request, reply), request.params.uid);
    },
  );

  app.post(
    '/interaction/:uid/approve',
    {
      schema: { params: uidParams, body: noBody, response: { 200: oauthDecisionSchema } },
      onRequest: sameOriginOnly,
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      const professional = await deps.professionalOf(request);
      return {
        redirectTo: await oauth.approve(raw(request, reply), request.params.uid, professional),
      };
    },
  );

  app.post(
    '/interaction/:uid/refuse',
    {
      schema: { params: uidParams, body: noBody, response: { 200: oauthDecisionSchema } },
      onRequest: sameOriginOnly,
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      await deps.professionalOf(request);
      return { redirectTo: await oauth.refuse(raw(request, reply), request.params.uid) };
    },
  );

  // Everything else is the provider's (Koa): it answers on the raw response.
  const callback = oauth.provider.callback();
  const mountPath = new URL(oauth.endpoints.issuer).pathname;
  const handOver = async (request: FastifyRequest, reply: FastifyReply) => {
    // Headers set by the app's hooks (CSP, nosniff, HSTS…) would be lost with the reply.
    for (const [name, value] of Object.entries(reply.getHeaders()))
      if (value !== undefined) reply.raw.setHeader(name, value);
    void reply.hijack();
    const req = request.raw as typeof request.raw & { originalUrl?: string };
    const url = req.url ?? '/';
    // The provider derives its mount path from originalUrl minus url (as under Express).
    req.originalUrl = url;
    req.url = url.slice(mountPath.length) || '/';
    await callback(req, reply.raw);
  };
  app.all('/', handOver);
  app.all('/*', handOver);
};

/**
 * `GET /fhir/R4/.well-known/smart-configuration` (SMART App Launch 2.x §2.0.5): plain JSON, no
 * token; registered beside the FHIR plugin, whose answers are all `application/fhir+json`.
 */
export const smartConfigurationRoute: FastifyPluginAsyncZod<{ oauth: OAuthService }> = async (
  app,
  deps,
) => {
  const { endpoints } = deps.oauth;
  const body = {
    issuer: endpoints.issuer,
    authorization_endpoint: endpoints.authorize,
    token_endpoint: endpoints.token,
    revocation_endpoint: endpoints.revoke,
    token_endpoint_auth_methods_supported: ['none'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    response_types_supported: ['code'],
    scopes_supported: [...FHIR_SCOPES, 'offline_access'],
    code_challenge_methods_supported: ['S256'],
    capabilities: ['launch-standalone', 'client-public', 'permission-user', 'permission-offline'],
  };
  app.get('/fhir/R4/.well-known/smart-configuration', async (_request, reply) =>
    reply.type('application/json').send(body),
  );
};
