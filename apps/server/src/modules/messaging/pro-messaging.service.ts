/**
 * The professional's messaging (issue 12): start a conversation with a patient whose record it may
 * read now, read and write in its own conversations, close them, download attachments. Every step
 * is decided by the access gate and traced in its transaction, allowed or denied; whatever it may
 * not see answers 404 like a missing conversation.
 */
import type { ConversationDetail, ConversationList, NewConversationFields } from '@carnet/shared';
import type { Readable } from 'node:stream';
import type { Db } from '../../platform/db/schema.ts';
import type { ConversationsTable } from '../../platform/db/schema-messaging.ts';
import { notFound } from '../../platform/http/app-error.ts';
import type { GateTrace } from '../access/access-gate.service.ts';
import { professionalActorOf } from '../access/access-gate.service.ts';
import type { Action } from '../access/access.policy.ts';
import { decide } from '../access/access.policy.ts';
import type { Professional } from '../professionals/professionals.service.ts';
import type { ConversationsCore } from './conversations.service.ts';
import { searchable } from './conversations.service.ts';
import type { StagedAttachment } from './message-files.ts';
import type { MessagingDeps } from './messaging.deps.ts';
import { messagingErrors } from './messaging.errors.ts';
import { createMessagingRepository } from './messaging.repository.ts';

