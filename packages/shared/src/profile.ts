/** Wire schemas of the medical profile (PRODUCT.md "Profil médical", issue 11). */
import { z } from 'zod';
import { isoDateSchema } from './auth.ts';
import {
  allergySeverities,
  bloodGroups,
  contactKinds,
  measureCodes,
  organDonationPositions,
  profileRubriqueCodes,
  vaccineCodes,
} from './profile-vocabularies.ts';
import type { ProfileRubrique } from './profile-vocabularies.ts';

/** Longest free text of the profile (issue 11 "Bad input"). */
export const PROFILE_TEXT_MAX = 2000;

const tooLong = 'Au plus 2 000 caractères';
/** Optional free text: trimmed, at most 2,000 characters (stored and answered as text). */
const text = z.string().trim().max(PROFILE_TEXT_MAX, tooLong).nullable().optional();
/** Required short text. */
const required = (message: string) =>
  z.string().trim().min(1, message).max(PROFILE_TEXT_MAX, tooLong);
const date = isoDateSchema;
const optionalDate = isoDateSchema.nullable().optional();

/** A rubrique code. */
export const profileRubriqueSchema = z.enum(profileRubriqueCodes, { error: 'Rubrique inconnue' });
/** A measure code. */
export const measureCodeSchema = z.enum(measureCodes, { error: 'Mesure inconnue' });
/** A vaccine code of the shipped list. */
export const vaccineCodeSchema = z.enum(vaccineCodes, { error: 'Vaccin inconnu' });

const entrySchemas = [
  z.strictObject({
    type: z.literal('maladie'),
    name: required('Indiquez la maladie ou le sujet de santé'),
    since: optionalDate,
    notes: text,
  }),
  z.strictObject({
    type: z.literal('traitement'),
    name: required('Indiquez le traitement'),
    dosage: text,
    since: optionalDate,
    until: optionalDate,
    ongoing: z.boolean(),
  }),
  z.strictObject({
    type: z.literal('allergie'),
    substance: required('Indiquez la substance'),
    reaction: text,
    severity: z.enum(
      Object.keys(allergySeverities) as [keyof typeof allergySeverities],
      'Gravité inconnue',
    ),
  }),
  z.strictObject({
    type: z.literal('hospitalisation'),
    reason: required('Indiquez le motif'),
    place: text,
    from: date,
    to: optionalDate,
  }),
  z.strictObject({ type: z.literal('handicap'), description: required('Décrivez le handicap') }),
  z.strictObject({
    type: z.literal('antecedent'),
    who: required('Indiquez le membre de la famille'),
    what: required('Indiquez l’antécédent'),
  }),
  z.strictObject({
    type: z.literal('groupe-sanguin'),
    group: z.enum(bloodGroups, 'Groupe sanguin inconnu'),
  }),
  z.strictObject({
    type: z.literal('vaccination'),
    vaccine: vaccineCodeSchema,
    otherName: text,
    date,
    dose: z.enum(['primo', 'rappel'], 'Type de dose inconnu'),
    lot: text,
    vaccinator: text,
    /** A planned rappel: the only date of the profile that may lie in the future. */
    nextDue: optionalDate,
  }),
  z.strictObject({
    type: z.literal('mesure'),
    measure: measureCodeSchema,
    date,
    value: z.number('Indiquez une valeur').finite(),
    value2: z.number().finite().nullable().optional(),
  }),
  z.strictObject({
    type: z.literal('contact'),
    kind: z.enum(Object.keys(contactKinds) as [keyof typeof contactKinds], 'Type inconnu'),
    name: required('Indiquez le nom'),
    relation: text,
    phone: z
      .string()
      .trim()
      .max(30, 'Numéro trop long')
      .regex(/^[+0-9 .()-]*$/, 'Numéro de téléphone invalide')
      .nullable()
      .optional(),
    email: text,
  }),
  z.strictObject({ type: z.literal('directives'), documentId: z.string().min(1).max(64) }),
  z.strictObject({
    type: z.literal('don-organes'),
    position: z.enum(
      Object.keys(organDonationPositions) as [keyof typeof organDonationPositions],
      'Position inconnue',
    ),
    text,
  }),
] as const;

