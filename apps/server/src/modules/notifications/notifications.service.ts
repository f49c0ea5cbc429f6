/**
 * Notifications e-mail (PRODUCT.md): the preferences of a record, and the functions other modules
 * call INSIDE their transaction, so the outbox row commits or rolls back with the action
 * (SECURITY.md "Durability"). Each returns true when a mail was queued.
 */
import type { NotificationPreferences } from '@carnet/shared';
import { parisDay } from '@carnet/shared';
import type { Kysely } from 'kysely';
import type { TraceInput, TraceStore } from '../../platform/audit/trace-store.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Db, ProfessionalsTable } from '../../platform/db/schema.ts';
import type { EmailMessage, Outbox } from '../../platform/mail/outbox.ts';
import type { PatientsService } from '../patients/patients.service.ts';
import type { Recipient } from './notifications.messages.ts';
import {
  closureMessage,
  credentialChangedMessage,
  documentAwaitingMessage,
  documentByProfessionalMessage,
  emergencyAccessForDoctorMessage,
  emergencyAccessMessage,
  messageReceivedMessage,
  newDeviceMessage,
  professionalAccessMessage,
  reminderMessage,
} from './notifications.messages.ts';
import { createNotificationsRepository } from './notifications.repository.ts';

/** Port: professionals' e-mail addresses by id, read in the caller's transaction (`findMany`). */
export interface ProfessionalContacts {
  findMany(
    ids: readonly string[],
    db: Db,
  ): Promise<Map<string, Pick<ProfessionalsTable, 'id' | 'email'>>>;
}

/** Dependencies of the notifications. */
export interface NotificationsDeps {
  db: Kysely<Database>;
  clock: Clock;
  outbox: Outbox;
  traces: TraceStore;
  patients: Pick<PatientsService, 'find'>;
  professionals: ProfessionalContacts;
  /** Public base URL without trailing slash, for links. */
  publicUrl: string;
}

/** Every switchable notification is on until the patient turns it off. */
export const defaultPreferences: NotificationPreferences = {
  messages: true,
  documentsByProfessional: true,
  reminders: true,
};