/** Creates the professional's messaging. */
export function createProMessagingService(deps: MessagingDeps, core: ConversationsCore) {
  const { db, gate } = deps;

  /**
   * Decides `action` on conversation `id` for `ps` in `trx`, traced: a missing conversation is
   * traced on the platform chain like a missing record, another PS's on the record's chain.
   */
  async function decideOn(
    trx: Db,
    ps: Professional,
    id: string,
    action: Action,
    trace: Omit<GateTrace, 'target'> & { target?: GateTrace['target'] },
  ): Promise<ConversationsTable | undefined> {
    const conversation = await createMessagingRepository(trx).findConversation(id);
    const result = await gate.check(trx, {
      professional: ps,
      patientId: conversation?.patient_id ?? null,
      action,
      resource: { type: 'conversation', professionalId: conversation?.professional_id ?? '' },
      trace: { target: { type: 'conversation', id }, ...trace },
    });
    return result.allow ? conversation : undefined;
  }

  return {
    /** Stages one attachment within the message's limits (nothing is a message until committed). */
    stageFile: core.stageFile,
    /** Removes staged attachments that will not be committed. */
    discard: core.discard,

    /**
     * The record files of a reply are staged under, before the decision (taken, and traced, when
     * the reply commits: a conversation it may not write in discards them and answers 404).
     */
    async recordOf(_ps: Professional, id: string): Promise<string> {
      const conversation = await createMessagingRepository(db).findConversation(id);
      return conversation?.patient_id ?? 'unknown';
    },

    /**
     * Starts a conversation: only with a record this PS may read now (issue 12; a blocked PS or
     * one without access gets 404, traced). The patient's "Messages reçus" e-mail leaves once.
     */
    async start(
      ps: Professional,
      patientId: string,
      input: NewConversationFields & { staged: readonly StagedAttachment[] },
    ): Promise<{ id: string }> {
      const id = deps.newId('cnv');
      return core.commit(input.staged, async (trx) => {
        const allowed = await gate.check(trx, {
          professional: ps,
          patientId,
          action: 'conversation.start',
          resource: { type: 'record' },
          trace: {
            action: 'message.send',
            target: { type: 'conversation', id },
            details: { start: true, attachments: input.staged.length },
          },
        });
        if (!allowed.allow) return false;
        const at = deps.clock.now().toISOString();
        await createMessagingRepository(trx).insertConversation({
          id,
          patient_id: patientId,
          professional_id: ps.id,
          subject_sealed: deps.files.seal(patientId, `conversation:${id}`, input.subject),
          created_at: at,
          last_message_at: at,
          closed_at: null,
          patient_archived_at: null,
          patient_deleted_at: null,
        });
        const conversation = { id, patient_id: patientId };
        await core.writeMessage(trx, {
          conversation,
          sender: { type: 'professional', id: ps.id },
          body: input.body,
          staged: input.staged,
        });
        await deps.notifications.messageReceived(trx, { patientId });
        return { id };
      });
    },

    /** Writes in an open conversation of its own. */
    async reply(
      ps: Professional,
      id: string,
      input: { body: string; staged: readonly StagedAttachment[] },
    ): Promise<{ id: string }> {
      return core.commit(input.staged, async (trx) => {
        const conversation = await decideOn(trx, ps, id, 'message.send', {
          action: 'message.send',
          details: { attachments: input.staged.length },
        });
        if (!conversation) return false;
        // Thrown inside: nothing is written, the decision's trace rolls back with it.
        if (conversation.closed_at) throw messagingErrors.closed();
        const messageId = await core.writeMessage(trx, {
          conversation,
          sender: { type: 'professional', id: ps.id },
          body: input.body,
          staged: input.staged,
        });
        await deps.notifications.messageReceived(trx, { patientId: conversation.patient_id });
        return { id: messageId };
      });
    },

    /**
     * Its conversations, newest first, each shown only while the policy lets it read that record's
     * messages now (a block hides them). Subjects are the PS's own words; reading messages is traced.
     */
    async list(ps: Professional, query: { q?: string | undefined }): Promise<ConversationList> {
      const rows = await createMessagingRepository(db).listForProfessional(ps.id);
      const actor = professionalActorOf(ps);
      const allowed = new Map<string, boolean>();
      for (const patientId of new Set(rows.map((r) => r.patient_id))) {
        const [record, context] = await Promise.all([
          deps.patients.find(patientId),
          gate.loadContext(db, ps, patientId),
        ]);
        const decision = record
          ? decide(
              actor,
              { status: record.status },
              'message.read',
              { type: 'conversation', professionalId: ps.id },
              context,
            )
          : undefined;
        allowed.set(patientId, decision?.allow === true);
      }
      const visible = rows.filter((r) => allowed.get(r.patient_id));
      const names = await core.namesOf(db, visible);
      const q = query.q ? searchable(query.q) : undefined;
      const items = visible
        .map((r) => core.toSummary(r, names))
        .filter((c) => !q || searchable(c.subject).includes(q));
      return { items };
    },

    /** Opens one of its conversations: traced `message.read`; the patient's messages become read. */
    async get(ps: Professional, id: string): Promise<ConversationDetail> {
      const detail = await db.transaction().execute(async (trx) => {
        const conversation = await decideOn(trx, ps, id, 'message.read', {
          action: 'message.read',
        });
        if (!conversation) return undefined;
        await createMessagingRepository(trx).markRead(
          id,
          'professional',
          deps.clock.now().toISOString(),
        );
        return core.detail(trx, conversation, 'professional', 0);
      });
      if (!detail) throw notFound();
      return detail;
    },

    /** "Clôturer l'échange": nobody writes in it any more (closing twice changes nothing). */
    async close(ps: Professional, id: string): Promise<void> {
      const done = await db.transaction().execute(async (trx) => {
        const conversation = await decideOn(trx, ps, id, 'conversation.close', {
          action: 'conversation.close',
        });
        if (!conversation) return false;
        if (!conversation.closed_at)
          await createMessagingRepository(trx).updateConversation(id, {
            closed_at: deps.clock.now().toISOString(),
          });
        return true;
      });
      if (!done) throw notFound();
    },

    /** An attachment of one of its conversations, decrypted as it streams; every download traced. */
    async download(
      ps: Professional,
      id: string,
      attachmentId: string,
    ): Promise<{ stream: Readable; fileName: string; contentType: string; size: number }> {
      const row = await db.transaction().execute(async (trx) => {
        const conversation = await decideOn(trx, ps, id, 'message.read', {
          action: 'message.attachment_download',
          details: { attachment: attachmentId },
        });
        if (!conversation) return undefined;
        return createMessagingRepository(trx).findAttachment(id, attachmentId);
      });
      if (!row) throw notFound();
      return {
        stream: await deps.files.openAttachment(row),
        fileName: row.file_name,
        contentType: row.mime_type,
        size: Number(row.size),
      };
    },

    /** The unread count of the navigation. */
    async unreadCount(ps: Professional): Promise<{ unread: number }> {
      const { items } = await this.list(ps, {});
      return { unread: items.reduce((n, c) => n + c.unread, 0) };
    },
  };
}

/** The professional's messaging. */
export type ProMessagingService = ReturnType<typeof createProMessagingService>;
