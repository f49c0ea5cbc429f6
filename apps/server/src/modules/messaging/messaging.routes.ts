/**
 * `/api/messages…` (the patient) and `/api/pro/messages…`, `/api/pro/patients/:id/conversations`
 * (the professional). Thin: parse, call, answer; every decision is the services'. Messages are
 * multipart (text fields and up to 10 files, streamed into the blob store as they arrive).
 */
import multipart from '@fastify/multipart';
import {
  archiveConversationSchema,
  conversationDetailSchema,
  conversationListQuerySchema,
  conversationListSchema,
  messageSentSchema,
  newConversationFieldsSchema,
  replyFieldsSchema,
  saveAttachmentSchema,
  savedAttachmentSchema,
  unreadCountSchema,
} from '@carnet/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Action } from '../access/access.policy.ts';
import type { Professional } from '../professionals/professionals.service.ts';
import type { ActingPerson, ActingPersonResolver } from '../sessions/acting-person.ts';
import {
  messageUploadLimits,
  parseMessageFields,
  receiveMessage,
  sendAttachment,
} from './messaging.http.ts';
import type { PatientMessagingService } from './patient-messaging.service.ts';
import type { ProMessagingService } from './pro-messaging.service.ts';

/** The routes' dependencies. */
export interface MessagingRoutesDeps {
  patient: PatientMessagingService;
  professional: ProMessagingService;
  /** The one resolver of the selected profile and of who acts on it (issue 13). */
  actingPerson: Pick<ActingPersonResolver, 'require'>;
  /** The signed-in professional, read fresh (401 otherwise). */
  professionalOf: (request: FastifyRequest) => Promise<Professional>;
  maxFileBytes: number;
}

const id = z.string().min(1).max(64);
const conversationParams = z.strictObject({ id });
const attachmentParams = z.strictObject({ id, attachmentId: id });
const patientParams = z.strictObject({ patientId: id });
const proListQuery = z.strictObject({ q: z.string().trim().max(200).optional() });
const empty = z.null().or(z.undefined());