/** The content of one entry, by type. */
export const profileEntryDataSchema = z.discriminatedUnion('type', entrySchemas);
export type ProfileEntryData = z.output<typeof profileEntryDataSchema>;
export type ProfileEntryDataInput = z.input<typeof profileEntryDataSchema>;
/** An entry's type. */
export type ProfileEntryType = ProfileEntryData['type'];

/** Which rubrique each entry type belongs to. */
export const rubriqueOfEntryType: Record<ProfileEntryType, ProfileRubrique> = {
  maladie: 'maladies',
  traitement: 'traitements',
  allergie: 'allergies',
  hospitalisation: 'hospitalisations',
  handicap: 'handicaps',
  antecedent: 'antecedents-familiaux',
  'groupe-sanguin': 'groupe-sanguin',
  vaccination: 'vaccinations',
  mesure: 'mesures',
  contact: 'entourage',
  directives: 'entourage',
  'don-organes': 'entourage',
};

/** Adding or editing an entry; `masked` absent takes the "masquer par défaut" setting. */
export const profileEntryInputSchema = z.strictObject({
  entry: profileEntryDataSchema,
  masked: z.boolean().optional(),
});
export type ProfileEntryInput = z.input<typeof profileEntryInputSchema>;

/** Masking one entry to professionals. */
export const profileEntryMaskSchema = z.strictObject({ masked: z.boolean() });

/** Who wrote an entry. */
export const profileAuthorSchema = z.strictObject({
  type: z.enum(['patient', 'professional']),
  /** "Dr Adama Ndiaye" for a professional, null for the patient. */
  name: z.string().nullable(),
});

/** One entry as shown. */
export const profileEntrySchema = z.strictObject({
  id: z.string(),
  rubrique: profileRubriqueSchema,
  masked: z.boolean(),
  author: profileAuthorSchema,
  /** True when the reader is the professional who wrote it. */
  mine: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  data: profileEntryDataSchema,
  /** Vaccinations: the calendar's next recommended date (or the planned rappel). */
  nextDate: isoDateSchema.nullable(),
});
export type ProfileEntry = z.infer<typeof profileEntrySchema>;

/** A target range for a measure (both bounds optional). */
export const measureTargetSchema = z.strictObject({
  min: z.number().finite().nullable(),
  max: z.number().finite().nullable(),
});
export type MeasureTarget = z.infer<typeof measureTargetSchema>;

/** The IMC, computed from the latest poids and the latest taille. */
export const bmiSchema = z.strictObject({
  value: z.number(),
  date: isoDateSchema,
  heightCm: z.number(),
});

/** One rubrique with its state and entries. */
export const profileRubriqueViewSchema = z.strictObject({
  code: profileRubriqueSchema,
  label: z.string(),
  notConcerned: z.boolean(),
  masked: z.boolean(),
  entries: z.array(profileEntrySchema),
});
export type ProfileRubriqueView = z.infer<typeof profileRubriqueViewSchema>;

/** The whole profile, as the patient sees it. */
export const medicalProfileSchema = z.strictObject({
  rubriques: z.array(profileRubriqueViewSchema),
  targets: z.record(z.string(), measureTargetSchema),
  bmi: bmiSchema.nullable(),
  maskNewByDefault: z.boolean(),
});
export type MedicalProfile = z.infer<typeof medicalProfileSchema>;

/** A rubrique's switches. */
export const profileRubriqueSettingsSchema = z.strictObject({
  notConcerned: z.boolean().optional(),
  masked: z.boolean().optional(),
});

/** Which rubriques the synthèse includes. */
export const syntheseRequestSchema = z.strictObject({
  rubriques: z.array(profileRubriqueSchema).min(1, 'Choisissez au moins une rubrique').max(10),
});
export type SyntheseRequest = z.infer<typeof syntheseRequestSchema>;

/** The document the synthèse was saved as. */
export const syntheseSavedSchema = z.strictObject({ documentId: z.string() });

/** A rubrique read by a professional. */
export const proProfileRubriqueSchema = z.strictObject({
  code: profileRubriqueSchema,
  label: z.string(),
  mode: z.enum(['normal', 'urgence']),
  entries: z.array(profileEntrySchema),
  bmi: bmiSchema.nullable(),
});
export type ProProfileRubrique = z.infer<typeof proProfileRubriqueSchema>;

/** What a professional may add: a vaccination or a measure. */
export const proProfileEntryInputSchema = z.strictObject({
  entry: z.discriminatedUnion('type', [entrySchemas[7], entrySchemas[8]]),
});
