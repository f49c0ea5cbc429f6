/** buildApp(deps): registers plugins and modules; never listens, so tests use `inject`. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from './deps.ts';
import { AppError } from './platform/http/app-error.ts';
import { installApiErrorHandler } from './platform/http/error-handler.ts';
import { registerSecurity } from './platform/http/security.ts';
import { memoSerializerCompiler } from './platform/http/serializer.ts';
import { webStaticOptions } from './platform/http/web-assets.ts';
import { registerProbes } from './platform/http/probes.ts';
import { accountsRoutes } from './modules/accounts/accounts.routes.ts';
import { documentsRoutes } from './modules/documents/documents.routes.ts';
import { accessRoutes } from './modules/access/access.routes.ts';
import { proRoutes } from './modules/pro/pro.routes.ts';
import { proDocumentsRoutes } from './modules/documents/pro-documents.routes.ts';
import { requireSession } from './modules/sessions/sessions.http.ts';
import { historyRoutes } from './modules/traces/history.routes.ts';
import { notificationsRoutes } from './modules/notifications/notifications.routes.ts';
import { fhirPlugin } from './fhir/fhir.plugin.ts';
import { oauthRoutes, smartConfigurationRoute } from './modules/oauth/oauth.routes.ts';
import { profileRoutes } from './modules/profile/profile.routes.ts';
import { proProfileRoutes } from './modules/profile/pro-profile.routes.ts';
import { messagingRoutes } from './modules/messaging/messaging.routes.ts';
import { closureRoutes } from './modules/accounts/closure.routes.ts';
import { professionalRecoveryRoutes } from './modules/accounts/professional-recovery.routes.ts';
import { exportsRoutes } from './modules/exports/exports.routes.ts';
import { operatorRoutes } from './modules/operator/operator.routes.ts';
import { delegationsRoutes } from './modules/delegations/delegations.routes.ts';

/** Options of the HTTP app. */
export interface BuildAppOptions {
  /** Structured logs (pino); `stream` lets tests read them. */
  logger?: boolean | { level: string; stream?: NodeJS.WritableStream };
  /** Folder of the built web app; not served when absent. */
  webDir?: string | undefined;
  /** True once a graceful shutdown has begun: `/ready` then answers 503. */
  isDraining?: () => boolean;
}

/** Log redaction: no cookies, codes, passwords or tokens ever reach the logs (SECURITY.md). */
const redact = ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'];

