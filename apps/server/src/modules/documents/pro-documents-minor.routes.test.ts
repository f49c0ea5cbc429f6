/**
 * INVISIBLE_REPRESENTANTS_LEGAUX is the minor's secret (issue 13): a professional may set it only
 * when the patient is under 18 on the day (per the clock); otherwise a clear error and nothing
 * stored. A professional who may not add learns nothing of the patient's age (404 as always).
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  givenGrant,
  givenProfessional,
  signInProfessional,
} from '../../../test/access-builders.ts';
import { givenActivePatient } from '../../../test/builders.ts';
import { createTestApp } from '../../../test/test-app.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { givenInayaAndLeo } from '../delegations/delegations.test-support.ts';
import { NOT_FOUND, proUpload } from './pro-documents.test-support.ts';

let t: TestApp;
afterEach(async () => t?.close());

const secret = { title: 'Consultation confidentielle', category: 'CPT_REND' };
const flagged = { ...secret, invisibleToLegalRepresentatives: 'true' };

async function stored(patientId: string) {
  const db = t.deps.database.db;
  const docs = await db
    .selectFrom('documents')
    .select('id')
    .where('patient_id', '=', patientId)
    .execute();
  const adds = await db
    .selectFrom('traces')
    .select('id')
    .where('patient_id', '=', patientId)
    .where('action', '=', 'document.add')
    .execute();
  let blobs = 0;
  for await (const entry of t.deps.blobs.list()) if (entry.key.startsWith('documents/')) blobs++;
  return { documents: docs.length, adds: adds.length, blobs };
}

describe('a document invisible to the legal representatives', () => {
  it('is refused for an adult patient with a clear error, storing nothing', async () => {
    t = await createTestApp();
    const adult = await givenActivePatient(t, { birthDate: '1988-04-12' });
    const ps = await givenProfessional(t, { firstName: 'Adama', lastName: 'Ndiaye' });
    await givenGrant(t, adult.patient.id, ps.professional.id, 'authorized');
    const client = await signInProfessional(t, ps);
    const before = await stored(adult.patient.id);

    const refused = await proUpload(t, client, adult.patient.id, flagged);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      error: {
        code: 'document.invisible_to_legal_reps_not_minor',
        message: expect.stringMatching(/que pour un patient mineur/),
      },
    });
    expect(await stored(adult.patient.id)).toEqual(before);
    // Without the flag, the same upload is fine.
    expect((await proUpload(t, client, adult.patient.id, secret)).statusCode).toBe(201);
  });

  it('is decided on the day, per the clock: accepted the eve of the 18th birthday, refused on it', async () => {
    t = await createTestApp();
    const { leo } = await givenInayaAndLeo(t); // born 2018-03-14
    const ps = await givenProfessional(t, { firstName: 'Adama', lastName: 'Ndiaye' });
    await givenGrant(t, leo.id, ps.professional.id, 'authorized');
    t.clock.set(new Date('2036-03-13T12:00:00.000Z'));
    const client = await signInProfessional(t, ps);
    expect((await proUpload(t, client, leo.id, flagged)).statusCode).toBe(201);
    t.clock.set(new Date('2036-03-14T12:00:00.000Z'));
    const later = await signInProfessional(t, ps);
    const refused = await proUpload(t, later, leo.id, flagged);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe(
      'document.invisible_to_legal_reps_not_minor',
    );
  });

  it('a professional who may not add to the record gets 404, not the age rule', async () => {
    t = await createTestApp();
    const adult = await givenActivePatient(t);
    const ps = await givenProfessional(t, { firstName: 'Paul', lastName: 'Durand' });
    await givenGrant(t, adult.patient.id, ps.professional.id, 'blocked');
    const client = await signInProfessional(t, ps);
    const refused = await proUpload(t, client, adult.patient.id, flagged);
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toEqual(NOT_FOUND);
  });
});
