/**
 * The profile as a FHIR R4 International Patient Summary document Bundle (HL7 IPS, LOINC 60591-5):
 * a Composition with one section per rubrique, and the resources its sections point to. Narratives
 * are escaped XHTML; free text stays text (`CodeableConcept.text`), never markup.
 */
import type { MedicalProfile, ProfileEntryData } from '@carnet/shared';
import { describeEntry, measureDefinitions, vaccineName } from '@carnet/shared';
import type { SyntheseContent } from './synthese.pdf.ts';

type Json = Record<string, unknown>;
type MeasureEntry = Extract<ProfileEntryData, { type: 'mesure' }>;

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';

/** LOINC and UCUM of each measure (vital signs profile where one exists). */
const measureCodes: Record<MeasureEntry['measure'], { loinc: string; ucum: string }> = {
  poids: { loinc: '29463-7', ucum: 'kg' },
  taille: { loinc: '8302-2', ucum: 'cm' },
  tension: { loinc: '85354-9', ucum: 'mm[Hg]' },
  glycemie: { loinc: '2339-0', ucum: 'g/L' },
  hba1c: { loinc: '4548-4', ucum: '%' },
  'frequence-cardiaque': { loinc: '8867-4', ucum: '/min' },
  temperature: { loinc: '8310-5', ucum: 'Cel' },
  'perimetre-cranien': { loinc: '9843-4', ucum: 'cm' },
  pas: { loinc: '41950-7', ucum: '/d' },
};

/** Section of each rubrique: LOINC code and title. */
const sections: Record<string, { code: string; title: string }> = {
  allergies: { code: '48765-2', title: 'Allergies' },
  traitements: { code: '10160-0', title: 'Traitements' },
  maladies: { code: '11450-4', title: 'Maladies et sujets de santé' },
  vaccinations: { code: '11369-6', title: 'Vaccinations' },
  mesures: { code: '8716-3', title: 'Mesures' },
  hospitalisations: { code: '46240-8', title: 'Hospitalisations' },
  handicaps: { code: '47420-5', title: 'Handicaps' },
  'antecedents-familiaux': { code: '10157-6', title: 'Antécédents familiaux' },
  'groupe-sanguin': { code: '882-1', title: 'Groupe sanguin' },
  entourage: { code: '42348-3', title: 'Entourage et volontés' },
};

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const narrative = (lines: string[]) => ({
  status: 'generated',
  div: `<div xmlns="http://www.w3.org/1999/xhtml">${
    lines.length
      ? `<ul>${lines.map((l) => `<li>${escapeXml(l)}</li>`).join('')}</ul>`
      : '<p>Aucune information.</p>'
  }</div>`,
});

