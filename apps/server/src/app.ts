/** buildApp(deps): registers plugins and modules; never listens, so tests use `inject`. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from './deps.ts';
import { AppError } from './platform/http/app-error.ts';
import { installApiErrorHandler } from './platform/http/error-handler.ts';
import { registerSecurity } from './platform/http/security.ts';
import { accountsRoutes } from './modules/accounts/accounts.routes.ts';
import { documentsRoutes } from './modules/documents/documents.routes.ts';
import { accessRoutes } from './modules/access/access.routes.ts';
import { proRoutes } from './modules/pro/pro.routes.ts';
import { proDocumentsRoutes } from './modules/documents/pro-documents.routes.ts';
import { requireSession } from './modules/sessions/sessions.http.ts';
import { historyRoutes } from './modules/traces/history.routes.ts';
import { notificationsRoutes } from './modules/notifications/notifications.routes.ts';
import { delegationsRoutes } from './modules/delegations/delegations.routes.ts';

/** Options of the HTTP app. */
export interface BuildAppOptions {
  /** Structured logs (pino); `stream` lets tests read them. */
  logger?: boolean | { level: string; stream?: NodeJS.WritableStream };
  /** Folder of the built web app; not served when absent. */
  webDir?: string | undefined;
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
  app.setSerializerCompiler(serializerCompiler);
  installApiErrorHandler(app);
  await app.register(cookie);
  await registerSecurity(app, { publicUrl: deps.config.publicUrl });

  app.get(
    '/health',
    {
      schema: {
        response: {
          200: z.strictObject({ status: z.literal('ok') }),
          503: z.strictObject({ status: z.literal('unavailable') }),
        },
      },
    },
    async (_request, reply) => {
      if (await deps.database.ping()) return { status: 'ok' as const };
      return reply.status(503).send({ status: 'unavailable' as const });
    },
  );

  await app.register(
    async (api) => {
      await api.register(accountsRoutes, {
        signIn: deps.signIn,
        activation: deps.activation,
        recovery: deps.recovery,
        settings: deps.accountSettings,
        sessions: deps.sessions,
        cookie: deps.cookie,
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
      await api.register(documentsRoutes, {
        documents: deps.documents,
        uploads: deps.documentUploads,
        views: deps.documentViews,
        folders: deps.folders,
        actingPerson: deps.actingPerson,
        maxDocumentBytes: deps.config.maxDocumentBytes,
      });
      api.setNotFoundHandler(() => {
        throw new AppError('resource.not_found', 404, 'Ressource introuvable.');
      });
    },
    { prefix: '/api' },
  );

  const webDir = options.webDir;
  if (webDir && existsSync(webDir)) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false });
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
