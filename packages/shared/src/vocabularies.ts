/** Document categories (PRODUCT.md): code → French label. */
export const documentCategories = {
  SYNTHESE: 'Ma santé en résumé',
  ORD_SOIN: 'Ordonnances et soins',
  RADIO_SC: 'Radio, écho, scanner, IRM',
  BIOLOGIE: 'Résultats de biologie',
  CPT_REND: 'Comptes rendus',
  DEPISTAG: 'Prévention et dépistages',
  CERT_MED: 'Certificats médicaux',
  DOC_ADM: 'Pièces administratives',
  SYNTH_PML: 'Synthèse médicale',
  DIR_ANT: 'Directives anticipées',
  QUEST_SANTE: 'Questionnaire santé',
  AUTR_DOC: 'Autres documents',
} as const;

/** One document category code. */
export type DocumentCategory = keyof typeof documentCategories;

/** Professions of the PS directory: code → French label. */
export const professions = {
  medecin: 'Médecin',
  pharmacien: 'Pharmacien',
  infirmier: 'Infirmier',
  'sage-femme': 'Sage-femme',
  'chirurgien-dentiste': 'Chirurgien-dentiste',
  'masseur-kinesitherapeute': 'Masseur-kinésithérapeute',
  'pedicure-podologue': 'Pédicure-podologue',
} as const;

/** One profession code. */
export type Profession = keyof typeof professions;
