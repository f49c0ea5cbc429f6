/**
 * The patient's messaging (issue 12): her inbox, reading and answering a conversation a
 * professional opened and did not close, "Archiver" / "Supprimer" (her copy only), attachments
 * (downloaded, or saved to her documents), existing documents of hers attached. Every read and
 * write is decided by the one policy and traced in its transaction; a conversation of another
 * record answers 404 like a missing one, and the attempt is traced.
 */
import type { ConversationDetail, ConversationList, SaveAttachmentInput } from '@carnet/shared';
import type { Readable } from 'node:stream';
import type { Db } from '../../platform/db/schema.ts';
import type { ConversationsTable } from '../../platform/db/schema-messaging.ts';
import { notFound } from '../../platform/http/app-error.ts';
import type { Action } from '../access/access.policy.ts';
import { decide } from '../access/access.policy.ts';
import type { ConversationsCore } from './conversations.service.ts';
import { professionalName, searchable } from './conversations.service.ts';
import type { StagedAttachment } from './message-files.ts';
import type { MessagingDeps } from './messaging.deps.ts';
import { messagingErrors } from './messaging.errors.ts';
import { createMessagingRepository } from './messaging.repository.ts';
import type { ActingPerson } from '../sessions/acting-person.ts';
import { traceActorOf } from '../sessions/acting-person.ts';