/** The default location of the built web app in this checkout. */
export const defaultWebDir = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Builds the Fastify app with every module. */
export async function buildApp(
  deps: AppDeps,
  options: BuildAppOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === undefined || options.logger === false
        ? false
        : { ...(typeof options.logger === 'object' ? options.logger : {}), redact },
    trustProxy: deps.config.trustProxy,
    bodyLimit: 64 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(memoSerializerCompiler);
  installApiErrorHandler(app);
  await app.register(cookie);
  await registerSecurity(app, { publicUrl: deps.config.publicUrl });

  registerProbes(app, {
    database: deps.database,
    blobs: deps.blobs,
    isDraining: () => options.isDraining?.() ?? false,
  });

  await app.register(
    async (api) => {
      await api.register(accountsRoutes, {
        signIn: deps.signIn,
        activation: deps.activation,
        attestations: deps.oppositionAttestations,
        recovery: deps.recovery,
        settings: deps.accountSettings,
        sessions: deps.sessions,
        cookie: deps.cookie,
      });
      // Profile lifecycle (issue 14): closure, data export, the operator's public settings.
      await api.register(closureRoutes, {
        closure: deps.closure,
        sessions: deps.sessions,
        cookie: deps.cookie,
        actingPerson: deps.actingPerson,
      });
      await api.register(exportsRoutes, {
        exports: deps.exports,
        actingPerson: deps.actingPerson,
      });
      await api.register(professionalRecoveryRoutes, { recovery: deps.professionalRecovery });
      await api.register(operatorRoutes, {
        operatorName: deps.config.operatorName,
        operatorIsState: deps.config.operatorIsState,
      });
      await api.register(delegationsRoutes, {
        delegations: deps.delegations,
        actingPerson: deps.actingPerson,
      });
      await api.register(historyRoutes, {
        history: deps.history,
        actingPerson: deps.actingPerson,
        clock: deps.clock,
      });
      await api.register(notificationsRoutes, {
        notifications: deps.notifications,
        actingPerson: deps.actingPerson,
      });
      await api.register(accessRoutes, {
        access: deps.patientAccess,
        actingPerson: deps.actingPerson,
      });
      await api.register(proRoutes, {
        proAccess: deps.professionalAccess,
        professionals: deps.professionals,
        signIn: deps.signIn,
        sessions: deps.sessions,
        cookie: deps.cookie,
        history: deps.history,
      });
      await api.register(proDocumentsRoutes, {
        proDocuments: deps.proDocuments,
        professionalOf: async (request) =>
          deps.signIn.professionalOf(await requireSession(request, deps.sessions, deps.cookie)),
        maxDocumentBytes: deps.config.maxDocumentBytes,
      });
      await api.register(profileRoutes, {
        profile: deps.profile,
        synthese: deps.synthese,
        actingPerson: deps.actingPerson,
      });
      await api.register(proProfileRoutes, {
        proProfile: deps.proProfile,
        professionalOf: async (request) =>
          deps.signIn.professionalOf(await requireSession(request, deps.sessions, deps.cookie)),
      });
      await api.register(documentsRoutes, {
        documents: deps.documents,
        uploads: deps.documentUploads,
        views: deps.documentViews,
        folders: deps.folders,
        actingPerson: deps.actingPerson,
        maxDocumentBytes: deps.config.maxDocumentBytes,
      });
      await api.register(messagingRoutes, {
        patient: deps.messaging.patient,
        professional: deps.messaging.professional,
        actingPerson: deps.actingPerson,
        professionalOf: async (request) =>
          deps.signIn.professionalOf(await requireSession(request, deps.sessions, deps.cookie)),
        maxFileBytes: deps.config.maxDocumentBytes,
      });
      api.setNotFoundHandler(() => {
        throw new AppError('resource.not_found', 404, 'Ressource introuvable.');
      });
    },
    { prefix: '/api' },
  );

  // The FHIR R4 API for professional software (issue 10): its own errors (OperationOutcome).
  await app.register(fhirPlugin, {
    prefix: '/fhir/R4',
    apiTokens: deps.apiTokens,
    oauth: deps.oauth,
    proAccess: deps.professionalAccess,
    proDocuments: deps.proDocuments,
    professionals: deps.professionals,
    patients: deps.patients,
    proProfile: deps.proProfile,
    history: deps.history,
    db: deps.database.db,
    clock: deps.clock,
    publicUrl: deps.config.publicUrl,
    maxDocumentBytes: deps.config.maxDocumentBytes,
  });

  // OAuth 2.0 for professional software (issue 10): the authorization server at /oauth.
  await app.register(oauthRoutes, {
    prefix: '/oauth',
    oauth: deps.oauth,
    publicUrl: deps.config.publicUrl,
    professionalOf: async (request) =>
      deps.signIn.professionalOf(await requireSession(request, deps.sessions, deps.cookie)),
  });
  await app.register(smartConfigurationRoute, { oauth: deps.oauth });

  const webDir = options.webDir;
  if (webDir && existsSync(webDir)) {
    await app.register(fastifyStatic, webStaticOptions(webDir));
    // Single-page app: every other GET answers index.html; the router shows the page.
    app.setNotFoundHandler((request, reply) => {
      if (request.method !== 'GET' || request.url.startsWith('/api/')) {
        return reply
          .status(404)
          .send({ error: { code: 'resource.not_found', message: 'Ressource introuvable.' } });
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  return app;
}
