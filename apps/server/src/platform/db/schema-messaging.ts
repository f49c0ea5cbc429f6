/** Tables of the secure messaging (issue 12). Subjects and bodies are sealed, never plain. */

/** A conversation between one professional and one record. */
export interface ConversationsTable {
  id: string;
  patient_id: string;
  professional_id: string;
  subject_sealed: string;
  created_at: string;
  last_message_at: string;
  /** "Clôturer l'échange": nobody writes in it any more. */
  closed_at: string | null;
  /** The patient's copy only: archived, or deleted from her inbox. */
  patient_archived_at: string | null;
  patient_deleted_at: string | null;
}

/** One message; `read_at` is when its recipient first opened it. */
export interface MessagesTable {
  id: string;
  conversation_id: string;
  patient_id: string;
  /** 1, 2, 3… within the conversation. */
  position: number;
  sender_type: 'patient' | 'professional';
  sender_id: string;
  body_sealed: string;
  created_at: string;
  read_at: string | null;
  /** A proche who wrote it for the titulaire (her patient id); null: the sender herself. */
  acting_person_id: string | null;
  acting_role: 'aidant' | 'representant-legal' | null;
}

/** An encrypted attachment: its own data key, wrapped like a document version's. */
export interface MessageAttachmentsTable {
  id: string;
  message_id: string;
  conversation_id: string;
  patient_id: string;
  blob_key: string;
  file_name: string;
  mime_type: string;
  size: number;
  sha256: string;
  wrapped_key: string;
  kek_version: string;
  created_at: string;
}

/** The messaging tables. */
export interface MessagingDatabase {
  conversations: ConversationsTable;
  messages: MessagesTable;
  message_attachments: MessageAttachmentsTable;
}
