/**
 * The professional space's API (`/api/pro/...`, PRODUCT.md "Professional side"): thin routes on a
 * professional's session. Whatever the professional may not see answers 404 like a missing record.
 */
import {
  consentRequestSchema,
  directoryQuerySchema,
  directoryResultSchema,
  emergencyAccessRequestSchema,
  historyPageSchema,
  isoDateSchema,
  patientSearchRequestSchema,
  patientSearchResultSchema,
  proAccessSchema,
  proPatientRecordSchema,
  proProfileSchema,
} from '@carnet/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ProfessionalAccessService } from '../access/professional-access.service.ts';
import type { SignInService } from '../accounts/sign-in.service.ts';
import type { ProfessionalsService } from '../professionals/professionals.service.ts';
import { professionLabel, toProfessionalSummary } from '../professionals/professionals.service.ts';
import type { SessionCookie } from '../sessions/sessions.http.ts';
import { requireSession } from '../sessions/sessions.http.ts';
import type { SessionsService } from '../sessions/sessions.service.ts';
import type { HistoryService } from '../traces/history.service.ts';

/** The routes' dependencies. */
export interface ProRoutesDeps {
  proAccess: ProfessionalAccessService;
  professionals: ProfessionalsService;
  signIn: SignInService;
  sessions: SessionsService;
  cookie: SessionCookie;
  history: HistoryService;
}

const id = z.string().min(1).max(64);
const patientParams = z.strictObject({ patientId: id });
const empty = z.null().or(z.undefined());
const emptyBody = z.union([z.strictObject({}), z.null(), z.undefined()]);

/**
 * A page of a record's traces for a professional (ACCESS.md "read access traces of the record"):
 * `record` = every professional's access (médecin traitant only), `own` = its own actions.
 */
const proTracesQuerySchema = z
  .strictObject({
    scope: z.enum(['record', 'own']).default('own'),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    cursor: z
      .string()
      .max(200)
      .regex(/^[A-Za-z0-9_-]+$/, 'Curseur invalide')
      .optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'La date de début doit précéder la date de fin',
    path: ['to'],
  });

/** Registers /api/pro/* (sign-in step 1/3 lives with the accounts routes). */
export const proRoutes: FastifyPluginAsyncZod<ProRoutesDeps> = async (app, deps) => {
  /** The signed-in professional, read fresh (a patient's session gets 401). */
  const professional = async (request: FastifyRequest) =>
    deps.signIn.professionalOf(await requireSession(request, deps.sessions, deps.cookie));

  app.get('/pro/me', { schema: { response: { 200: proProfileSchema } } }, async (request) => {
    const ps = await professional(request);
    return {
      id: ps.id,
      rpps: ps.rpps,
      firstName: ps.first_name,
      lastName: ps.last_name,
      profession: ps.profession,
      professionLabel: professionLabel(ps.profession),
      specialty: ps.specialty,
      isRegulator: ps.is_regulator === 1,
      email: ps.email,
    };
  });

  app.post(
    '/pro/patients/search',
    { schema: { body: patientSearchRequestSchema, response: { 200: patientSearchResultSchema } } },
    async (request) => deps.proAccess.findPatient(await professional(request), request.body),
  );

  app.get(
    '/pro/patients/:patientId',
    { schema: { params: patientParams, response: { 200: proPatientRecordSchema } } },
    async (request) => deps.proAccess.record(await professional(request), request.params.patientId),
  );

  app.post(
    '/pro/patients/:patientId/consent',
    {
      schema: {
        params: patientParams,
        body: consentRequestSchema,
        response: { 200: proAccessSchema },
      },
    },
    async (request) =>
      deps.proAccess.recordConsent(await professional(request), request.params.patientId),
  );

  app.post(
    '/pro/patients/:patientId/emergency',
    {
      schema: {
        params: patientParams,
        body: emergencyAccessRequestSchema,
        response: { 201: proAccessSchema },
      },
    },
    async (request, reply) => {
      const access = await deps.proAccess.openEmergency(
        await professional(request),
        request.params.patientId,
        request.body,
      );
      return reply.status(201).send(access);
    },
  );

  app.post(
    '/pro/patients/:patientId/professionals/:psId/block',
    {
      schema: {
        params: z.strictObject({ patientId: id, psId: id }),
        body: emptyBody,
        response: { 204: empty },
      },
    },
    async (request, reply) => {
      await deps.proAccess.blockOther(
        await professional(request),
        request.params.patientId,
        request.params.psId,
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/pro/patients/:patientId/traces',
    {
      schema: {
        params: patientParams,
        querystring: proTracesQuerySchema,
        response: { 200: historyPageSchema },
      },
    },
    async (request) => {
      const ps = await professional(request);
      const { patientId } = request.params;
      const { scope, ...query } = request.query;
      return deps.history.listTracesForProfessional({
        professionalId: ps.id,
        patientId,
        scope,
        ...(await deps.proAccess.traceReadFacts(ps, patientId)),
        query,
      });
    },
  );

  app.get(
    '/pro/directory',
    { schema: { querystring: directoryQuerySchema, response: { 200: directoryResultSchema } } },
    async (request) => {
      await professional(request);
      return {
        professionals: (await deps.professionals.search(request.query.q)).map(
          toProfessionalSummary,
        ),
      };
    },
  );
};
