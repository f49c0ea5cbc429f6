/** HTTP routes of sign-in, activation, recovery and account settings. Thin: parse, call, answer. */
import {
  activationRequestSchema,
  attestationRequestSchema,
  codeRequestSchema,
  codeSentSchema,
  codeVerifySchema,
  contactChangeConfirmSchema,
  contactChangeRequestSchema,
  contactChangeStartedSchema,
  loginRequestSchema,
  loginResponseSchema,
  meSchema,
  oppositionRequestSchema,
  oppositionResultSchema,
  passwordChangeSchema,
  passwordResetCompleteSchema,
  proLoginRequestSchema,
  recoveryAcceptedSchema,
  recoveryRequestSchema,
  sessionListSchema,
} from '@carnet/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SessionCookie } from '../sessions/sessions.http.ts';
import {
  clearSessionCookie,
  readSession,
  requireSession,
  setSessionCookie,
  deviceCookieName,
  setDeviceCookie,
} from '../sessions/sessions.http.ts';
import type { SessionsService } from '../sessions/sessions.service.ts';
import type { AccountSettingsService } from './account-settings.service.ts';
import { accountsErrors } from './accounts.errors.ts';
import type { ActivationService } from './activation.service.ts';
import type { OppositionAttestations } from './opposition-attestation.ts';
import type { RecoveryService } from './recovery.service.ts';
import type { SignInService } from './sign-in.service.ts';

const empty = z.null().or(z.undefined());
const emptyBody = z.union([z.strictObject({}), z.null(), z.undefined()]);

/** The routes' dependencies. */
export interface AccountsRoutesDeps {
  signIn: SignInService;
  activation: ActivationService;
  attestations: OppositionAttestations;
  recovery: RecoveryService;
  settings: AccountSettingsService;
  sessions: SessionsService;
  cookie: SessionCookie;
}

/** Registers /api/auth/*, /api/pro/auth/login, /api/account/* and /api/me. */
export const accountsRoutes: FastifyPluginAsyncZod<AccountsRoutesDeps> = async (app, deps) => {
  const { cookie, sessions } = deps;
  const halfSession = async (request: Parameters<typeof readSession>[0]) => {
    const session = await readSession(request, sessions, cookie);
    if (!session || session.level !== 'password') throw accountsErrors.noPendingSignIn();
    return session;
  };

  app.post(
    '/auth/login',
    { schema: { body: loginRequestSchema, response: { 200: loginResponseSchema } } },
    async (request, reply) => {
      const result = await deps.signIn.checkPassword({
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? '',
      });
      setSessionCookie(reply, cookie, result.token);
      return { channels: result.channels };
    },
  );

  // A professional's step 1/3 (RPPS + password); steps 2/3 and 3/3 are the routes below.
  app.post(
    '/pro/auth/login',
    { schema: { body: proLoginRequestSchema, response: { 200: loginResponseSchema } } },
    async (request, reply) => {
      const result = await deps.signIn.checkProfessionalPassword({
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? '',
      });
      setSessionCookie(reply, cookie, result.token);
      return { channels: result.channels };
    },
  );

  app.post(
    '/auth/login/code',
    { schema: { body: codeRequestSchema, response: { 200: codeSentSchema } } },
    async (request) => {
      return deps.signIn.sendCode(await halfSession(request), request.body.channel);
    },
  );

  app.post(
    '/auth/login/verify',
    { schema: { body: codeVerifySchema, response: { 200: meSchema } } },
    async (request, reply) => {
      const result = await deps.signIn.verifyCode(
        await halfSession(request),
        request.body.code,
        request.cookies[deviceCookieName(cookie)],
      );
      setSessionCookie(reply, cookie, result.token);
      setDeviceCookie(reply, cookie, result.deviceToken);
      return result.me;
    },
  );

  app.post(
    '/auth/logout',
    { schema: { body: emptyBody, response: { 204: empty } } },
    async (request, reply) => {
      const session = await readSession(request, sessions, cookie);
      if (session) await deps.signIn.signOut(session);
      clearSessionCookie(reply, cookie);
      return reply.status(204).send(null);
    },
  );

  app.get('/me', { schema: { response: { 200: meSchema } } }, async (request) => {
    return deps.signIn.me(await requireSession(request, sessions, cookie));
  });

  app.post(
    '/auth/activate',
    { schema: { body: activationRequestSchema, response: { 201: empty } } },
    async (request, reply) => {
      await deps.activation.activate({ ...request.body, ip: request.ip });
      return reply.status(201).send(null);
    },
  );

  app.post(
    '/auth/oppose',
    {
      schema: {
        body: oppositionRequestSchema,
        response: { 200: oppositionResultSchema },
      },
    },
    async (request) => {
      const issued = await deps.activation.oppose({ ...request.body, ip: request.ip });
      return {
        status: 'opposed' as const,
        reference: issued.reference,
        attestationToken: issued.token,
      };
    },
  );

  // The token travels in the body (never in a URL that logs or a Referer could keep).
  app.post(
    '/auth/opposition-attestation',
    { schema: { body: attestationRequestSchema } },
    async (request, reply) => {
      const { pdf, reference } = await deps.attestations.render(request.body.token);
      return reply
        .header(
          'content-disposition',
          `attachment; filename="attestation-opposition-${reference}.pdf"`,
        )
        .header('cache-control', 'no-store')
        .type('application/pdf')
        .send(pdf);
    },
  );

  app.post(
    '/auth/forgot-identifiant',
    { schema: { body: recoveryRequestSchema, response: { 202: recoveryAcceptedSchema } } },
    async (request, reply) => {
      return reply.status(202).send(await deps.recovery.forgotIdentifiant(request.body));
    },
  );

  app.post(
    '/auth/password-reset',
    { schema: { body: recoveryRequestSchema, response: { 202: recoveryAcceptedSchema } } },
    async (request, reply) => {
      return reply.status(202).send(await deps.recovery.startPasswordReset(request.body));
    },
  );

  app.post(
    '/auth/password-reset/complete',
    { schema: { body: passwordResetCompleteSchema, response: { 204: empty } } },
    async (request, reply) => {
      await deps.recovery.completePasswordReset(request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/account/password',
    { schema: { body: passwordChangeSchema, response: { 204: empty } } },
    async (request, reply) => {
      await deps.settings.changePassword(
        await requireSession(request, sessions, cookie),
        request.body,
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/account/contact',
    { schema: { body: contactChangeRequestSchema, response: { 200: contactChangeStartedSchema } } },
    async (request) => {
      return deps.settings.startContactChange(
        await requireSession(request, sessions, cookie),
        request.body,
      );
    },
  );

  app.post(
    '/account/contact/confirm',
    { schema: { body: contactChangeConfirmSchema, response: { 200: meSchema } } },
    async (request) => {
      const session = await requireSession(request, sessions, cookie);
      await deps.settings.confirmContactChange(session, request.body);
      return deps.signIn.me(session);
    },
  );

  app.get(
    '/account/sessions',
    { schema: { response: { 200: sessionListSchema } } },
    async (request) => {
      return {
        sessions: await deps.settings.listSessions(await requireSession(request, sessions, cookie)),
      };
    },
  );

  app.delete(
    '/account/sessions/:id',
    { schema: { params: z.strictObject({ id: z.string().max(64) }), response: { 204: empty } } },
    async (request, reply) => {
      await deps.settings.endSession(
        await requireSession(request, sessions, cookie),
        request.params.id,
      );
      return reply.status(204).send(null);
    },
  );
};
