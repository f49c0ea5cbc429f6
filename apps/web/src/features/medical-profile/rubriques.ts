/** What each rubrique page shows: its entry types and the wording of its forms. */
import type { ProfileEntryType, ProfileRubrique } from '@carnet/shared';

/** The entry types of a rubrique, with the heading of their form. */
export const rubriqueForms: Record<ProfileRubrique, { type: ProfileEntryType; title: string }[]> = {
  maladies: [{ type: 'maladie', title: 'Ajouter une maladie ou un sujet de santé' }],
  traitements: [{ type: 'traitement', title: 'Ajouter un traitement' }],
  allergies: [{ type: 'allergie', title: 'Ajouter une allergie' }],
  hospitalisations: [{ type: 'hospitalisation', title: 'Ajouter une hospitalisation' }],
  handicaps: [{ type: 'handicap', title: 'Ajouter un handicap' }],
  'antecedents-familiaux': [{ type: 'antecedent', title: 'Ajouter un antécédent familial' }],
  'groupe-sanguin': [{ type: 'groupe-sanguin', title: 'Indiquer mon groupe sanguin' }],
  vaccinations: [{ type: 'vaccination', title: 'Ajouter une vaccination' }],
  mesures: [{ type: 'mesure', title: 'Ajouter une mesure' }],
  entourage: [
    { type: 'contact', title: 'Ajouter un contact' },
    { type: 'directives', title: 'Mes directives anticipées' },
    { type: 'don-organes', title: 'Don d’organes' },
  ],
};

/** The URL of a rubrique's page. */
export const rubriquePath = (code: ProfileRubrique) => `/profil-medical/${code}`;
