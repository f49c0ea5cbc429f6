/** Rows of the messaging: conversations, messages, attachments. No rule here: the services decide. */
import type { Db } from '../../platform/db/schema.ts';
import type {
  ConversationsTable,
  MessageAttachmentsTable,
  MessagesTable,
} from '../../platform/db/schema-messaging.ts';

/** Who reads: the patient (unread = the professional's messages) or the professional. */
export type Reader = 'patient' | 'professional';

/** A conversation with the reader's unread count. */
export type ConversationRow = ConversationsTable & { unread: number };

const otherSide = (reader: Reader) => (reader === 'patient' ? 'professional' : 'patient');

/** Creates the repository over a database or a transaction. */
export function createMessagingRepository(db: Db) {
  /** The reader's inbox rows; the patient's copy hides what she deleted (newer messages return). */
  function inbox(reader: Reader) {
    return db
      .selectFrom('conversations as c')
      .selectAll('c')
      .select((eb) =>
        eb
          .selectFrom('messages as m')
          .select(eb.fn.countAll<number | string>().as('n'))
          .whereRef('m.conversation_id', '=', 'c.id')
          .where('m.sender_type', '=', otherSide(reader))
          .where('m.read_at', 'is', null)
          .$if(reader === 'patient', (q) =>
            q.where((w) =>
              w.or([
                w('c.patient_deleted_at', 'is', null),
                w('m.created_at', '>', w.ref('c.patient_deleted_at')),
              ]),
            ),
          )
          .as('unread'),
      )
      .orderBy('c.last_message_at', 'desc')
      .orderBy('c.id', 'desc');
  }

  const withCount = (rows: Array<ConversationsTable & { unread: number | string | null }>) =>
    rows.map((r) => ({ ...r, unread: Number(r.unread ?? 0) }));

  return {
    async insertConversation(row: ConversationsTable): Promise<void> {
      await db.insertInto('conversations').values(row).execute();
    },
    async insertMessage(row: MessagesTable): Promise<void> {
      await db.insertInto('messages').values(row).execute();
    },
    async insertAttachments(rows: MessageAttachmentsTable[]): Promise<void> {
      if (rows.length > 0) await db.insertInto('message_attachments').values(rows).execute();
    },
    /** The next message position; call after updating the conversation row (it locks it). */
    async nextPosition(conversationId: string): Promise<number> {
      const row = await db
        .selectFrom('messages')
        .select((eb) => eb.fn.max('position').as('last'))
        .where('conversation_id', '=', conversationId)
        .executeTakeFirst();
      return Number(row?.last ?? 0) + 1;
    },
    async updateConversation(id: string, patch: Partial<ConversationsTable>): Promise<void> {
      await db.updateTable('conversations').set(patch).where('id', '=', id).execute();
    },

    /** Any conversation by id (the caller decides who may see it). */
    findConversation(id: string): Promise<ConversationsTable | undefined> {
      return db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** The patient's inbox (archived or not), without what she deleted. */
    async listForPatient(patientId: string, archived: boolean): Promise<ConversationRow[]> {
      const rows = await inbox('patient')
        .where('c.patient_id', '=', patientId)
        .where((w) =>
          w.or([
            w('c.patient_deleted_at', 'is', null),
            w('c.last_message_at', '>', w.ref('c.patient_deleted_at')),
          ]),
        )
        .where('c.patient_archived_at', archived ? 'is not' : 'is', null)
        .execute();
      return withCount(rows);
    },

    /** The professional's conversations, every record. */
    async listForProfessional(professionalId: string): Promise<ConversationRow[]> {
      return withCount(
        await inbox('professional').where('c.professional_id', '=', professionalId).execute(),
      );
    },

    /** Messages of a conversation created after `after` (the patient's deletion), oldest first. */
    messagesOf(conversationId: string, after: string | null): Promise<MessagesTable[]> {
      let query = db
        .selectFrom('messages')
        .selectAll()
        .where('conversation_id', '=', conversationId);
      if (after) query = query.where('created_at', '>', after);
      return query.orderBy('position').execute();
    },

    /** Attachments of a conversation, by message. */
    attachmentsOf(conversationId: string): Promise<MessageAttachmentsTable[]> {
      return db
        .selectFrom('message_attachments')
        .selectAll()
        .where('conversation_id', '=', conversationId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },

    /** One attachment with the message that carries it. */
    findAttachment(conversationId: string, attachmentId: string) {
      return db
        .selectFrom('message_attachments as a')
        .innerJoin('messages as m', 'm.id', 'a.message_id')
        .selectAll('a')
        .select(['m.sender_type', 'm.sender_id', 'm.created_at as message_created_at'])
        .where('a.conversation_id', '=', conversationId)
        .where('a.id', '=', attachmentId)
        .executeTakeFirst();
    },

    /** Marks the other side's messages read by `reader`; returns how many. */
    async markRead(conversationId: string, reader: Reader, at: string): Promise<number> {
      const result = await db
        .updateTable('messages')
        .set({ read_at: at })
        .where('conversation_id', '=', conversationId)
        .where('sender_type', '=', otherSide(reader))
        .where('read_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** Which of these attachment ids have a row (for the orphan sweep). */
    async existingAttachments(ids: readonly string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db
        .selectFrom('message_attachments')
        .select('id')
        .where('id', 'in', [...ids])
        .execute();
      return new Set(rows.map((r) => r.id));
    },
  };
}

/** The messaging repository. */
export type MessagingRepository = ReturnType<typeof createMessagingRepository>;
