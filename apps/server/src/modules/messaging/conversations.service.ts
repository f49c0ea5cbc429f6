/**
 * What the patient's and the professional's messaging share: staging attachments within the
 * per-message limits, writing a message with its attachments in the caller's transaction, the
 * all-or-nothing commit (staged blobs are removed when the transaction fails or is denied; a crash
 * in between leaves orphan blobs that `carnet check` sweeps), and the views of a conversation.
 */
import type { ConversationDetail, ConversationSummary, Message } from '@carnet/shared';
import { MESSAGE_ATTACHMENTS_TOTAL_BYTES } from '@carnet/shared';
import type { Db } from '../../platform/db/schema.ts';
import type { ConversationsTable, MessagesTable } from '../../platform/db/schema-messaging.ts';
import { FileRejectedError } from '../../platform/files/file-inspector.ts';
import { notFound } from '../../platform/http/app-error.ts';
import type { Patient } from '../patients/patients.service.ts';
import type { Professional } from '../professionals/professionals.service.ts';
import type { IncomingAttachment, StagedAttachment } from './message-files.ts';
import type { MessagingDeps } from './messaging.deps.ts';
import { messagingErrors } from './messaging.errors.ts';
import type { Reader } from './messaging.repository.ts';
import { createMessagingRepository } from './messaging.repository.ts';

/** How a professional signs ("Dr Adama Ndiaye"): the name the patient knows, no specialty. */
export const professionalName = (
  ps: Pick<Professional, 'profession' | 'first_name' | 'last_name'>,
) => `${ps.profession === 'medecin' ? 'Dr ' : ''}${ps.first_name} ${ps.last_name}`;

/**
 * The signature of a message a proche wrote for the titulaire (issue 13: "rédigé par X, aidant de
 * Y"). The feminine form only when the data say so cleanly: the INS (NIR) starts with 2 for a woman.
 */
export function writtenBy(
  writer: Pick<Patient, 'first_name' | 'last_name' | 'ins'> | undefined,
  role: MessagesTable['acting_role'],
  titulaireName: string,
): string {
  const woman = writer?.ins.startsWith('2') ?? false;
  const relation =
    role === 'representant-legal'
      ? woman
        ? 'représentante légale'
        : 'représentant légal'
      : woman
        ? 'aidante'
        : 'aidant';
  const who = writer ? `${writer.first_name} ${writer.last_name}` : 'un proche';
  return `rédigé par ${who}, ${relation} de ${titulaireName}`;
}

/** Lower-case, accents removed: "Résultats" matches "resultats". */
export const searchable = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** A message about to be written. */
export interface NewMessage {
  conversation: Pick<ConversationsTable, 'id' | 'patient_id'>;
  sender: { type: MessagesTable['sender_type']; id: string };
  /** A proche writing for the titulaire (the acting person); absent: the sender herself. */
  acting?: { personId: string; role: 'aidant' | 'representant-legal' } | undefined;
  body: string;
  staged: readonly StagedAttachment[];
}

