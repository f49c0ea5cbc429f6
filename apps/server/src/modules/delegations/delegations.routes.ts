/** HTTP routes of Proches: the profile switcher, Partage du profil, invitations, child activation. */
import {
  aidantInvitationRequestSchema,
  childActivationRequestSchema,
  invitationRequestSchema,
  profileListSchema,
  profileSchema,
  profileSelectSchema,
  sharingSchema,
} from '@carnet/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ActingPersonResolver } from '../sessions/acting-person.ts';
import type { DelegationsService } from './delegations.service.ts';

/** The routes' dependencies. */
export interface DelegationsRoutesDeps {
  delegations: DelegationsService;
  actingPerson: ActingPersonResolver;
}

const idParams = z.strictObject({ id: z.string().min(1).max(64) });
const empty = z.null().or(z.undefined());
const emptyBody = z.union([z.strictObject({}), z.null(), z.undefined()]);

/** Registers /api/profiles and /api/delegations/*. */
export const delegationsRoutes: FastifyPluginAsyncZod<DelegationsRoutesDeps> = async (
  app,
  deps,
) => {
  const { delegations, actingPerson } = deps;

  app.get('/profiles', { schema: { response: { 200: profileListSchema } } }, async (request) => {
    const session = await actingPerson.session(request);
    const profiles = await delegations.profiles(session.patient_id);
    const selected = session.acting_patient_id ?? session.patient_id;
    // A selection that is no longer valid shows as the person's own profile (and is reset).
    const current = profiles.some((p) => p.patientId === selected) ? selected : session.patient_id;
    if (current !== selected) await actingPerson.select(request, current);
    return { current, profiles };
  });

  app.put(
    '/profiles/current',
    { schema: { body: profileSelectSchema, response: { 200: profileListSchema } } },
    async (request) => {
      const person = await actingPerson.select(request, request.body.patientId);
      return { current: person.patientId, profiles: await delegations.profiles(person.personId) };
    },
  );

  app.get('/delegations', { schema: { response: { 200: sharingSchema } } }, async (request) =>
    delegations.sharing(await actingPerson.require(request, 'sharing.manage')),
  );

  app.post(
    '/delegations/representatives',
    { schema: { body: invitationRequestSchema, response: { 201: empty } } },
    async (request, reply) => {
      const actor = await actingPerson.require(request, 'sharing.manage');
      await delegations.inviteRepresentative(actor, request.body);
      return reply.status(201).send(null);
    },
  );

  app.post(
    '/delegations/aidants',
    { schema: { body: aidantInvitationRequestSchema, response: { 201: empty } } },
    async (request, reply) => {
      const actor = await actingPerson.require(request, 'sharing.manage');
      await delegations.inviteAidant(actor, request.body);
      return reply.status(201).send(null);
    },
  );

  // Accepting and refusing act for the person herself, whatever profile she has selected.
  app.post(
    '/delegations/:id/accept',
    { schema: { params: idParams, body: emptyBody, response: { 204: empty } } },
    async (request, reply) => {
      const session = await actingPerson.session(request);
      await delegations.accept(session.patient_id, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/delegations/:id/refuse',
    { schema: { params: idParams, body: emptyBody, response: { 204: empty } } },
    async (request, reply) => {
      const session = await actingPerson.session(request);
      await delegations.refuse(session.patient_id, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/delegations/:id/revoke',
    { schema: { params: idParams, body: emptyBody, response: { 204: empty } } },
    async (request, reply) => {
      await delegations.revoke(await actingPerson.current(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/delegations/children/activate',
    { schema: { body: childActivationRequestSchema, response: { 201: profileSchema } } },
    async (request, reply) => {
      const session = await actingPerson.session(request);
      const { certify: _certify, ...input } = request.body;
      const child = await delegations.activateChild(session.patient_id, {
        ...input,
        ip: request.ip,
      });
      return reply.status(201).send(child);
    },
  );
};
