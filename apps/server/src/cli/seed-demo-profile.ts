/**
 * Demo medical profile for Inaya (issue 11): a few entries in each rubrique, weights and blood
 * pressure over two years, and a vaccination whose rappel is due (its reminder leaves on the first
 * run of the job worker). Dates are relative to today.
 */
import type { ProfileEntryDataInput } from '@carnet/shared';
import { parisDay, profileEntryDataSchema } from '@carnet/shared';
import type { AppDeps } from '../deps.ts';

const monthsAgo = (now: Date, months: number, day = 0): string => {
  const d = new Date(now.getTime());
  d.setUTCDate(d.getUTCDate() - day);
  d.setUTCMonth(d.getUTCMonth() - months);
  return parisDay(d);
};

/** Seeds Inaya's profile. */
export async function seedDemoProfile(deps: AppDeps, input: { patientIns: string }): Promise<void> {
  const patient = await deps.patients.findByIns(input.patientIns);
  if (!patient) throw new Error('seed the demo patient first');
  const now = deps.clock.now();
  const entries: ProfileEntryDataInput[] = [
    { type: 'maladie', name: 'Asthme allergique', since: '2004-09-01' },
    {
      type: 'maladie',
      name: 'Migraines',
      since: '2015-03-01',
      notes: 'Deux à trois crises par an',
    },
    {
      type: 'traitement',
      name: 'Ventoline',
      dosage: '2 bouffées si besoin',
      since: '2004-09-01',
      ongoing: true,
    },
    {
      type: 'traitement',
      name: 'Amoxicilline',
      dosage: '1 g matin et soir',
      since: '2024-02-03',
      until: '2024-02-10',
      ongoing: false,
    },
    {
      type: 'allergie',
      substance: 'Pollen de graminées',
      reaction: 'Rhinite, crise d’asthme',
      severity: 'moderee',
    },
    { type: 'allergie', substance: 'Pénicilline G', reaction: 'Urticaire', severity: 'severe' },
    {
      type: 'hospitalisation',
      reason: 'Appendicectomie',
      place: 'CHU de Nantes',
      from: '2009-07-14',
      to: '2009-07-17',
    },
    { type: 'handicap', description: 'Surdité légère de l’oreille gauche' },
    { type: 'antecedent', who: 'Père', what: 'Hypertension artérielle' },
    { type: 'antecedent', who: 'Grand-mère maternelle', what: 'Diabète de type 2' },
    { type: 'groupe-sanguin', group: 'A+' },
    { type: 'vaccination', vaccine: 'ROR', date: '1989-05-10', dose: 'primo' },
    {
      type: 'vaccination',
      vaccine: 'DTCAP',
      date: '2013-04-15',
      dose: 'rappel',
      lot: 'R4521',
      vaccinator: 'Dr Louis Eoso',
    },
    { type: 'vaccination', vaccine: 'HEPB', date: '2006-02-14', dose: 'primo' },
    // Given 13 months ago: the yearly rappel of the calendar is due since a month.
    {
      type: 'vaccination',
      vaccine: 'GRIPPE',
      date: monthsAgo(now, 13),
      dose: 'rappel',
      lot: 'FL2291',
      vaccinator: 'Pharmacie du centre',
    },
    { type: 'mesure', measure: 'taille', date: '2024-01-15', value: 165 },
    {
      type: 'contact',
      kind: 'confiance',
      name: 'Karim Michel',
      relation: 'Frère',
      phone: '06 22 33 44 55',
    },
    {
      type: 'contact',
      kind: 'urgence',
      name: 'Sophie Michel',
      relation: 'Mère',
      phone: '06 33 44 55 66',
    },
    { type: 'don-organes', position: 'favorable', text: 'J’en ai parlé à mes proches.' },
  ];
  // Weights and blood pressure every two months over two years (none today: the demo adds it).
  for (let m = 24; m >= 2; m -= 2) {
    entries.push({
      type: 'mesure',
      measure: 'poids',
      date: monthsAgo(now, m, 3),
      value: Math.round((71.5 - (24 - m) * 0.12) * 10) / 10,
    });
    entries.push({
      type: 'mesure',
      measure: 'tension',
      date: monthsAgo(now, m, 5),
      value: 118 + ((m * 7) % 11),
      value2: 74 + ((m * 5) % 9),
    });
  }
  for (const entry of entries)
    await deps.profile.add(patient.id, { entry: profileEntryDataSchema.parse(entry) });
  await deps.profile.setTarget(patient.id, 'poids', { min: 62, max: 68 });
  await deps.profile.setRubrique(patient.id, 'handicaps', { masked: true });
}
