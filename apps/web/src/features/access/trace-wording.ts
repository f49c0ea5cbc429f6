/** French wording of a professional's traces on the patient's per-professional page. */
import type { ProfessionalTrace } from '@carnet/shared';

const actionLabels: Record<string, string> = {
  'access.consent': "Autorisation enregistrée lors d'une consultation",
  'access.emergency_open': "Accès en cas d'urgence",
  'access.block': "Blocage d'un professionnel de santé",
  'record.read': 'Consultation du dossier',
  'patient.search': 'Recherche du dossier',
  'document.list': 'Consultation de la liste des documents',
  'document.read': "Consultation d'un document",
  'document.download': "Téléchargement d'un document",
  'document.add': "Ajout d'un document",
  'document.update': "Modification d'un document",
  'document.delete': "Suppression d'un document",
  'document.mask': "Masquage d'un document",
};

/** Label of an action; an action this version does not know keeps its code. */
export function traceActionLabel(action: string): string {
  return actionLabels[action] ?? action;
}

/** "Normal" or "Urgence". */
export const traceModeLabels: Record<ProfessionalTrace['mode'], string> = {
  normal: 'Normal',
  urgence: 'Urgence',
};

/** "Effectué", "Refusé" (a denied attempt) or "Échec". */
export const traceOutcomeLabels: Record<ProfessionalTrace['outcome'], string> = {
  success: 'Effectué',
  denied: 'Refusé',
  failure: 'Échec',
};
