import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { givenActivePatient } from '../../../test/builders.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { createTestApp, outboxMessages } from '../../../test/test-app.ts';
import type { Db, ProfessionalsTable } from '../../platform/db/schema.ts';
import type { EmailMessage } from '../../platform/mail/outbox.ts';
import { createProfessionalsService } from '../professionals/professionals.service.ts';

let t: TestApp;
let patientId: string;
let email: string;
let ndiaye: ProfessionalsTable;
let eoso: ProfessionalsTable;

beforeEach(async () => {
  t = await createTestApp({ CARNET_PUBLIC_URL: 'https://carnet.example' });
  const inaya = await givenActivePatient(t);
  patientId = inaya.patient.id;
  email = inaya.email;
  const { db } = t.deps.database;
  const directory = createProfessionalsService({ db, clock: t.clock, newId: t.deps.newId });
  const make = (rpps: string, lastName: string, firstName: string) =>
    directory.create(db, {
      rpps,
      lastName,
      firstName,
      profession: 'medecin',
      specialty: 'Psychiatrie',
      isRegulator: false,
      email: `${lastName.toLowerCase()}@example.org`,
    });
  ndiaye = await make('10000000045', 'Ndiaye', 'Adama');
  eoso = await make('10000000011', 'Eoso', 'Louis');
});
afterEach(async () => {
  await t.close();
});

/** Runs `work` in a committed transaction, as the calling module would. */
const inTransaction = <T>(work: (trx: Db) => Promise<T>) =>
  t.deps.database.db.transaction().execute(work);

const mails = async () => (await outboxMessages(t.deps)).filter((m) => m.channel === 'email');
const accessed = (ps: ProfessionalsTable, record = patientId) =>
  inTransaction((trx) =>
    t.deps.notifications.professionalAccessed(trx, { patientId: record, professionalId: ps.id }),
  );
const everyPart = (m: EmailMessage) => `${m.subject}\n${m.text}\n${m.html}`;

describe('notification of a professional’s access', () => {
  it('sends one e-mail for the first access of each professional in a day', async () => {
    expect([await accessed(ndiaye), await accessed(ndiaye), await accessed(eoso)]).toEqual([
      true,
      false,
      true,
    ]);
    t.clock.advance(24 * 3600_000);
    expect(await accessed(ndiaye)).toBe(true);

    expect((await mails()).map((m) => [m.to, m.subject])).toEqual(
      Array.from({ length: 3 }, () => [email, 'Un professionnel de santé a consulté votre profil']),
    );
  });

  it('counts days in France: 23:30 and 00:30 in Paris are two days', async () => {
    t.clock.set(new Date('2026-11-27T22:30:00.000Z'));
    expect(await accessed(ndiaye)).toBe(true);
    t.clock.set(new Date('2026-11-27T23:30:00.000Z'));
    expect(await accessed(ndiaye)).toBe(true);
  });

  it('sends exactly one e-mail when two accesses of the same professional run at once', async () => {
    const results = await Promise.all([accessed(ndiaye), accessed(ndiaye), accessed(ndiaye)]);

    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await mails()).toHaveLength(1);
  });

  it('says nothing of who or why, and links to the history, in HTML and text', async () => {
    await accessed(ndiaye);

    const [mail] = await mails();
    expect(mail!.text).toContain('Un professionnel de santé a consulté votre profil Carnet');
    expect(mail!.text).toContain('https://carnet.example/parametres/historique-activite');
    expect(mail!.html).toContain('href="https://carnet.example/parametres/historique-activite"');
    for (const secret of ['Ndiaye', 'Adama', 'Psychiatrie', '10000000045'])
      expect(everyPart(mail!)).not.toContain(secret);
  });

  it('leaves nothing behind when the action rolls back, and sends on the next access', async () => {
    await expect(
      inTransaction(async (trx) => {
        await t.deps.notifications.professionalAccessed(trx, {
          patientId,
          professionalId: ndiaye.id,
        });
        throw new Error('the read failed');
      }),
    ).rejects.toThrow('the read failed');

    expect(await mails()).toHaveLength(0);
    expect(await accessed(ndiaye)).toBe(true);
  });
});

