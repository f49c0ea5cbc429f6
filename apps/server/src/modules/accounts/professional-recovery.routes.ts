/** HTTP routes of a professional's forgotten password. Thin: parse, call, answer. */
import {
  proPasswordResetCompleteSchema,
  proPasswordResetRequestSchema,
  recoveryAcceptedSchema,
} from '@carnet/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ProfessionalRecoveryService } from './professional-recovery.service.ts';

/** Registers /api/pro/auth/password-reset and /api/pro/auth/password-reset/complete. */
export const professionalRecoveryRoutes: FastifyPluginAsyncZod<{
  recovery: ProfessionalRecoveryService;
}> = async (app, deps) => {
  app.post(
    '/pro/auth/password-reset',
    { schema: { body: proPasswordResetRequestSchema, response: { 202: recoveryAcceptedSchema } } },
    async (request, reply) => reply.status(202).send(await deps.recovery.start(request.body)),
  );

  app.post(
    '/pro/auth/password-reset/complete',
    {
      schema: {
        body: proPasswordResetCompleteSchema,
        response: { 204: z.null().or(z.undefined()) },
      },
    },
    async (request, reply) => {
      await deps.recovery.complete(request.body);
      return reply.status(204).send(null);
    },
  );
};
