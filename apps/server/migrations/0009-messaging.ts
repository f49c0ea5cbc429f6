/** Secure messaging (issue 12): conversations, messages (bodies encrypted), attachments. */
import type { Kysely } from 'kysely';

/** Creates the messaging tables and the indexes of the inboxes. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('conversations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('professional_id', 'text', (c) => c.notNull().references('professionals.id'))
    // Sealed with the record's messaging key (AES-256-GCM, AAD = conversation id).
    .addColumn('subject_sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_message_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('patient_archived_at', 'text')
    .addColumn('patient_deleted_at', 'text')
    .execute();
  await db.schema
    .createIndex('conversations_patient_idx')
    .on('conversations')
    .columns(['patient_id', 'last_message_at'])
    .execute();
  await db.schema
    .createIndex('conversations_professional_idx')
    .on('conversations')
    .columns(['professional_id', 'last_message_at'])
    .execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    // Order within the conversation: timestamps may tie, positions never do.
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('sender_type', 'text', (c) => c.notNull())
    .addColumn('sender_id', 'text', (c) => c.notNull())
    .addColumn('body_sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addUniqueConstraint('messages_conversation_position_unique', ['conversation_id', 'position'])
    .execute();

  await db.schema
    .createTable('message_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('blob_key', 'text', (c) => c.notNull().unique())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('wrapped_key', 'text', (c) => c.notNull())
    .addColumn('kek_version', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('message_attachments_message_idx')
    .on('message_attachments')
    .columns(['message_id'])
    .execute();
}

/** Drops the messaging tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('message_attachments').ifExists().execute();
  await db.schema.dropTable('messages').ifExists().execute();
  await db.schema.dropTable('conversations').ifExists().execute();
}
