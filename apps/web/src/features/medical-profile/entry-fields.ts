/**
 * The form of each entry type: its fields in the guide's wording, and how the form's strings
 * become the wire entry that `profileEntryDataSchema` (@carnet/shared) validates.
 */
import type { ProfileEntryData, ProfileEntryDataInput, ProfileEntryType } from '@carnet/shared';
import {
  allergySeverities,
  bloodGroups,
  contactKinds,
  measureDefinitions,
  organDonationPositions,
  vaccines,
} from '@carnet/shared';

/** One field of a form. */
export interface EntryField {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'date' | 'number' | 'select' | 'checkbox';
  options?: Readonly<Record<string, string>>;
  optional?: boolean;
  hint?: string;
  /** Shown only when another field has this value. */
  when?: { field: string; value: string };
}

/** The form's values: strings, and booleans for checkboxes. */
export type EntryFormValues = Record<string, string | boolean>;

const labels = <T extends Record<string, { label: string }>>(v: T) =>
  Object.fromEntries(Object.entries(v).map(([k, d]) => [k, d.label]));

/** The fields of each entry type. */
export const entryFields: Record<ProfileEntryType, EntryField[]> = {
  maladie: [
    { name: 'name', label: 'Maladie ou sujet de santé', kind: 'text' },
    { name: 'since', label: 'Depuis le', kind: 'date', optional: true },
    { name: 'notes', label: 'Précisions', kind: 'textarea', optional: true },
  ],
  traitement: [
    { name: 'name', label: 'Nom du traitement', kind: 'text' },
    { name: 'dosage', label: 'Posologie', kind: 'text', optional: true },
    { name: 'since', label: 'Depuis le', kind: 'date', optional: true },
    { name: 'ongoing', label: 'Traitement en cours', kind: 'checkbox' },
    { name: 'until', label: 'Jusqu’au', kind: 'date', optional: true },
  ],
  allergie: [
    { name: 'substance', label: 'Substance', kind: 'text' },
    { name: 'reaction', label: 'Réaction', kind: 'text', optional: true },
    { name: 'severity', label: 'Gravité', kind: 'select', options: allergySeverities },
  ],
  hospitalisation: [
    { name: 'reason', label: 'Motif', kind: 'text' },
    { name: 'place', label: 'Établissement', kind: 'text', optional: true },
    { name: 'from', label: 'Date d’entrée', kind: 'date' },
    { name: 'to', label: 'Date de sortie', kind: 'date', optional: true },
  ],
  handicap: [{ name: 'description', label: 'Handicap', kind: 'textarea' }],
  antecedent: [
    { name: 'who', label: 'Membre de la famille', kind: 'text', hint: 'Par exemple : mère' },
    { name: 'what', label: 'Antécédent', kind: 'text' },
  ],
  'groupe-sanguin': [
    {
      name: 'group',
      label: 'Groupe sanguin',
      kind: 'select',
      options: Object.fromEntries(bloodGroups.map((g) => [g, g])),
    },
  ],
  vaccination: [
    { name: 'vaccine', label: 'Vaccin', kind: 'select', options: labels(vaccines) },
    {
      name: 'otherName',
      label: 'Nom du vaccin',
      kind: 'text',
      when: { field: 'vaccine', value: 'AUTRE' },
    },
    { name: 'date', label: 'Date de vaccination', kind: 'date' },
    {
      name: 'dose',
      label: 'Type de dose',
      kind: 'select',
      options: { primo: 'Primo-vaccination', rappel: 'Rappel' },
    },
    { name: 'lot', label: 'Numéro de lot', kind: 'text', optional: true },
    { name: 'vaccinator', label: 'Vacciné(e) par', kind: 'text', optional: true },
    {
      name: 'nextDue',
      label: 'Date du prochain rappel prévu',
      kind: 'date',
      optional: true,
      hint: 'Un rappel par e-mail vous sera envoyé à cette date',
    },
  ],
  mesure: [
    { name: 'measure', label: 'Mesure', kind: 'select', options: labels(measureDefinitions) },
    { name: 'date', label: 'Date de la mesure', kind: 'date' },
    { name: 'value', label: 'Valeur', kind: 'number' },
    {
      name: 'value2',
      label: 'Tension diastolique (mmHg)',
      kind: 'number',
      when: { field: 'measure', value: 'tension' },
    },
  ],
  contact: [
    { name: 'kind', label: 'Type de contact', kind: 'select', options: contactKinds },
    { name: 'name', label: 'Nom et prénom', kind: 'text' },
    { name: 'relation', label: 'Lien', kind: 'text', optional: true },
    { name: 'phone', label: 'Téléphone', kind: 'text', optional: true },
    { name: 'email', label: 'Adresse e-mail', kind: 'text', optional: true },
  ],
  directives: [
    {
      name: 'documentId',
      label: 'Document de directives anticipées',
      kind: 'select',
      options: {},
    },
  ],
  'don-organes': [
    { name: 'position', label: 'Ma position', kind: 'select', options: organDonationPositions },
    { name: 'text', label: 'Précisions', kind: 'textarea', optional: true },
  ],
};

/** Is this field shown with these values? */
export const isShown = (field: EntryField, values: EntryFormValues) =>
  !field.when || values[field.when.field] === field.when.value;

/** Today in France, YYYY-MM-DD. */
export const todayInFrance = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

/** Empty values of a new entry (today's date where a date is required). */
export function emptyValues(type: ProfileEntryType): EntryFormValues {
  const values: EntryFormValues = {};
  for (const field of entryFields[type]) {
    if (field.kind === 'checkbox') values[field.name] = false;
    else if (field.kind === 'date' && !field.optional) values[field.name] = todayInFrance();
    else if (field.kind === 'select' && field.options)
      values[field.name] = Object.keys(field.options)[0] ?? '';
    else values[field.name] = '';
  }
  return values;
}

/** The form's values of an existing entry. */
export function valuesOf(entry: ProfileEntryData): EntryFormValues {
  const values = emptyValues(entry.type);
  for (const [k, v] of Object.entries(entry))
    if (k !== 'type') values[k] = typeof v === 'boolean' ? v : v == null ? '' : String(v);
  return values;
}

/** The wire entry of a form: empty optional fields become null, numbers are numbers. */
export function toEntry(type: ProfileEntryType, values: EntryFormValues): ProfileEntryDataInput {
  const entry: Record<string, unknown> = { type };
  for (const field of entryFields[type]) {
    if (!isShown(field, values)) continue;
    const raw = values[field.name];
    if (field.kind === 'checkbox') entry[field.name] = raw === true;
    else if (field.kind === 'number')
      entry[field.name] = raw === '' ? undefined : Number(String(raw).replace(',', '.'));
    else if (raw === '' && field.optional) entry[field.name] = null;
    else entry[field.name] = raw;
  }
  return entry as ProfileEntryDataInput;
}
