/**
 * The FHIR R4 API for professional software (INTEROP.md), an encapsulated plugin at /fhir/R4: it
 * only maps FHIR ⇄ domain and calls the module services the web API calls, so access decisions,
 * 404-for-denied, traces and e-mails are the same. Its own error handler answers OperationOutcome;
 * every JSON answer is `application/fhir+json`. Everything but the metadata needs a bearer token.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { registerAuditEventRoutes } from './audit-event.routes.ts';
import { registerBinaryRoutes } from './binary.routes.ts';
import { capabilityStatement } from './capability.ts';
import { registerDocumentReferenceRoutes } from './document-reference.routes.ts';
import { createFhirAuth } from './fhir-auth.ts';
import type { FhirDeps } from './fhir.deps.ts';
import { registerImmunizationRoutes } from './immunization.routes.ts';
import { FhirError, installFhirErrorHandler } from './operation-outcome.ts';
import { registerPatientRoutes } from './patient.routes.ts';
import { registerSubmissionSetRoutes } from './submission-set.routes.ts';
import { registerTransactionRoutes } from './transaction.routes.ts';

/** The FHIR content types whose bodies are JSON. */
const jsonTypes = ['application/fhir+json', 'application/json-patch+json'];

/** Registers the FHIR API (to be mounted with `prefix: '/fhir/R4'`). */
export const fhirPlugin: FastifyPluginAsyncZod<FhirDeps> = async (app, deps) => {
  installFhirErrorHandler(app);
  app.addContentTypeParser(jsonTypes, { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string) as unknown);
    } catch {
      done(new FhirError(400, 'structure', 'Le corps de la requête n’est pas un JSON valide.'));
    }
  });
  // POST `_search` sends its parameters as a form (R4 search.html#Introduction).
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => done(null, new URLSearchParams(body as string)),
  );
  // Whatever JSON leaves this plugin is FHIR (R4 http.html#mime-type).
  app.addHook('onSend', async (_request, reply, payload) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('application/json'))
      reply.header('content-type', 'application/fhir+json; charset=utf-8');
    return payload;
  });

  const publicUrl = deps.publicUrl.replace(/\/$/, '');
  app.get('/metadata', async (_request, reply) =>
    reply
      .type('application/fhir+json')
      .send(capabilityStatement({ publicUrl, oauth: deps.oauth?.endpoints })),
  );

  const auth = createFhirAuth(deps.apiTokens, deps.oauth);
  await app.register(async (secured) => {
    secured.addHook('onRequest', (request) => auth.authenticate(request));
    registerPatientRoutes(secured, deps, auth);
    registerDocumentReferenceRoutes(secured, deps, auth);
    registerBinaryRoutes(secured, deps, auth);
    registerTransactionRoutes(secured, deps, auth);
    registerAuditEventRoutes(secured, deps, auth);
    registerImmunizationRoutes(secured, deps, auth);
    registerSubmissionSetRoutes(secured, deps, auth);
  });
};
