/**
 * The notifications as the other modules call them, counted at HTTP level: a professional's first
 * read of the day, an emergency access, a document added by a professional.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  givenGrant,
  givenProfessional,
  signInProfessional,
} from '../../../test/access-builders.ts';
import { createTestApp, outboxMessages } from '../../../test/test-app.ts';
import type { TestApp } from '../../../test/test-app.ts';
import {
  docsUrl,
  givenInayaAndNdiaye,
  proUpload,
} from '../documents/pro-documents.test-support.ts';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

const ACCESSED = 'Un professionnel de santé a consulté votre profil';
const EMERGENCY = 'Accès en urgence à votre profil';
const EMERGENCY_MT = 'Accès en urgence au profil d’un de vos patients';
const ADDED = 'Un nouveau document dans votre profil';

/** Subjects of the e-mails sent to `to`, oldest first. */
async function subjectsTo(to: string): Promise<string[]> {
  return (await outboxMessages(t.deps)).flatMap((m) =>
    m.channel === 'email' && m.to === to ? [m.subject] : [],
  );
}

const fields = { title: 'Compte rendu IRM du genou', date: '2026-11-20', category: 'CPT_REND' };

describe('e-mails on professionals’ reads', () => {
  it('the first read of a professional each day sends exactly one e-mail; a denied read none', async () => {
    t = await createTestApp();
    const w = await givenInayaAndNdiaye(t);
    const stranger = await givenProfessional(t, { lastName: 'Inconnu' });
    const strangerClient = await signInProfessional(t, stranger);
    expect((await strangerClient.get(docsUrl(w.patientId))).statusCode).toBe(404);
    expect(await subjectsTo(w.inaya.email)).not.toContain(ACCESSED);

    await givenGrant(t, w.patientId, w.psId, 'authorized');
    await w.ndiayeClient.get(`/api/pro/patients/${w.patientId}`);
    await w.ndiayeClient.get(docsUrl(w.patientId));
    await w.ndiayeClient.get(`${docsUrl(w.patientId)}/${w.visibleId}/download`);
    await w.ndiayeClient.get(`${docsUrl(w.patientId)}/${w.visibleId}/preview`);
    expect((await subjectsTo(w.inaya.email)).filter((s) => s === ACCESSED)).toHaveLength(1);

    const eoso = await givenProfessional(t, { lastName: 'Eoso' });
    await givenGrant(t, w.patientId, eoso.professional.id, 'authorized');
    await (await signInProfessional(t, eoso)).get(docsUrl(w.patientId));
    expect((await subjectsTo(w.inaya.email)).filter((s) => s === ACCESSED)).toHaveLength(2);

    t.clock.advance(24 * 3600_000);
    const ndiayeTomorrow = await signInProfessional(t, w.ndiaye);
    await ndiayeTomorrow.get(docsUrl(w.patientId));
    await ndiayeTomorrow.get(docsUrl(w.patientId));
    expect((await subjectsTo(w.inaya.email)).filter((s) => s === ACCESSED)).toHaveLength(3);
  });

  it('each emergency access sends exactly one e-mail to the patient and one to the médecin traitant', async () => {
    t = await createTestApp();
    const w = await givenInayaAndNdiaye(t);
    await t.deps.patientAccess.declareMedecinTraitant(w.patientId, w.psId);
    const samu = await givenProfessional(t, { lastName: 'Samu', isRegulator: true });
    const samuClient = await signInProfessional(t, samu);
    const opened = await samuClient.post(`/api/pro/patients/${w.patientId}/emergency`, {
      mode: 'samu',
      reason: 'Malaise, appel au 15',
    });
    expect(opened.statusCode).toBe(201);
    await samuClient.get(`/api/pro/patients/${w.patientId}`);
    await samuClient.get(docsUrl(w.patientId));
    await samuClient.get(`${docsUrl(w.patientId)}/${w.visibleId}/download`);
    // The emergency e-mail counts as the professional's access of the day: no second mail.
    const relevant = [ACCESSED, EMERGENCY, EMERGENCY_MT];
    const toPatient = (await subjectsTo(w.inaya.email)).filter((s) => relevant.includes(s));
    expect(toPatient).toEqual([EMERGENCY]);
    const toDoctor = (await subjectsTo(w.ndiaye.email)).filter((s) => relevant.includes(s));
    expect(toDoctor).toEqual([EMERGENCY_MT]);
  });
});

describe('e-mail on a document added by a professional', () => {
  it('is sent while "documents ajoutés" is on, without the title, and not once it is off', async () => {
    t = await createTestApp();
    const w = await givenInayaAndNdiaye(t);
    expect((await proUpload(t, w.ndiayeClient, w.patientId, fields)).statusCode).toBe(201);
    const sent = (await outboxMessages(t.deps)).filter(
      (m) => m.channel === 'email' && m.subject === ADDED,
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]!.channel === 'email' && `${sent[0]!.text}${sent[0]!.html}`).not.toContain('IRM');
    const off = await w.patientClient.send('PUT', '/api/notifications/preferences', {
      messages: true,
      documentsByProfessional: false,
      reminders: true,
    });
    expect(off.statusCode).toBe(200);
    expect((await proUpload(t, w.ndiayeClient, w.patientId, fields)).statusCode).toBe(201);
    expect((await subjectsTo(w.inaya.email)).filter((s) => s === ADDED)).toHaveLength(1);
  });
});
