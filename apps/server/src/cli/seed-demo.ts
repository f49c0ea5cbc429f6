/** Demo data: Inaya Michel and the professionals named in the guide. Runs once. */
import type { Profession } from '@carnet/shared';
import type { AppDeps } from '../deps.ts';
import { seedDemoAccess } from './seed-demo-access.ts';
import { seedDemoDocuments } from './seed-demo-documents.ts';
import { seedDemoProfile } from './seed-demo-profile.ts';
import { seedDemoProches } from './seed-demo-proches.ts';
import { seedDemoOAuthClient } from './oauth-clients.ts';

/** The demo patient's credentials (README). */
export const demoPatient = {
  ins: '288047512345617',
  firstName: 'Inaya',
  lastName: 'Michel',
  birthDate: '1988-04-12',
  email: 'i.michel@example.org',
  mobile: '+33 6 11 12 13 14',
  identifiant: 'inaya.michel',
  password: 'Carnet-demo-2026',
} as const;

/** The professionals of the guide, with their RPPS numbers (README). */
export const demoProfessionals: Array<{
  rpps: string;
  lastName: string;
  firstName: string;
  profession: Profession;
  specialty: string | null;
  isRegulator: boolean;
}> = [
  {
    rpps: '10000000011',
    lastName: 'Eoso',
    firstName: 'Louis',
    profession: 'medecin',
    specialty: 'Médecine générale',
    isRegulator: false,
  },
  {
    rpps: '10000000029',
    lastName: 'Eugène',
    firstName: 'Jean-François',
    profession: 'medecin',
    specialty: 'Cardiologie',
    isRegulator: false,
  },
  {
    rpps: '10000000037',
    lastName: 'Mendes',
    firstName: 'Maria',
    profession: 'pharmacien',
    specialty: null,
    isRegulator: false,
  },
  {
    rpps: '10000000045',
    lastName: 'Ndiaye',
    firstName: 'Adama',
    profession: 'medecin',
    specialty: 'Médecine générale',
    isRegulator: false,
  },
  {
    rpps: '10000000052',
    lastName: 'Toujman',
    firstName: 'Gabriel',
    profession: 'masseur-kinesitherapeute',
    specialty: null,
    isRegulator: false,
  },
  {
    rpps: '10000000060',
    lastName: 'Xi',
    firstName: 'Léa',
    profession: 'infirmier',
    specialty: null,
    isRegulator: false,
  },
  {
    rpps: '10000000078',
    lastName: 'Samu',
    firstName: 'Régis',
    profession: 'medecin',
    specialty: 'Médecine d’urgence',
    isRegulator: true,
  },
  {
    rpps: '10000000086',
    lastName: 'Durand',
    firstName: 'Paul',
    profession: 'pedicure-podologue',
    specialty: null,
    isRegulator: false,
  },
];

/** Seeds the demo; with `onlyIfEmpty`, does nothing when the demo patient exists. */
export async function seedDemo(deps: AppDeps, options: { onlyIfEmpty: boolean }): Promise<boolean> {
  if (await deps.patients.findByIns(demoPatient.ins)) {
    // A demo seeded before issue 13 gets Léo, Thomas and Claire once.
    await seedDemoProches(deps, { patientIns: demoPatient.ins });
    // A demo seeded before the OAuth server gets its demo client once (issue 10).
    await seedDemoOAuthClient(deps);
    if (options.onlyIfEmpty) return false;
    throw new Error('The demo data is already there.');
  }
  await deps.activation.createActivatedProfile({ ...demoPatient });
  for (const ps of demoProfessionals) {
    await deps.professionals.create(deps.database.db, {
      ...ps,
      email: `${ps.firstName
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z]/g, '')}.${ps.lastName
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z]/g, '')}@example.org`,
    });
  }
  await seedDemoAccess(deps, {
    patientIns: demoPatient.ins,
    password: demoPatient.password,
    rppsNumbers: demoProfessionals.map((ps) => ps.rpps),
  });
  await seedDemoDocuments(deps, { patientIns: demoPatient.ins });
  await seedDemoProfile(deps, { patientIns: demoPatient.ins });
  await seedDemoProches(deps, { patientIns: demoPatient.ins });
  await seedDemoOAuthClient(deps);
  return true;
}
