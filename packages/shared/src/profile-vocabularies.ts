/**
 * Vocabularies of the medical profile (PRODUCT.md "Profil médical"): rubriques, measures with
 * units and plausible ranges, and the vaccines of the French calendar (calendrier des vaccinations
 * 2025, Ministère de la santé) with their usual rappel rule.
 */

/** The rubriques of the profile, in the guide's wording and order. */
export const profileRubriques = {
  maladies: 'Maladies et sujets de santé',
  traitements: 'Traitements',
  allergies: 'Allergies',
  hospitalisations: 'Hospitalisations',
  handicaps: 'Handicaps',
  'antecedents-familiaux': 'Antécédents familiaux',
  'groupe-sanguin': 'Groupe sanguin',
  vaccinations: 'Vaccinations',
  mesures: 'Mesures',
  entourage: 'Entourage et volontés',
} as const;
/** A rubrique code. */
export type ProfileRubrique = keyof typeof profileRubriques;
/** Every rubrique code, in display order. */
export const profileRubriqueCodes = Object.keys(profileRubriques) as [
  ProfileRubrique,
  ...ProfileRubrique[],
];

/**
 * What a professional may read of the profile: PRODUCT.md lists Vaccinations and Entourage et
 * volontés; issue 11 adds Mesures (it wins over PRODUCT.md there). The rest stays the patient's.
 */
export const rubriquesReadableByProfessionals: readonly ProfileRubrique[] = [
  'vaccinations',
  'mesures',
  'entourage',
];

/** A measure: unit, plausible range (inclusive), decimals allowed. */
export interface MeasureDefinition {
  label: string;
  unit: string;
  min: number;
  max: number;
  decimals: number;
  /** Tension: a second value (diastolique) with its own range. */
  second?: { label: string; min: number; max: number };
}

/** The measures a patient or a professional can enter; IMC is computed, never typed. */
export const measureDefinitions = {
  poids: { label: 'Poids', unit: 'kg', min: 0.3, max: 400, decimals: 1 },
  taille: { label: 'Taille', unit: 'cm', min: 20, max: 260, decimals: 0 },
  tension: {
    label: 'Tension artérielle',
    unit: 'mmHg',
    min: 50,
    max: 260,
    decimals: 0,
    second: { label: 'Diastolique', min: 30, max: 160 },
  },
  glycemie: { label: 'Glycémie', unit: 'g/L', min: 0.2, max: 6, decimals: 2 },
  hba1c: { label: 'HbA1c', unit: '%', min: 3, max: 20, decimals: 1 },
  'frequence-cardiaque': {
    label: 'Fréquence cardiaque',
    unit: 'bpm',
    min: 20,
    max: 250,
    decimals: 0,
  },
  temperature: { label: 'Température', unit: '°C', min: 30, max: 45, decimals: 1 },
  'perimetre-cranien': { label: 'Périmètre crânien', unit: 'cm', min: 20, max: 70, decimals: 1 },
  pas: { label: 'Pas par jour', unit: 'pas/jour', min: 0, max: 100000, decimals: 0 },
} as const satisfies Record<string, MeasureDefinition>;
/** A measure code. */
export type MeasureCode = keyof typeof measureDefinitions;
/** Every measure code. */
export const measureCodes = Object.keys(measureDefinitions) as [MeasureCode, ...MeasureCode[]];

/** Body mass index from a weight in kg and a height in cm, one decimal. */
export function bodyMassIndex(weightKg: number, heightCm: number): number {
  const m = heightCm / 100;
  return Math.round((weightKg / (m * m)) * 10) / 10;
}

/** How the calendar recommends the next dose: yearly, every N years, or at given adult ages. */
export type RappelRule =
  | { kind: 'none' }
  | { kind: 'years'; years: number }
  | { kind: 'ages'; ages: readonly number[]; thenEvery: number };

