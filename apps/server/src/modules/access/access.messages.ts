/** E-mails of the access domain: French, short, with no health data (PRODUCT.md "Notifications"). */
import { composeEmail } from '../../platform/mail/compose.ts';
import type { EmailMessage } from '../../platform/mail/outbox.ts';

const parisTime = (iso: string) =>
  new Intl.DateTimeFormat('fr-FR', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(new Date(iso));

/** To the patient, at once, on every emergency access ("Je serai notifié à chaque accès"). */
export function emergencyAccessPatientMessage(input: {
  to: string;
  openedAt: string;
  publicUrl: string;
}): EmailMessage {
  return composeEmail({
    to: input.to,
    subject: 'Accès en cas d’urgence à votre profil Carnet',
    paragraphs: [
      'Bonjour,',
      `Un professionnel de santé a accédé à votre profil Carnet en mode urgence le ${parisTime(input.openedAt)}.`,
      'Vous pouvez consulter le détail de cet accès dans votre historique d’activité, et gérer l’accès en cas d’urgence dans vos paramètres de confidentialité.',
    ],
    link: { label: 'Accéder à Carnet', url: `${input.publicUrl}/connexion` },
  });
}

/** To the médecin traitant, at once, on every emergency access to one of its patients' records. */
export function emergencyAccessMedecinTraitantMessage(input: {
  to: string;
  openedAt: string;
  publicUrl: string;
}): EmailMessage {
  return composeEmail({
    to: input.to,
    subject: 'Accès en cas d’urgence au profil d’un de vos patients',
    paragraphs: [
      'Bonjour,',
      `Un professionnel de santé a accédé en mode urgence, le ${parisTime(input.openedAt)}, au profil Carnet d’un patient dont vous êtes le médecin traitant.`,
      'Connectez-vous à l’espace professionnel pour consulter les traces d’accès de ce profil.',
    ],
    link: { label: 'Espace professionnel', url: `${input.publicUrl}/pro` },
  });
}
