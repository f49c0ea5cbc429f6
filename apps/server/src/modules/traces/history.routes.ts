/** HTTP routes of Historique d'activité: a page of lines, and the CSV and PDF exports. */
import { Readable } from 'node:stream';
import {
  historyFilterSchema,
  historyPageSchema,
  historyQuerySchema,
  parisDay,
} from '@carnet/shared';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Clock } from '../../platform/clock.ts';
import type { ActingPerson, ActingPersonResolver } from '../sessions/acting-person.ts';
import { traceActorOf } from '../sessions/acting-person.ts';
import { historyCsv, historyPdf } from './history.export.ts';
import type { HistoryService } from './history.service.ts';

/** The routes' dependencies. */
export interface HistoryRoutesDeps {
  history: HistoryService;
  actingPerson: ActingPersonResolver;
  clock: Clock;
}

/** Registers /api/history, /api/history/export.csv and /api/history/export.pdf. */
export const historyRoutes: FastifyPluginAsyncZod<HistoryRoutesDeps> = async (app, deps) => {
  /** The selected profile, when the acting person may read its traces (not an aidant). */
  const actorOf = (request: Parameters<ActingPersonResolver['require']>[0]) =>
    deps.actingPerson.require(request, 'traces.read');
  const viewerOf = <T>(
    actor: ActingPerson,
    run: (actor: ActingPerson, viewer: { legalRepresentative: boolean }) => T,
  ): T => run(actor, { legalRepresentative: actor.role === 'representant-legal' });
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
    async (request) =>
      viewerOf(await actorOf(request), (actor, viewer) =>
        deps.history.listForPatient(actor.patientId, request.query, viewer),
      ),
  );

  app.get(
    '/history/export.csv',
    { schema: { querystring: historyFilterSchema } },
    async (request, reply) => {
      const actor = await actorOf(request);
      const patientId = actor.patientId;
      await deps.history.recordExport(patientId, {
        format: 'csv',
        filter: request.query,
        actor: traceActorOf(actor),
      });
      const chunks = historyCsv(
        deps.history.exportEntries(patientId, request.query, {
          legalRepresentative: actor.role === 'representant-legal',
        }),
      );
      return attachment(reply, 'csv')
        .type('text/csv; charset=utf-8')
        .send(Readable.from(chunks, { objectMode: false }));
    },
  );

  app.get(
    '/history/export.pdf',
    { schema: { querystring: historyFilterSchema } },
    async (request, reply) => {
      const actor = await actorOf(request);
      const patientId = actor.patientId;
      const pdf = await historyPdf({
        patientName: await deps.history.patientName(patientId),
        filter: request.query,
        generatedAt: deps.clock.now(),
        batches: deps.history.exportEntries(patientId, request.query, {
          legalRepresentative: actor.role === 'representant-legal',
        }),
      });
      await deps.history.recordExport(patientId, {
        format: 'pdf',
        filter: request.query,
        actor: traceActorOf(actor),
      });
      return attachment(reply, 'pdf').type('application/pdf').send(pdf);
    },
  );
};
