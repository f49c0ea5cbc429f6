/** One French line per profile entry, shared by the web pages and the synthèse PDF. */
import type { ProfileEntryData } from './profile.ts';
import {
  allergySeverities,
  contactKinds,
  measureDefinitions,
  organDonationPositions,
  vaccines,
} from './profile-vocabularies.ts';

/** "12/04/2026" from "2026-04-12". */
export const frenchDate = (iso: string): string => iso.split('-').reverse().join('/');

const join = (parts: (string | null | undefined | false)[]) =>
  parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' · ');

/** A measure's value with its unit ("68 kg", "128/82 mmHg"). */
export function measureValue(entry: Extract<ProfileEntryData, { type: 'mesure' }>): string {
  const def = measureDefinitions[entry.measure];
  const n = (v: number) => v.toLocaleString('fr-FR', { maximumFractionDigits: def.decimals });
  const value = entry.value2 != null ? `${n(entry.value)}/${n(entry.value2)}` : n(entry.value);
  return `${value} ${def.unit}`;
}

/** The vaccine's name: the list's label, or the free text of "Autre vaccin". */
export function vaccineName(entry: Extract<ProfileEntryData, { type: 'vaccination' }>): string {
  return entry.vaccine === 'AUTRE' && entry.otherName
    ? entry.otherName
    : vaccines[entry.vaccine].label;
}

/** Title and detail of an entry, as lists and the synthèse show them (plain text, never HTML). */
export function describeEntry(entry: ProfileEntryData): { title: string; detail: string } {
  switch (entry.type) {
    case 'maladie':
      return {
        title: entry.name,
        detail: join([entry.since && `depuis le ${frenchDate(entry.since)}`, entry.notes]),
      };
    case 'traitement':
      return {
        title: entry.name,
        detail: join([
          entry.dosage,
          entry.since && `depuis le ${frenchDate(entry.since)}`,
          entry.ongoing ? 'en cours' : entry.until && `jusqu’au ${frenchDate(entry.until)}`,
        ]),
      };
    case 'allergie':
      return {
        title: entry.substance,
        detail: join([
          entry.reaction,
          `gravité : ${allergySeverities[entry.severity].toLowerCase()}`,
        ]),
      };
    case 'hospitalisation':
      return {
        title: entry.reason,
        detail: join([
          entry.place,
          entry.to
            ? `du ${frenchDate(entry.from)} au ${frenchDate(entry.to)}`
            : `le ${frenchDate(entry.from)}`,
        ]),
      };
    case 'handicap':
      return { title: entry.description, detail: '' };
    case 'antecedent':
      return { title: entry.what, detail: entry.who };
    case 'groupe-sanguin':
      return { title: `Groupe ${entry.group}`, detail: '' };
    case 'vaccination':
      return {
        title: vaccineName(entry),
        detail: join([
          `le ${frenchDate(entry.date)}`,
          entry.dose === 'rappel' ? 'rappel' : 'primo-vaccination',
          entry.lot && `lot ${entry.lot}`,
          entry.vaccinator && `par ${entry.vaccinator}`,
        ]),
      };
    case 'mesure':
      return {
        title: `${measureDefinitions[entry.measure].label} : ${measureValue(entry)}`,
        detail: `le ${frenchDate(entry.date)}`,
      };
    case 'contact':
      return {
        title: entry.name,
        detail: join([contactKinds[entry.kind], entry.relation, entry.phone, entry.email]),
      };
    case 'directives':
      return { title: 'Directives anticipées', detail: 'Document enregistré dans Mes documents' };
    case 'don-organes':
      return { title: organDonationPositions[entry.position], detail: entry.text ?? '' };
  }
}