/** The vaccines of the French calendar: label and rappel rule for adults. */
export const vaccines = {
  DTP: {
    label: 'Diphtérie, tétanos, poliomyélite (DTP)',
    rappel: { kind: 'ages', ages: [25, 45, 65], thenEvery: 10 },
  },
  DTCAP: {
    label: 'Diphtérie, tétanos, coqueluche, poliomyélite (dTcaP)',
    rappel: { kind: 'ages', ages: [25, 45, 65], thenEvery: 10 },
  },
  HEXAVALENT: { label: 'Hexavalent (DTCaP-Hib-Hépatite B)', rappel: { kind: 'none' } },
  HIB: { label: 'Haemophilus influenzae b', rappel: { kind: 'none' } },
  HEPB: { label: 'Hépatite B', rappel: { kind: 'none' } },
  PNEUMO: { label: 'Pneumocoque', rappel: { kind: 'none' } },
  MENC: { label: 'Méningocoque C', rappel: { kind: 'none' } },
  MENB: { label: 'Méningocoque B', rappel: { kind: 'none' } },
  MENACWY: { label: 'Méningocoques ACWY', rappel: { kind: 'none' } },
  ROR: { label: 'Rougeole, oreillons, rubéole (ROR)', rappel: { kind: 'none' } },
  HPV: { label: 'Papillomavirus humains (HPV)', rappel: { kind: 'none' } },
  BCG: { label: 'Tuberculose (BCG)', rappel: { kind: 'none' } },
  ROTAVIRUS: { label: 'Rotavirus', rappel: { kind: 'none' } },
  GRIPPE: { label: 'Grippe saisonnière', rappel: { kind: 'years', years: 1 } },
  COVID19: { label: 'Covid-19', rappel: { kind: 'years', years: 1 } },
  ZONA: { label: 'Zona', rappel: { kind: 'none' } },
  VRS: { label: 'Virus respiratoire syncytial (VRS)', rappel: { kind: 'none' } },
  VARICELLE: { label: 'Varicelle', rappel: { kind: 'none' } },
  HEPA: { label: 'Hépatite A', rappel: { kind: 'none' } },
  FIEVRE_JAUNE: { label: 'Fièvre jaune', rappel: { kind: 'none' } },
  TYPHOIDE: { label: 'Typhoïde', rappel: { kind: 'years', years: 3 } },
  AUTRE: { label: 'Autre vaccin', rappel: { kind: 'none' } },
} as const satisfies Record<string, { label: string; rappel: RappelRule }>;
/** A vaccine code; `AUTRE` takes a free-text name. */
export type VaccineCode = keyof typeof vaccines;
/** Every vaccine code. */
export const vaccineCodes = Object.keys(vaccines) as [VaccineCode, ...VaccineCode[]];

const addYears = (date: string, years: number) =>
  `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`.replace(
    /-02-29$/,
    '-02-28',
  );

/**
 * The calendar's next recommended date after a dose given on `date` (YYYY-MM-DD) to a person born
 * on `birthDate`, or null when the calendar has no rappel for it.
 */
export function nextRecommendedDate(
  code: VaccineCode,
  date: string,
  birthDate: string,
): string | null {
  const rule: RappelRule = vaccines[code].rappel;
  if (rule.kind === 'none') return null;
  if (rule.kind === 'years') return addYears(date, rule.years);
  for (const age of rule.ages) {
    const at = addYears(birthDate, age);
    if (at > date) return at;
  }
  return addYears(date, rule.thenEvery);
}

/** Groupes sanguins (ABO and Rhésus). */
export const bloodGroups = ['A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-'] as const;

/** Severity of an allergy. */
export const allergySeverities = {
  legere: 'Légère',
  moderee: 'Modérée',
  severe: 'Sévère',
} as const;

/** Kinds of contacts of "Entourage et volontés". */
export const contactKinds = {
  urgence: 'Contact en cas d’urgence',
  proche: 'Proche',
  confiance: 'Personne de confiance',
} as const;

/** Don d'organes: the declared position. */
export const organDonationPositions = {
  favorable: 'Je suis favorable au don d’organes',
  oppose: 'Je suis opposé(e) au don d’organes',
  'non-decide': 'Je n’ai pas encore décidé',
} as const;