/** The notifications service. */
export function createNotificationsService(deps: NotificationsDeps) {
  /** The titulaire as a recipient, or undefined when the record has no e-mail address. */
  async function patientRecipient(trx: Db, patientId: string): Promise<Recipient | undefined> {
    const patient = await deps.patients.find(patientId, trx);
    if (!patient?.email) return undefined;
    return { to: patient.email, firstName: patient.first_name, publicUrl: deps.publicUrl };
  }

  async function preferences(trx: Db, patientId: string): Promise<NotificationPreferences> {
    const row = await createNotificationsRepository(trx).findPreferences(patientId);
    if (!row) return defaultPreferences;
    return {
      messages: row.messages === 1,
      documentsByProfessional: row.documents_by_professional === 1,
      reminders: row.reminders === 1,
    };
  }

  async function toPatient(
    trx: Db,
    patientId: string,
    build: (r: Recipient) => EmailMessage,
  ): Promise<boolean> {
    const recipient = await patientRecipient(trx, patientId);
    if (!recipient) return false;
    await deps.outbox.enqueue(trx, build(recipient), patientId);
    return true;
  }

  /** Claims today's key of "this PS accessed this record"; false if already claimed today. */
  const claimAccessOfToday = (trx: Db, patientId: string, professionalId: string) =>
    createNotificationsRepository(trx).claimKey({
      patientId,
      kind: 'professional-access',
      subjectId: professionalId,
      day: parisDay(deps.clock.now()),
      at: deps.clock.now().toISOString(),
    });

  return {
    /** The record's switchable notifications. */
    getPreferences(patientId: string): Promise<NotificationPreferences> {
      return preferences(deps.db, patientId);
    },

    /** Saves them; the change is traced (by `actor`: the titulaire unless a representative acts). */
    async setPreferences(
      patientId: string,
      next: NotificationPreferences,
      actor: TraceInput['actor'] = { type: 'patient', id: patientId },
    ): Promise<NotificationPreferences> {
      await deps.db.transaction().execute(async (trx) => {
        await createNotificationsRepository(trx).savePreferences({
          patient_id: patientId,
          messages: next.messages ? 1 : 0,
          documents_by_professional: next.documentsByProfessional ? 1 : 0,
          reminders: next.reminders ? 1 : 0,
          updated_at: deps.clock.now().toISOString(),
        });
        await deps.traces.append(trx, {
          patientId,
          actor,
          action: 'notification.preferences_change',
          details: { ...next },
        });
      });
      return next;
    },

    /** A PS read something of the record: one mail per PS per record per French day (always on). */
    async professionalAccessed(
      trx: Db,
      input: { patientId: string; professionalId: string },
    ): Promise<boolean> {
      if (!(await claimAccessOfToday(trx, input.patientId, input.professionalId))) return false;
      const at = deps.clock.now();
      return toPatient(trx, input.patientId, (r) => professionalAccessMessage(r, at));
    },

    /**
     * An emergency window was opened (always on): a mail to the titulaire, and one to the médecin
     * traitant when there is one other than the opener. The PS's access of the day counts as told.
     */
    async emergencyAccess(
      trx: Db,
      input: {
        patientId: string;
        professionalId: string;
        mode: 'samu' | 'bris-de-glace';
        medecinTraitantId?: string | null | undefined;
      },
    ): Promise<boolean> {
      const at = deps.clock.now();
      await claimAccessOfToday(trx, input.patientId, input.professionalId);
      const sent = await toPatient(trx, input.patientId, (r) =>
        emergencyAccessMessage(r, { at, mode: input.mode }),
      );
      const doctorId = input.medecinTraitantId;
      if (doctorId && doctorId !== input.professionalId) {
        const doctor = (await deps.professionals.findMany([doctorId], trx)).get(doctorId);
        if (doctor?.email)
          await deps.outbox.enqueue(
            trx,
            emergencyAccessForDoctorMessage(
              { to: doctor.email, firstName: null, publicUrl: deps.publicUrl },
              at,
            ),
            input.patientId,
          );
      }
      return sent;
    },

    /** A PS added or changed a document (only if "Documents ajoutés ou modifiés…" is on). */
    async documentAddedByProfessional(
      trx: Db,
      input: { patientId: string; professionalId: string; change?: 'added' | 'changed' },
    ): Promise<boolean> {
      if (!(await preferences(trx, input.patientId)).documentsByProfessional) return false;
      return toPatient(trx, input.patientId, (r) =>
        documentByProfessionalMessage(r, input.change ?? 'added'),
      );
    },

    /**
     * A document invisible to the patient has waited 2 weeks (always on: PRODUCT.md states it as a
     * rule, not as a toggle). Once per document and invisibility period, whoever calls it twice.
     */
    async documentAwaiting(
      trx: Db,
      input: { patientId: string; documentId: string; visibleFrom: string },
    ): Promise<boolean> {
      const claimed = await createNotificationsRepository(trx).claimKey({
        patientId: input.patientId,
        kind: 'document-awaiting',
        subjectId: input.documentId,
        day: input.visibleFrom.slice(0, 10),
        at: deps.clock.now().toISOString(),
      });
      if (!claimed) return false;
      return toPatient(trx, input.patientId, (r) =>
        documentAwaitingMessage(r, new Date(input.visibleFrom)),
      );
    },

    /** A message arrived in the secure messaging (only if "Messages reçus" is on). */
    async messageReceived(trx: Db, input: { patientId: string }): Promise<boolean> {
      if (!(await preferences(trx, input.patientId)).messages) return false;
      return toPatient(trx, input.patientId, messageReceivedMessage);
    },

    /**
     * A vaccination or examination reminder is due (only if "Rappels" is on). With `once`, the
     * reminder of that subject and day is claimed first, so a job run twice sends one mail.
     */
    async reminderDue(
      trx: Db,
      input: { patientId: string; once?: { subjectId: string; day: string } },
    ): Promise<boolean> {
      if (input.once) {
        const claimed = await createNotificationsRepository(trx).claimKey({
          patientId: input.patientId,
          kind: 'reminder',
          subjectId: input.once.subjectId,
          day: input.once.day,
          at: deps.clock.now().toISOString(),
        });
        if (!claimed) return false;
      }
      if (!(await preferences(trx, input.patientId)).reminders) return false;
      return toPatient(trx, input.patientId, reminderMessage);
    },

    /** A sign-in from a device not seen before (always on); `device` is "Firefox sur Linux". */
    newDevice(trx: Db, input: { patientId: string; device: string }): Promise<boolean> {
      const at = deps.clock.now();
      return toPatient(trx, input.patientId, (r) =>
        newDeviceMessage(r, { at, device: input.device }),
      );
    },

    /**
     * Password, e-mail or mobile changed (always on). For an e-mail change pass the OLD address
     * as `to`, so a hijacked session cannot take the account over silently.
     */
    async credentialChanged(
      trx: Db,
      input: { patientId: string; change: 'password' | 'email' | 'mobile'; to?: string },
    ): Promise<boolean> {
      const recipient = await patientRecipient(trx, input.patientId);
      const to = input.to ?? recipient?.to;
      if (!to) return false;
      const r: Recipient = {
        to,
        firstName: recipient?.firstName ?? null,
        publicUrl: deps.publicUrl,
      };
      await deps.outbox.enqueue(trx, credentialChangedMessage(r, input.change), input.patientId);
      return true;
    },

    /** The record was closed (always on). */
    closure(trx: Db, input: { patientId: string }): Promise<boolean> {
      const at = deps.clock.now();
      return toPatient(trx, input.patientId, (r) => closureMessage(r, at));
    },
  };
}

/** The notifications service. */
export type NotificationsService = ReturnType<typeof createNotificationsService>;
