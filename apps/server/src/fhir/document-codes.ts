/**
 * The one mapping table between our document categories (PRODUCT.md) and the codes of an MHD
 * DocumentReference (INTEROP.md "Identifiers and codes"): `type` (LOINC) and `category` (class
 * code, ANS TRE_A03). Read both ways: outgoing resources and incoming ITI-65 / search parameters.
 */
import { documentCategories } from '@carnet/shared';
import type { Coding } from 'fhir/r4.js';

/** A category code of ours. */
export type CategoryCode = keyof typeof documentCategories;

/** Code systems and identifier systems (INTEROP.md). */
export const systems = {
  ins: 'urn:oid:1.2.250.1.213.1.4.8',
  rpps: 'urn:oid:1.2.250.1.71.4.2.1',
  dmpConfidentiality: 'urn:oid:1.2.250.1.213.1.1.4.13',
  confidentiality: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
  loinc: 'http://loinc.org',
  classCode: 'https://mos.esante.gouv.fr/NOS/TRE_A03-ClasseDocument/FHIR/TRE-A03-ClasseDocument',
  /** Our own categories, carried beside the class code so that the mapping is exact both ways. */
  category: 'https://carnet.sante.fr/fhir/CodeSystem/document-category',
  /** Our document ids as `masterIdentifier`. */
  documentId: 'https://carnet.sante.fr/fhir/NamingSystem/document-id',
} as const;

/** Category → LOINC type and class code. `type` is unique per row so the way back is exact. */
export const documentCodes: Record<
  CategoryCode,
  { type: { code: string; display: string }; classCode: { code: string; display: string } }
> = {
  SYNTHESE: {
    type: { code: '60591-5', display: 'Synthèse médicale du patient' },
    classCode: { code: '11', display: 'Synthèse' },
  },
  ORD_SOIN: {
    type: { code: '57833-6', display: 'Prescription' },
    classCode: { code: '12', display: 'Traitement / Soins' },
  },
  RADIO_SC: {
    type: { code: '18748-4', display: "Compte rendu d'imagerie médicale" },
    classCode: { code: '10', display: 'Compte rendu' },
  },
  BIOLOGIE: {
    type: { code: '11502-2', display: "CR d'examens biologiques" },
    classCode: { code: '10', display: 'Compte rendu' },
  },
  CPT_REND: {
    type: { code: '11488-4', display: 'Compte rendu de consultation' },
    classCode: { code: '10', display: 'Compte rendu' },
  },
  DEPISTAG: {
    type: { code: '75492-9', display: 'Dépistage, évaluation des risques' },
    classCode: { code: '10', display: 'Compte rendu' },
  },
  CERT_MED: {
    type: { code: '64290-0', display: 'Certificat médical' },
    classCode: { code: '13', display: 'Certificat, déclaration' },
  },
  DOC_ADM: {
    type: { code: '51851-4', display: 'Document administratif' },
    classCode: { code: '95', display: 'Document de gestion' },
  },
  SYNTH_PML: {
    type: { code: '34133-9', display: 'Synthèse médicale' },
    classCode: { code: '11', display: 'Synthèse' },
  },
  DIR_ANT: {
    type: { code: '42348-3', display: 'Directives anticipées' },
    classCode: { code: '90', display: 'Expression personnelle du patient' },
  },
  QUEST_SANTE: {
    type: { code: '74465-6', display: 'Questionnaire de santé' },
    classCode: { code: '90', display: 'Expression personnelle du patient' },
  },
  AUTR_DOC: {
    type: { code: '55107-7', display: 'Autre document' },
    classCode: { code: '10', display: 'Compte rendu' },
  },
};

const categoryCodes = Object.keys(documentCodes) as CategoryCode[];

/** Whether a string is one of our category codes. */
export const isCategory = (code: string): code is CategoryCode => code in documentCodes;

/** The `type` coding of a category. */
export function typeCodingOf(category: string): Coding {
  const row = isCategory(category) ? documentCodes[category] : documentCodes.AUTR_DOC;
  return { system: systems.loinc, code: row.type.code, display: row.type.display };
}

/** The `category` codings of a category: the class code, then ours (exact way back). */
export function categoryCodingsOf(category: string, depositedByPatient: boolean): Coding[] {
  const code: CategoryCode = isCategory(category) ? category : 'AUTR_DOC';
  const classCode = depositedByPatient
    ? { code: '90', display: 'Expression personnelle du patient' }
    : documentCodes[code].classCode;
  return [
    { system: systems.classCode, ...classCode },
    { system: systems.category, code, display: documentCategories[code] },
  ];
}

/** The categories a LOINC type code stands for (search `type=`). */
export const categoriesOfType = (code: string): CategoryCode[] =>
  categoryCodes.filter((c) => documentCodes[c].type.code === code);

/** The categories a class code (or one of our category codes) stands for (search `category=`). */
export function categoriesOfCategoryToken(
  system: string | undefined,
  code: string,
): CategoryCode[] {
  if ((system === undefined || system === systems.category) && isCategory(code)) return [code];
  if (system === undefined || system === systems.classCode)
    return categoryCodes.filter((c) => documentCodes[c].classCode.code === code);
  return [];
}

/** The category of an incoming DocumentReference: ours if given, else from its LOINC type. */
export function categoryOf(input: { typeCodes: Coding[]; categoryCodes: Coding[] }): CategoryCode {
  const ours = input.categoryCodes.find((c) => c.system === systems.category && c.code);
  if (ours?.code && isCategory(ours.code)) return ours.code;
  const loinc = input.typeCodes.find((c) => c.system === systems.loinc && c.code);
  return (loinc?.code && categoriesOfType(loinc.code)[0]) || 'AUTR_DOC';
}
