/**
 * Demo data of Proches (issue 13): Inaya's son Léo (8), whose legal representative she is, with
 * a few documents (one a professional made invisible to the legal representatives); her partner
 * Thomas and her neighbour Claire have accounts of their own (README's demo table). Runs once.
 */
import { Readable } from 'node:stream';
import type { AppDeps } from '../deps.ts';

/** The demo proches (README). */
export const demoProches = {
  leo: { ins: '118057512345642', firstName: 'Léo', lastName: 'Michel', birthDate: '2018-05-20' },
  partner: {
    ins: '186097512345628',
    firstName: 'Thomas',
    lastName: 'Michel',
    birthDate: '1986-09-03',
    email: 't.michel@example.org',
    mobile: '+33 6 21 22 23 24',
    identifiant: 'thomas.michel',
    password: 'Carnet-demo-2026',
  },
  neighbour: {
    ins: '261027512345633',
    firstName: 'Claire',
    lastName: 'Martin',
    birthDate: '1961-02-17',
    email: 'c.martin@example.org',
    mobile: '+33 6 31 32 33 34',
    identifiant: 'claire.martin',
    password: 'Carnet-demo-2026',
  },
} as const;

const textFile = (text: string) => ({
  stream: Readable.from([Buffer.from(text)]),
  fileName: 'document.txt',
  contentType: 'text/plain',
});

/** Seeds the proches of the demo patient when Léo is not there yet. */
export async function seedDemoProches(deps: AppDeps, input: { patientIns: string }) {
  if (await deps.patients.findByIns(demoProches.leo.ins)) return;
  const inaya = await deps.patients.findByIns(input.patientIns);
  if (!inaya) return;
  for (const person of [demoProches.partner, demoProches.neighbour])
    await deps.activation.createActivatedProfile({ ...person });
  const leo = await deps.delegations.createActivatedChild({
    ...demoProches.leo,
    email: null,
    mobile: null,
    representativeId: inaya.id,
  });
  const pediatre = await deps.professionals.findByRpps(deps.database.db, '10000000045');
  await deps.documentUploads.addDocument({
    patientId: leo.id,
    author: { type: 'patient' },
    actor: { type: 'legal-representative', id: inaya.id },
    fields: { title: 'Carnet de vaccination de Léo', date: '2025-09-02', category: 'DEPISTAG' },
    file: textFile('Vaccinations à jour.'),
  });
  if (!pediatre) return;
  const author = {
    type: 'professional' as const,
    id: pediatre.id,
    name: `Dr ${pediatre.first_name} ${pediatre.last_name}`,
    profession: pediatre.profession,
  };
  await deps.documentUploads.addDocument({
    patientId: leo.id,
    author,
    actor: { type: 'professional', id: pediatre.id },
    fields: { title: 'Certificat d’aptitude au sport', date: '2026-09-10', category: 'CERT_MED' },
    file: textFile('Apte à la pratique du sport.'),
  });
  await deps.documentUploads.addDocument({
    patientId: leo.id,
    author,
    actor: { type: 'professional', id: pediatre.id },
    fields: { title: 'Consultation confidentielle', date: '2026-10-15', category: 'CPT_REND' },
    file: textFile('Consultation à la demande du mineur.'),
    invisibleToLegalRepresentatives: true,
  });
}
