/** Test helpers of the professional side of documents: a record with documents, PS uploads. */
import { Readable } from 'node:stream';
import { givenProfessional, signInProfessional } from '../../../test/access-builders.ts';
import { givenActivePatient, signIn } from '../../../test/builders.ts';
import type { TestApp, TestClient } from '../../../test/test-app.ts';
import { multipart } from './documents.test-support.ts';
import type { Part } from './documents.test-support.ts';

/** The 404 of whatever an actor may not see. */
export const NOT_FOUND = {
  error: { code: 'resource.not_found', message: 'Ressource introuvable.' },
};

/** Adds a small text document through the service (fast: no HTTP). */
export function addDocument(
  t: TestApp,
  patientId: string,
  input: {
    title: string;
    category?: string;
    confidentiality?: 'visible' | 'masque';
    by?: { id: string; name: string; profession: string };
  },
): Promise<string> {
  return t.deps.documentUploads.addDocument({
    patientId,
    author: input.by
      ? {
          type: 'professional',
          id: input.by.id,
          name: input.by.name,
          profession: input.by.profession,
        }
      : { type: 'patient' },
    actor: input.by
      ? { type: 'professional', id: input.by.id }
      : { type: 'patient', id: patientId },
    fields: {
      title: input.title,
      date: '2026-10-01',
      category: input.category ?? 'CPT_REND',
      ...(input.confidentiality ? { confidentiality: input.confidentiality } : {}),
    },
    file: {
      stream: Readable.from([Buffer.from(`Contenu de ${input.title}`)]),
      fileName: 'note.txt',
      contentType: 'text/plain',
    },
  });
}

/** Inaya with a visible and a masked document, Ndiaye (médecin) signed in, Inaya signed in. */
export async function givenInayaAndNdiaye(t: TestApp) {
  const inaya = await givenActivePatient(t);
  const patientId = inaya.patient.id;
  const visibleId = await addDocument(t, patientId, { title: 'Compte rendu genou' });
  const maskedId = await addDocument(t, patientId, {
    title: 'Bilan confidentiel',
    confidentiality: 'masque',
  });
  const ndiaye = await givenProfessional(t, { firstName: 'Adama', lastName: 'Ndiaye' });
  return {
    inaya,
    patientId,
    visibleId,
    maskedId,
    ndiaye,
    psId: ndiaye.professional.id,
    ndiayeClient: await signInProfessional(t, ndiaye),
    patientClient: await signIn(t, inaya),
  };
}

/** `/api/pro/patients/:patientId/documents`. */
export const docsUrl = (patientId: string) => `/api/pro/patients/${patientId}/documents`;

/** Posts one upload with a professional's session. */
export function proUpload(
  t: TestApp,
  client: TestClient,
  patientId: string,
  fields: Record<string, string>,
  file: { filename: string; contentType?: string; data: Buffer } = {
    filename: 'cr.txt',
    contentType: 'text/plain',
    data: Buffer.from('Compte rendu de consultation'),
  },
) {
  const parts: Part[] = Object.entries(fields).map(([name, value]) => ({ name, value }));
  parts.push({ name: 'file', ...file });
  const body = multipart(parts);
  return t.app.inject({
    method: 'POST',
    url: docsUrl(patientId),
    headers: {
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'x-carnet-request': '1',
      'content-type': body.contentType,
    },
    payload: body.payload,
  });
}

/** Traces of the record by one actor, oldest first. */
export async function tracesOf(t: TestApp, patientId: string, actorId: string) {
  return t.deps.database.db
    .selectFrom('traces')
    .select(['action', 'mode', 'outcome', 'target_id', 'details'])
    .where('patient_id', '=', patientId)
    .where('actor_id', '=', actorId)
    .orderBy('seq')
    .execute();
}

/** The denial reason a trace's details carry. */
export function reasonOf(details: string): unknown {
  return (JSON.parse(details) as { reason?: unknown }).reason;
}
