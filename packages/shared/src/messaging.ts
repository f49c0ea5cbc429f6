/** Wire schemas of the secure messaging (PRODUCT.md "Messagerie sécurisée", issue 12). */
import { z } from 'zod';
import { documentCategorySchema } from './documents.ts';

/** Longest message body, in characters. */
export const MESSAGE_BODY_MAX = 10_000;
/** Most attachments on one message. */
export const MESSAGE_ATTACHMENTS_MAX = 10;
/** Largest total of the attachments of one message, in bytes (each file: the documents' limit). */
export const MESSAGE_ATTACHMENTS_TOTAL_BYTES = 20 * 1024 * 1024;

/** Subject of a conversation: plain text, shown escaped everywhere. */
export const conversationSubjectSchema = z
  .string()
  .trim()
  .min(1, 'L’objet du message est obligatoire')
  .max(200, 'L’objet ne peut pas dépasser 200 caractères');

/** Body of a message: plain text, shown escaped everywhere. */
export const messageBodySchema = z
  .string()
  .trim()
  .min(1, 'Écrivez un message')
  .max(MESSAGE_BODY_MAX, 'Le message ne peut pas dépasser 10 000 caractères');

/** The text fields of a new conversation (multipart, with up to 10 files). */
export const newConversationFieldsSchema = z.strictObject({
  subject: conversationSubjectSchema,
  body: messageBodySchema,
});
export type NewConversationFields = z.infer<typeof newConversationFieldsSchema>;

/** The text fields of a reply (multipart; the patient adds `documentId` parts for her documents). */
export const replyFieldsSchema = z.strictObject({ body: messageBodySchema });

/** The answer to a message sent: its id (or the new conversation's). */
export const messageSentSchema = z.strictObject({ id: z.string() });

/** "Archiver" or back to the inbox. */
export const archiveConversationSchema = z.strictObject({ archived: z.boolean() });

/** The other party of a conversation, as the patient sees it (no specialty needed). */
export const conversationProfessionalSchema = z.strictObject({
  id: z.string(),
  /** "Dr Adama Ndiaye". */
  name: z.string(),
  profession: z.string(),
});

/** The patient of a conversation, as the professional sees it. */
export const conversationPatientSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
});

/** One line of an inbox. */
export const conversationSummarySchema = z.strictObject({
  id: z.string(),
  subject: z.string(),
  professional: conversationProfessionalSchema,
  patient: conversationPatientSchema,
  lastMessageAt: z.string(),
  unread: z.number().int().min(0),
  closed: z.boolean(),
  archived: z.boolean(),
});
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;

/** An inbox: conversations, newest first. */
export const conversationListSchema = z.strictObject({
  items: z.array(conversationSummarySchema),
});
export type ConversationList = z.infer<typeof conversationListSchema>;

/** Inbox query: search in subjects, archived ones or the others. */
export const conversationListQuerySchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  archived: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

/** An attachment of a message. */
export const messageAttachmentSchema = z.strictObject({
  id: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
});
export type MessageAttachment = z.infer<typeof messageAttachmentSchema>;

/** A message of a conversation. */
export const messageSchema = z.strictObject({
  id: z.string(),
  sender: z.enum(['patient', 'professional']),
  /** "Dr Adama Ndiaye" or "Inaya Michel". */
  senderName: z.string(),
  /**
   * Written by a proche for the titulaire (issue 13): "rédigé par Claire Martin, aidante de
   * Inaya Michel"; null when the sender wrote it herself.
   */
  writtenBy: z.string().nullable(),
  body: z.string(),
  sentAt: z.string(),
  mine: z.boolean(),
  attachments: z.array(messageAttachmentSchema),
});
export type Message = z.infer<typeof messageSchema>;

/** A conversation opened: its summary, its messages oldest first, what the reader may do. */
export const conversationDetailSchema = z.strictObject({
  conversation: conversationSummarySchema,
  messages: z.array(messageSchema),
  /** The reader may write in it (open exchange). */
  canReply: z.boolean(),
});
export type ConversationDetail = z.infer<typeof conversationDetailSchema>;

/** The unread count shown in the navigation. */
export const unreadCountSchema = z.strictObject({ unread: z.number().int().min(0) });
export type UnreadCount = z.infer<typeof unreadCountSchema>;

/** "Enregistrer dans mes documents": the category the patient chooses. */
export const saveAttachmentSchema = z.strictObject({
  category: documentCategorySchema,
});
export type SaveAttachmentInput = z.infer<typeof saveAttachmentSchema>;

/** The document created from an attachment. */
export const savedAttachmentSchema = z.strictObject({ documentId: z.string() });