/** Creates the patient's messaging. */
export function createPatientMessagingService(deps: MessagingDeps, core: ConversationsCore) {
  const { db } = deps;

  /**
   * Decides `action` on conversation `id` of her record (the one policy, titulaire) and traces it:
   * a conversation of another record is decided like a missing one — denied, traced, 404.
   */
  async function decideOn(
    trx: Db,
    patientId: string,
    id: string,
    action: Action,
    trace: { action: string; details?: Record<string, string | number | boolean> },
    by?: ActingPerson,
  ): Promise<ConversationsTable | undefined> {
    const found = await createMessagingRepository(trx).findConversation(id);
    const conversation = found?.patient_id === patientId ? found : undefined;
    const record = await deps.patients.find(patientId, trx);
    const decision =
      conversation && record
        ? decide(
            { kind: 'person', role: by?.role ?? 'titulaire' },
            { status: record.status },
            action,
            { type: 'conversation', professionalId: conversation.professional_id },
            { now: deps.clock.now().toISOString() },
          )
        : undefined;
    const allowed = decision?.allow === true;
    await deps.traces.append(trx, {
      patientId,
      actor: by ? traceActorOf(by) : { type: 'patient', id: patientId },
      action: trace.action,
      target: { type: 'conversation', id },
      outcome: allowed ? 'success' : 'denied',
      details: {
        ...trace.details,
        ...(allowed ? {} : { reason: decision?.reason ?? 'not_found' }),
      },
    });
    return allowed ? conversation : undefined;
  }

  /** Runs a decided change in one transaction; 404 (the denial traced) when not allowed. */
  async function decided<T>(
    patientId: string,
    id: string,
    action: Action,
    trace: { action: string; details?: Record<string, string | number | boolean> },
    run: (trx: Db, conversation: ConversationsTable) => Promise<T>,
    by?: ActingPerson,
  ): Promise<T> {
    const result = await db.transaction().execute(async (trx) => {
      const conversation = await decideOn(trx, patientId, id, action, trace, by);
      return conversation ? { value: await run(trx, conversation) } : undefined;
    });
    if (!result) throw notFound();
    return result.value;
  }

  /** An attachment of her conversation, with the sender of its message. */
  async function attachmentOf(
    patientId: string,
    id: string,
    attachmentId: string,
    action: string,
    by?: ActingPerson,
  ) {
    const row = await decided(
      patientId,
      id,
      'message.read',
      { action, details: { attachment: attachmentId } },
      async (trx, conversation) => {
        const found = await createMessagingRepository(trx).findAttachment(id, attachmentId);
        // What she deleted stays gone with her copy.
        const gone =
          conversation.patient_deleted_at !== null &&
          found !== undefined &&
          found.message_created_at <= conversation.patient_deleted_at;
        return gone ? undefined : found;
      },
      by,
    );
    if (!row) throw notFound();
    return row;
  }

  return {
    /** Stages one attachment within the message's limits. */
    stageFile: core.stageFile,
    /** Removes staged attachments that will not be committed. */
    discard: core.discard,

    /** Stages one of her visible documents as an attachment (404 for anything else). */
    async stageDocument(
      patientId: string,
      documentId: string,
      bytesSoFar: number,
    ): Promise<StagedAttachment> {
      let file;
      try {
        file = await deps.documents.openOwn(patientId, documentId);
      } catch {
        throw messagingErrors.documentNotFound();
      }
      return core.stageFile(patientId, file, bytesSoFar);
    },

    /** Her inbox (or the archived ones), newest first; `q` searches the subjects. */
    async list(
      patientId: string,
      query: { q?: string | undefined; archived: boolean },
    ): Promise<ConversationList> {
      const rows = await createMessagingRepository(db).listForPatient(patientId, query.archived);
      const names = await core.namesOf(db, rows);
      // Subjects are sealed: searched after decrypting her own conversations, never in SQL.
      const q = query.q ? searchable(query.q) : undefined;
      const items = rows
        .map((r) => core.toSummary(r, names))
        .filter((c) => !q || searchable(c.subject).includes(q));
      return { items };
    },

    /** The unread count of the navigation (archived conversations included, deleted ones not). */
    async unreadCount(patientId: string): Promise<{ unread: number }> {
      const repo = createMessagingRepository(db);
      const rows = [
        ...(await repo.listForPatient(patientId, false)),
        ...(await repo.listForPatient(patientId, true)),
      ];
      return { unread: rows.reduce((n, r) => n + r.unread, 0) };
    },

    /** Opens a conversation: traced `message.read`; the professional's messages become read. */
    get(patientId: string, id: string, by?: ActingPerson): Promise<ConversationDetail> {
      return decided(
        patientId,
        id,
        'message.read',
        { action: 'message.read' },
        async (trx, c) => {
          await createMessagingRepository(trx).markRead(
            id,
            'patient',
            deps.clock.now().toISOString(),
          );
          return core.detail(trx, c, 'patient', 0);
        },
        by,
      );
    },

    /** Answers in a conversation the professional did not close. */
    async reply(
      patientId: string,
      id: string,
      input: { body: string; staged: readonly StagedAttachment[] },
      by?: ActingPerson,
    ): Promise<{ id: string }> {
      return core.commit(input.staged, async (trx) => {
        const conversation = await decideOn(
          trx,
          patientId,
          id,
          'message.send',
          {
            action: 'message.send',
            details: { attachments: input.staged.length },
          },
          by,
        );
        if (!conversation) return false;
        // Thrown inside: nothing is written, the decision's trace rolls back with it.
        if (conversation.closed_at) throw messagingErrors.closed();
        const messageId = await core.writeMessage(trx, {
          conversation,
          sender: { type: 'patient', id: patientId },
          acting:
            by && by.role !== 'titulaire' ? { personId: by.personId, role: by.role } : undefined,
          body: input.body,
          staged: input.staged,
        });
        return { id: messageId };
      });
    },

    /** "Archiver" (or back to the inbox): her copy only. */
    archive(patientId: string, id: string, archived: boolean, by?: ActingPerson): Promise<void> {
      return decided(
        patientId,
        id,
        'message.read',
        { action: archived ? 'conversation.archive' : 'conversation.unarchive' },
        async (trx) => {
          await createMessagingRepository(trx).updateConversation(id, {
            patient_archived_at: archived ? deps.clock.now().toISOString() : null,
          });
        },
        by,
      );
    },

    /** "Supprimer": removes her copy; the professional keeps its own, a new message shows anew. */
    remove(patientId: string, id: string, by?: ActingPerson): Promise<void> {
      return decided(
        patientId,
        id,
        'message.read',
        { action: 'conversation.delete' },
        async (trx) => {
          await createMessagingRepository(trx).updateConversation(id, {
            patient_deleted_at: deps.clock.now().toISOString(),
            patient_archived_at: null,
          });
        },
        by,
      );
    },

    /** An attachment, decrypted as it streams; every download traced. */
    async download(
      patientId: string,
      id: string,
      attachmentId: string,
      by?: ActingPerson,
    ): Promise<{ stream: Readable; fileName: string; contentType: string; size: number }> {
      const row = await attachmentOf(
        patientId,
        id,
        attachmentId,
        'message.attachment_download',
        by,
      );
      return {
        stream: await deps.files.openAttachment(row),
        fileName: row.file_name,
        contentType: row.mime_type,
        size: Number(row.size),
      };
    },

    /**
     * "Enregistrer dans mes documents": a document of her record, in the category she chose,
     * added by whoever sent the attachment (the professional, as in "Mes documents").
     */
    async saveToDocuments(
      patientId: string,
      id: string,
      attachmentId: string,
      input: SaveAttachmentInput,
      by?: ActingPerson,
    ): Promise<{ documentId: string }> {
      const row = await attachmentOf(patientId, id, attachmentId, 'message.attachment_save', by);
      const sender =
        row.sender_type === 'professional'
          ? await deps.professionals.find(row.sender_id)
          : undefined;
      const documentId = await deps.documents.addFromMessage({
        patientId,
        author: sender
          ? {
              type: 'professional',
              id: sender.id,
              name: professionalName(sender),
              profession: sender.profession,
            }
          : { type: 'patient' },
        // The file's name without its extension, within the documents' 200 characters.
        title: [...(row.file_name.replace(/\.[^.]{1,5}$/, '') || 'Pièce jointe')]
          .slice(0, 200)
          .join(''),
        category: input.category,
        file: {
          stream: await deps.files.openAttachment(row),
          fileName: row.file_name,
          contentType: row.mime_type,
        },
      });
      return { documentId };
    },
  };
}

/** The patient's messaging. */
export type PatientMessagingService = ReturnType<typeof createPatientMessagingService>;
