/**
 * Demo access: the guide's second case ("un PS a déjà accédé à mon DMP"). Eoso Louis and Eugène
 * Jean-François are administrators, Mendes Maria, Ndiaye Adama, Toujman Gabriel and Xi Léa
 * authorized; Samu Régis (régulateur) and Durand Paul have no grant; Eoso Louis is the médecin
 * traitant. Every demo professional signs in with its RPPS and the demo password.
 */
import type { AppDeps } from '../deps.ts';

/** Grants of the guide's screen, with the dates shown as "Depuis le …". */
export const demoGrants: Array<{
  rpps: string;
  status: 'authorized' | 'administrator';
  since: string;
}> = [
  { rpps: '10000000011', status: 'administrator', since: '2024-09-12T08:30:00.000Z' },
  { rpps: '10000000029', status: 'administrator', since: '2025-02-03T14:10:00.000Z' },
  { rpps: '10000000037', status: 'authorized', since: '2025-06-20T09:45:00.000Z' },
  { rpps: '10000000045', status: 'authorized', since: '2025-10-07T16:00:00.000Z' },
  { rpps: '10000000052', status: 'authorized', since: '2026-01-15T10:20:00.000Z' },
  { rpps: '10000000060', status: 'authorized', since: '2026-03-02T11:05:00.000Z' },
];

/** The médecin traitant of the demo record. */
export const demoMedecinTraitantRpps = '10000000011';

/** Seeds accounts, grants and the médecin traitant; seedDemo calls it once, after the directory. */
export async function seedDemoAccess(
  deps: AppDeps,
  demo: { patientIns: string; password: string; rppsNumbers: string[] },
): Promise<void> {
  const db = deps.database.db;
  const patient = await deps.patients.findByIns(demo.patientIns);
  if (!patient) throw new Error('The demo patient must be seeded first.');
  // One hash for every demo account: they share the published demo password (README).
  const hash = await deps.professionalAccounts.hashPassword(
    { rpps: '', firstName: '', lastName: '' },
    demo.password,
    { checkStrength: false },
  );
  const byRpps = new Map<string, string>();
  for (const rpps of demo.rppsNumbers) {
    const ps = await deps.professionals.findByRpps(db, rpps);
    if (!ps) throw new Error(`Demo professional ${rpps} missing.`);
    byRpps.set(ps.rpps, ps.id);
    await db.transaction().execute((trx) => deps.professionalAccounts.setPassword(trx, ps, hash));
  }
  const idOf = (rpps: string) => {
    const id = byRpps.get(rpps);
    if (!id) throw new Error(`Demo professional ${rpps} missing.`);
    return id;
  };
  for (const grant of demoGrants) {
    await deps.patientAccess.importGrant({
      patientId: patient.id,
      professionalId: idOf(grant.rpps),
      status: grant.status,
      since: grant.since,
    });
  }
  await deps.patientAccess.declareMedecinTraitant(patient.id, idOf(demoMedecinTraitantRpps));
}
