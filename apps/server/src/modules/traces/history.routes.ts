/** HTTP routes of Historique d'activité: a page of lines, and the CSV and PDF exports. */
import { Readable } from 'node:stream';
import {
  historyFilterSchema,
  historyPageSchema,
  historyQuerySchema,
  parisDay,
} from '@carnet/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Clock } from '../../platform/clock.ts';
import { notFound } from '../../platform/http/app-error.ts';
import type { SessionCookie } from '../sessions/sessions.http.ts';
import { requireSession } from '../sessions/sessions.http.ts';
import type { SessionsService } from '../sessions/sessions.service.ts';
import { historyCsv, historyPdf } from './history.export.ts';
import type { HistoryService } from './history.service.ts';

/** The routes' dependencies. */
export interface HistoryRoutesDeps {
  history: HistoryService;
  sessions: SessionsService;
  cookie: SessionCookie;
  clock: Clock;
}

/** Registers /api/history, /api/history/export.csv and /api/history/export.pdf. */
export const historyRoutes: FastifyPluginAsyncZod<HistoryRoutesDeps> = async (app, deps) => {
  /** The titulaire of the signed-in session; anyone else has no history here. */
  const patientOf = async (request: FastifyRequest): Promise<string> => {
    const session = await requireSession(request, deps.sessions, deps.cookie);
    if (!session.patient_id) throw notFound();
    return session.patient_id;
  };
  const attachment = (reply: FastifyReply, extension: 'csv' | 'pdf') =>
    reply
      .header(
        'content-disposition',
        `attachment; filename="historique-activite-${parisDay(deps.clock.now())}.${extension}"`,
      )
      .header('cache-control', 'no-store');

  app.get(
    '/history',
    { schema: { querystring: historyQuerySchema, response: { 200: historyPageSchema } } },
    async (request) => deps.history.listForPatient(await patientOf(request), request.query),
  );

  app.get(
    '/history/export.csv',
    { schema: { querystring: historyFilterSchema } },
    async (request, reply) => {
      const patientId = await patientOf(request);
      await deps.history.recordExport(patientId, { format: 'csv', filter: request.query });
      const chunks = historyCsv(deps.history.exportEntries(patientId, request.query));
      return attachment(reply, 'csv')
        .type('text/csv; charset=utf-8')
        .send(Readable.from(chunks, { objectMode: false }));
    },
  );

  app.get(
    '/history/export.pdf',
    { schema: { querystring: historyFilterSchema } },
    async (request, reply) => {
      const patientId = await patientOf(request);
      const pdf = await historyPdf({
        patientName: await deps.history.patientName(patientId),
        filter: request.query,
        generatedAt: deps.clock.now(),
        batches: deps.history.exportEntries(patientId, request.query),
      });
      await deps.history.recordExport(patientId, { format: 'pdf', filter: request.query });
      return attachment(reply, 'pdf').type('application/pdf').send(pdf);
    },
  );
};
