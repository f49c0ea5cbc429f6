/** HTTP calls of the secure messaging, both sides (the only HTTP of this feature). */
import {
  conversationDetailSchema,
  conversationListSchema,
  documentListSchema,
  messageSentSchema,
  savedAttachmentSchema,
  unreadCountSchema,
} from '@carnet/shared';
import type {
  ConversationDetail,
  ConversationList,
  DocumentList,
  UnreadCount,
} from '@carnet/shared';
import { getJson, send, sendForm, sendJson } from '../../app/http.ts';

/** Whose messaging: the patient's (`/api/messages`) or the professional's (`/api/pro/messages`). */
export type Side = 'patient' | 'professional';

const base = (side: Side) => (side === 'patient' ? '/api/messages' : '/api/pro/messages');
const enc = encodeURIComponent;

/** The inbox (or the archived conversations), `q` searching the subjects. */
export function listConversations(
  side: Side,
  query: { q?: string; archived?: boolean } = {},
): Promise<ConversationList> {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.archived) params.set('archived', 'true');
  const qs = params.toString();
  return getJson(`${base(side)}${qs ? `?${qs}` : ''}`, conversationListSchema);
}

/** The unread count of the navigation. */
export function getUnreadCount(side: Side): Promise<UnreadCount> {
  return getJson(`${base(side)}/unread`, unreadCountSchema);
}

/** One conversation with its messages (opening it marks them read). */
export function getConversation(side: Side, id: string): Promise<ConversationDetail> {
  return getJson(`${base(side)}/${enc(id)}`, conversationDetailSchema);
}

/** Answers in a conversation: `body`, files and (patient) `documentId` fields. */
export function reply(side: Side, id: string, form: FormData): Promise<{ id: string }> {
  return sendForm(`${base(side)}/${enc(id)}/replies`, form, messageSentSchema);
}

/** A professional starts a conversation with a patient: `subject`, `body`, files. */
export function startConversation(patientId: string, form: FormData): Promise<{ id: string }> {
  return sendForm(`/api/pro/patients/${enc(patientId)}/conversations`, form, messageSentSchema);
}

/** "Clôturer l'échange". */
export function closeConversation(id: string): Promise<void> {
  return send('POST', `/api/pro/messages/${enc(id)}/close`);
}

/** "Archiver" (or back to the inbox): the patient's copy. */
export function archiveConversation(id: string, archived: boolean): Promise<void> {
  return send('POST', `/api/messages/${enc(id)}/archive`, { archived });
}

/** "Supprimer": the patient's copy. */
export function deleteConversation(id: string): Promise<void> {
  return send('DELETE', `/api/messages/${enc(id)}`);
}

/** Where an attachment downloads (a plain link: the browser streams it). */
export function attachmentUrl(side: Side, id: string, attachmentId: string): string {
  return `${base(side)}/${enc(id)}/attachments/${enc(attachmentId)}`;
}

/** "Enregistrer dans mes documents" in the chosen category. */
export function saveAttachment(
  id: string,
  attachmentId: string,
  category: string,
): Promise<{ documentId: string }> {
  return sendJson(
    'POST',
    `/api/messages/${enc(id)}/attachments/${enc(attachmentId)}/save`,
    { category },
    savedAttachmentSchema,
  );
}

/** The patient's documents she may attach (the first page of her list). */
export function listMyDocuments(): Promise<DocumentList> {
  return getJson('/api/documents', documentListSchema);
}