/** Registers the messaging routes of both sides. */
export const messagingRoutes: FastifyPluginAsyncZod<MessagingRoutesDeps> = async (app, deps) => {
  const { patient, professional, professionalOf, maxFileBytes } = deps;
  await app.register(multipart, { limits: messageUploadLimits(maxFileBytes) });

  /** The acting person on the selected profile, allowed `action` by the one policy. */
  const personOf = (
    request: FastifyRequest,
    action: Action = 'message.read',
  ): Promise<ActingPerson> => deps.actingPerson.require(request, action);

  // ---------- the patient ----------
  app.get(
    '/messages',
    {
      schema: {
        querystring: conversationListQuerySchema,
        response: { 200: conversationListSchema },
      },
    },
    async (request) => patient.list((await personOf(request)).patientId, request.query),
  );

  app.get('/messages/unread', { schema: { response: { 200: unreadCountSchema } } }, async (r) =>
    patient.unreadCount((await personOf(r)).patientId),
  );

  app.get(
    '/messages/:id',
    { schema: { params: conversationParams, response: { 200: conversationDetailSchema } } },
    async (request) => {
      const person = await personOf(request);
      return patient.get(person.patientId, request.params.id, person);
    },
  );

  app.post(
    '/messages/:id/replies',
    { schema: { params: conversationParams, response: { 201: messageSentSchema } } },
    async (request, reply) => {
      const person = await personOf(request, 'message.send');
      const { patientId } = person;
      const received = await receiveMessage(request, reply, {
        maxFileBytes,
        stageFile: (file, soFar) => patient.stageFile(patientId, file, soFar),
        stageDocument: (documentId, soFar) => patient.stageDocument(patientId, documentId, soFar),
        discard: patient.discard,
      });
      const fields = await parseMessageFields(replyFieldsSchema, received, patient.discard);
      const sent = await patient.reply(
        patientId,
        request.params.id,
        {
          body: fields.body,
          staged: received.staged,
        },
        person,
      );
      return reply.status(201).send(sent);
    },
  );

  app.post(
    '/messages/:id/archive',
    {
      schema: {
        params: conversationParams,
        body: archiveConversationSchema,
        response: { 204: empty },
      },
    },
    async (request, reply) => {
      const person = await personOf(request);
      await patient.archive(person.patientId, request.params.id, request.body.archived, person);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/messages/:id',
    { schema: { params: conversationParams, response: { 204: empty } } },
    async (request, reply) => {
      const person = await personOf(request);
      await patient.remove(person.patientId, request.params.id, person);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/messages/:id/attachments/:attachmentId',
    { schema: { params: attachmentParams } },
    async (request, reply) => {
      const { id: conversationId, attachmentId } = request.params;
      const person = await personOf(request);
      const file = await patient.download(person.patientId, conversationId, attachmentId, person);
      return sendAttachment(reply, file);
    },
  );

  app.post(
    '/messages/:id/attachments/:attachmentId/save',
    {
      schema: {
        params: attachmentParams,
        body: saveAttachmentSchema,
        response: { 201: savedAttachmentSchema },
      },
    },
    async (request, reply) => {
      const { id: conversationId, attachmentId } = request.params;
      const person = await personOf(request);
      const saved = await patient.saveToDocuments(
        person.patientId,
        conversationId,
        attachmentId,
        request.body,
        person,
      );
      return reply.status(201).send(saved);
    },
  );

  // ---------- the professional ----------
  app.get(
    '/pro/messages',
    { schema: { querystring: proListQuery, response: { 200: conversationListSchema } } },
    async (request) => professional.list(await professionalOf(request), request.query),
  );

  app.get('/pro/messages/unread', { schema: { response: { 200: unreadCountSchema } } }, async (r) =>
    professional.unreadCount(await professionalOf(r)),
  );

  app.get(
    '/pro/messages/:id',
    { schema: { params: conversationParams, response: { 200: conversationDetailSchema } } },
    async (request) => professional.get(await professionalOf(request), request.params.id),
  );

  app.post(
    '/pro/patients/:patientId/conversations',
    { schema: { params: patientParams, response: { 201: messageSentSchema } } },
    async (request, reply) => {
      const ps = await professionalOf(request);
      const { patientId } = request.params;
      const received = await receiveMessage(request, reply, {
        maxFileBytes,
        stageFile: (file, soFar) => professional.stageFile(patientId, file, soFar),
        discard: professional.discard,
      });
      const fields = await parseMessageFields(
        newConversationFieldsSchema,
        received,
        professional.discard,
      );
      const sent = await professional.start(ps, patientId, { ...fields, staged: received.staged });
      return reply.status(201).send(sent);
    },
  );

  app.post(
    '/pro/messages/:id/replies',
    { schema: { params: conversationParams, response: { 201: messageSentSchema } } },
    async (request, reply) => {
      const ps = await professionalOf(request);
      const conversationId = request.params.id;
      const received = await receiveMessage(request, reply, {
        maxFileBytes,
        // The record is known once the gate allows the conversation: files are staged under it.
        stageFile: async (file, soFar) =>
          professional.stageFile(await professional.recordOf(ps, conversationId), file, soFar),
        discard: professional.discard,
      });
      const fields = await parseMessageFields(replyFieldsSchema, received, professional.discard);
      const sent = await professional.reply(ps, conversationId, {
        body: fields.body,
        staged: received.staged,
      });
      return reply.status(201).send(sent);
    },
  );

  app.post(
    '/pro/messages/:id/close',
    { schema: { params: conversationParams, response: { 204: empty } } },
    async (request, reply) => {
      await professional.close(await professionalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/pro/messages/:id/attachments/:attachmentId',
    { schema: { params: attachmentParams } },
    async (request, reply) => {
      const { id: conversationId, attachmentId } = request.params;
      const file = await professional.download(
        await professionalOf(request),
        conversationId,
        attachmentId,
      );
      return sendAttachment(reply, file);
    },
  );
};