/** Creates the shared part of the messaging services. */
export function createConversationsCore(deps: MessagingDeps) {
  const { files } = deps;

  /** One file within the limits: the documents' per-file limit and 20 MB per message. */
  async function stageFile(
    patientId: string,
    incoming: IncomingAttachment,
    bytesSoFar: number,
  ): Promise<StagedAttachment> {
    const remaining = MESSAGE_ATTACHMENTS_TOTAL_BYTES - bytesSoFar;
    const max = Math.min(deps.maxFileBytes, remaining);
    try {
      if (max <= 0) throw new FileRejectedError('too_large');
      return await files.stage(patientId, incoming, max);
    } catch (error) {
      if (!(error instanceof FileRejectedError)) throw error;
      if (error.reason === 'too_large' && remaining < deps.maxFileBytes)
        throw messagingErrors.attachmentsTooLarge(MESSAGE_ATTACHMENTS_TOTAL_BYTES);
      throw messagingErrors.fromRejection(error.reason, deps.maxFileBytes);
    }
  }

  /** Writes the message, its attachments and the conversation's date in `trx`; the message id. */
  async function writeMessage(trx: Db, input: NewMessage): Promise<string> {
    const repo = createMessagingRepository(trx);
    const at = deps.clock.now().toISOString();
    const id = deps.newId('msg');
    const patientId = input.conversation.patient_id;
    // Updating the conversation first takes its row lock (PostgreSQL): concurrent messages of one
    // conversation queue here, so each reads the position the previous one wrote.
    // A new message also brings an archived conversation back to the patient's inbox.
    await repo.updateConversation(input.conversation.id, {
      last_message_at: at,
      patient_archived_at: null,
    });
    await repo.insertMessage({
      id,
      conversation_id: input.conversation.id,
      patient_id: patientId,
      position: await repo.nextPosition(input.conversation.id),
      sender_type: input.sender.type,
      sender_id: input.sender.id,
      body_sealed: files.seal(patientId, `message:${id}`, input.body),
      created_at: at,
      read_at: null,
      acting_person_id: input.acting?.personId ?? null,
      acting_role: input.acting?.role ?? null,
    });
    await repo.insertAttachments(
      input.staged.map((s) => ({
        id: s.id,
        message_id: id,
        conversation_id: input.conversation.id,
        patient_id: patientId,
        blob_key: s.blobKey,
        file_name: s.fileName,
        mime_type: s.file.mimeType,
        size: s.file.size,
        sha256: s.file.sha256,
        wrapped_key: s.wrappedKey,
        kek_version: s.kekVersion,
        created_at: at,
      })),
    );
    return id;
  }

  /**
   * Runs `write` in one transaction. If it throws, or returns false (a denial whose trace must
   * still commit), the staged blobs are removed; a denial then answers 404 like a missing row.
   */
  async function commit<T>(
    staged: readonly StagedAttachment[],
    write: (trx: Db) => Promise<T | false>,
  ): Promise<T> {
    let result: T | false;
    try {
      result = await deps.db.transaction().execute(write);
    } catch (error) {
      await files.discard(staged);
      throw error;
    }
    if (result === false) {
      await files.discard(staged);
      throw notFound();
    }
    return result;
  }

  /** The patient's and the professional's names of a set of conversations. */
  async function namesOf(
    db: Db,
    rows: readonly Pick<ConversationsTable, 'patient_id' | 'professional_id'>[],
  ) {
    const pros = await deps.professionals.findMany(
      rows.map((r) => r.professional_id),
      db,
    );
    const patients = new Map<string, string>();
    for (const id of new Set(rows.map((r) => r.patient_id))) {
      const p = await deps.patients.find(id, db);
      if (p) patients.set(id, `${p.first_name} ${p.last_name}`);
    }
    return { pros, patients };
  }

  /** The proches who wrote some of these messages for the titulaire, by patient id. */
  async function writersOf(db: Db, rows: readonly MessagesTable[]) {
    const writers = new Map<string, Pick<Patient, 'first_name' | 'last_name' | 'ins'>>();
    for (const id of new Set(
      rows.flatMap((m) => (m.acting_person_id ? [m.acting_person_id] : [])),
    )) {
      const person = await deps.patients.find(id, db);
      if (person) writers.set(id, person);
    }
    return writers;
  }

  /** One inbox line. */
  function toSummary(
    row: ConversationsTable & { unread: number },
    names: Awaited<ReturnType<typeof namesOf>>,
  ): ConversationSummary {
    const ps = names.pros.get(row.professional_id);
    return {
      id: row.id,
      subject: files.open(row.patient_id, `conversation:${row.id}`, row.subject_sealed),
      professional: {
        id: row.professional_id,
        name: ps ? professionalName(ps) : 'Professionnel de santé',
        profession: ps?.profession ?? '',
      },
      patient: { id: row.patient_id, name: names.patients.get(row.patient_id) ?? '' },
      lastMessageAt: row.last_message_at,
      unread: row.unread,
      closed: row.closed_at !== null,
      archived: row.patient_archived_at !== null,
    };
  }

  /** A conversation as `reader` sees it, read in `db` (marks nothing). */
  async function detail(
    db: Db,
    conversation: ConversationsTable,
    reader: Reader,
    unread: number,
  ): Promise<ConversationDetail> {
    const repo = createMessagingRepository(db);
    const after = reader === 'patient' ? conversation.patient_deleted_at : null;
    const [rows, attachments, names] = await Promise.all([
      repo.messagesOf(conversation.id, after),
      repo.attachmentsOf(conversation.id),
      namesOf(db, [conversation]),
    ]);
    const summary = toSummary({ ...conversation, unread }, names);
    const writers = await writersOf(db, rows);
    const messages: Message[] = rows.map((m) => ({
      id: m.id,
      sender: m.sender_type,
      senderName:
        m.sender_type === 'professional' ? summary.professional.name : summary.patient.name,
      writtenBy: m.acting_person_id
        ? writtenBy(writers.get(m.acting_person_id), m.acting_role, summary.patient.name)
        : null,
      body: files.open(m.patient_id, `message:${m.id}`, m.body_sealed),
      sentAt: m.created_at,
      mine: m.sender_type === reader,
      attachments: attachments
        .filter((a) => a.message_id === m.id)
        .map((a) => ({
          id: a.id,
          fileName: a.file_name,
          mimeType: a.mime_type,
          size: Number(a.size),
        })),
    }));
    return { conversation: summary, messages, canReply: conversation.closed_at === null };
  }

  /** Removes staged attachments that will not be committed. */
  const discard = (staged: readonly StagedAttachment[]) => files.discard(staged);

  return { stageFile, writeMessage, commit, namesOf, toSummary, detail, discard };
}

/** The shared part of the messaging services. */
export type ConversationsCore = ReturnType<typeof createConversationsCore>;