describe('notification of an emergency access', () => {
  const emergency = (opener: ProfessionalsTable, medecinTraitantId: string | null) =>
    inTransaction((trx) =>
      t.deps.notifications.emergencyAccess(trx, {
        patientId,
        professionalId: opener.id,
        mode: 'samu',
        medecinTraitantId,
      }),
    );

  it('mails the patient and the médecin traitant, and counts as the professional’s access of the day', async () => {
    await emergency(eoso, ndiaye.id);
    await emergency(eoso, ndiaye.id);

    const sent = await mails();
    expect(sent.map((m) => `${m.to} ${m.subject}`).sort()).toEqual([
      `${email} Accès en urgence à votre profil`,
      `${email} Accès en urgence à votre profil`,
      'ndiaye@example.org Accès en urgence au profil d’un de vos patients',
      'ndiaye@example.org Accès en urgence au profil d’un de vos patients',
    ]);
    const toPatient = sent.find((m) => m.to === email) as EmailMessage;
    const toDoctor = sent.find((m) => m.to !== email) as EmailMessage;
    expect(toPatient.text).toContain('par un médecin régulateur du SAMU');
    expect(toPatient.text).toContain('https://carnet.example/parametres/historique-activite');
    expect(everyPart(toDoctor)).not.toMatch(/Inaya|Michel|Eoso/);
    expect(await accessed(eoso)).toBe(false);
  });

  it('mails no médecin traitant when there is none, or when he opened it himself', async () => {
    await emergency(eoso, null);
    await emergency(ndiaye, ndiaye.id);

    expect((await mails()).map((m) => m.to)).toEqual([email, email]);
    expect(everyPart((await mails())[0] as EmailMessage)).not.toContain('Psychiatrie');
  });
});

describe('switchable notifications', () => {
  const allOff = { messages: false, documentsByProfessional: false, reminders: false };
  const sendSwitchable = () =>
    inTransaction(async (trx) => [
      await t.deps.notifications.documentAddedByProfessional(trx, {
        patientId,
        professionalId: ndiaye.id,
      }),
      await t.deps.notifications.messageReceived(trx, { patientId }),
      await t.deps.notifications.reminderDue(trx, { patientId }),
    ]);

  it('are all on by default', async () => {
    expect(await t.deps.notifications.getPreferences(patientId)).toEqual({
      messages: true,
      documentsByProfessional: true,
      reminders: true,
    });
    expect(await sendSwitchable()).toEqual([true, true, true]);
    expect((await mails()).map((m) => m.subject).sort()).toEqual([
      'Un nouveau document dans votre profil',
      'Vous avez reçu un message',
      'Vous avez un rappel',
    ]);
  });

  it('each send nothing once switched off', async () => {
    await t.deps.notifications.setPreferences(patientId, {
      ...allOff,
      reminders: true,
    });

    expect(await sendSwitchable()).toEqual([false, false, true]);
    expect((await mails()).map((m) => m.subject)).toEqual(['Vous avez un rappel']);
  });

  it('never hold back the notifications that are always sent', async () => {
    await t.deps.notifications.setPreferences(patientId, allOff);

    await inTransaction(async (trx) => {
      await t.deps.notifications.professionalAccessed(trx, {
        patientId,
        professionalId: ndiaye.id,
      });
      await t.deps.notifications.newDevice(trx, { patientId, device: 'Firefox sur Linux' });
      await t.deps.notifications.credentialChanged(trx, {
        patientId,
        change: 'email',
        to: 'ancienne@example.org',
      });
      await t.deps.notifications.closure(trx, { patientId });
    });

    expect((await mails()).map((m) => `${m.to} ${m.subject}`).sort()).toEqual([
      'ancienne@example.org Modification de votre compte Carnet',
      `${email} Nouvelle connexion à votre compte Carnet`,
      `${email} Un professionnel de santé a consulté votre profil`,
      `${email} Votre profil Carnet a été clôturé`,
    ]);
  });
});

describe('the e-mails', () => {
  it('escape the names they carry in the HTML part', async () => {
    const other = await givenActivePatient(t, {
      firstName: '<img src=x onerror=alert(1)> & "Zoé"',
    });

    await inTransaction((trx) =>
      t.deps.notifications.closure(trx, { patientId: other.patient.id }),
    );

    const [mail] = await mails();
    expect(mail!.html).not.toContain('<img');
    expect(mail!.html).toContain('&#60;img src=x onerror=alert(1)&#62; &#38; &#34;Zoé&#34;');
    expect(mail!.text).toContain('Bonjour <img src=x onerror=alert(1)> & "Zoé",');
  });

  it('are not sent to a record without e-mail address, without failing the action', async () => {
    const other = await givenActivePatient(t, { firstName: 'Paul' });
    await t.deps.database.db
      .updateTable('patients')
      .set({ email: null })
      .where('id', '=', other.patient.id)
      .execute();

    expect(await accessed(ndiaye, other.patient.id)).toBe(false);
    expect(await mails()).toHaveLength(0);
  });
});