/** One entry as its FHIR R4 resource (without id), or null for a rubrique IPS has none for. */
export function resourceOf(data: ProfileEntryData, patient: Json): Json | null {
  switch (data.type) {
    case 'allergie':
      return {
        resourceType: 'AllergyIntolerance',
        patient,
        code: { text: data.substance },
        reaction: [
          {
            manifestation: [{ text: data.reaction ?? 'Non précisée' }],
            severity: { legere: 'mild', moderee: 'moderate', severe: 'severe' }[data.severity],
          },
        ],
      };
    case 'traitement':
      return {
        resourceType: 'MedicationStatement',
        status: data.ongoing ? 'active' : 'completed',
        medicationCodeableConcept: { text: data.name },
        subject: patient,
        ...(data.since || data.until
          ? {
              effectivePeriod: {
                ...(data.since ? { start: data.since } : {}),
                ...(data.until && !data.ongoing ? { end: data.until } : {}),
              },
            }
          : {}),
        ...(data.dosage ? { dosage: [{ text: data.dosage }] } : {}),
      };
    case 'maladie':
      return {
        resourceType: 'Condition',
        subject: patient,
        code: { text: data.name },
        ...(data.since ? { onsetDateTime: data.since } : {}),
        ...(data.notes ? { note: [{ text: data.notes }] } : {}),
      };
    case 'vaccination':
      return {
        resourceType: 'Immunization',
        status: 'completed',
        vaccineCode: { text: vaccineName(data) },
        patient,
        occurrenceDateTime: data.date,
        ...(data.lot ? { lotNumber: data.lot } : {}),
      };
    case 'mesure': {
      const code = measureCodes[data.measure];
      const def = measureDefinitions[data.measure];
      const quantity = (value: number) => ({
        value,
        unit: def.unit,
        system: UCUM,
        code: code.ucum,
      });
      const base = {
        resourceType: 'Observation',
        status: 'final',
        category: [
          {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/observation-category',
                code: 'vital-signs',
              },
            ],
          },
        ],
        code: { coding: [{ system: LOINC, code: code.loinc }], text: def.label },
        subject: patient,
        effectiveDateTime: data.date,
      };
      if (data.measure === 'tension' && data.value2 != null)
        return {
          ...base,
          component: [
            {
              code: { coding: [{ system: LOINC, code: '8480-6' }] },
              valueQuantity: quantity(data.value),
            },
            {
              code: { coding: [{ system: LOINC, code: '8462-4' }] },
              valueQuantity: quantity(data.value2),
            },
          ],
        };
      return { ...base, valueQuantity: quantity(data.value) };
    }
    case 'antecedent':
      return {
        resourceType: 'FamilyMemberHistory',
        status: 'completed',
        patient,
        relationship: { text: data.who },
        condition: [{ code: { text: data.what } }],
      };
    case 'groupe-sanguin':
      return {
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: LOINC, code: '882-1' }], text: 'Groupe sanguin' },
        subject: patient,
        valueString: data.group,
      };
    default:
      return null;
  }
}

/** The IPS document Bundle of the chosen rubriques; `ids` makes the urn:uuid identifiers. */
export function ipsBundle(content: SyntheseContent, newUuid: () => string): Json {
  const patientUrl = `urn:uuid:${newUuid()}`;
  const patientRef = { reference: patientUrl };
  const entries: Json[] = [];
  const composition: Json = {
    resourceType: 'Composition',
    status: 'final',
    type: { coding: [{ system: LOINC, code: '60591-5', display: 'Patient summary Document' }] },
    subject: patientRef,
    date: content.generatedAt.toISOString(),
    author: [patientRef],
    title: 'Synthèse du profil médical',
    section: content.rubriques.map((rubrique: MedicalProfile['rubriques'][number]) => {
      const refs: Json[] = [];
      for (const entry of rubrique.entries) {
        const resource = resourceOf(entry.data, patientRef);
        if (!resource) continue;
        const fullUrl = `urn:uuid:${newUuid()}`;
        entries.push({ fullUrl, resource });
        refs.push({ reference: fullUrl });
      }
      const section = sections[rubrique.code]!;
      return {
        title: section.title,
        code: { coding: [{ system: LOINC, code: section.code }] },
        text: narrative(
          rubrique.entries.map((e) => {
            const { title, detail } = describeEntry(e.data);
            return detail ? `${title} — ${detail}` : title;
          }),
        ),
        ...(refs.length > 0 ? { entry: refs } : {}),
        ...(rubrique.entries.length > 0
          ? {}
          : {
              emptyReason: {
                coding: [
                  {
                    system: 'http://terminology.hl7.org/CodeSystem/list-empty-reason',
                    code: rubrique.notConcerned ? 'nilknown' : 'unavailable',
                  },
                ],
              },
            }),
      };
    }),
  };
  const p = content.patient;
  return {
    resourceType: 'Bundle',
    identifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${newUuid()}` },
    type: 'document',
    timestamp: content.generatedAt.toISOString(),
    entry: [
      { fullUrl: `urn:uuid:${newUuid()}`, resource: composition },
      {
        fullUrl: patientUrl,
        resource: {
          resourceType: 'Patient',
          name: [{ family: p.lastName, given: [p.firstName] }],
          birthDate: p.birthDate,
        },
      },
      ...entries,
    ],
  };
}
