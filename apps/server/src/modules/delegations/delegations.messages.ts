/** E-mails of the delegations module: short, French, no health data. */
import { composeEmail } from '../../platform/mail/compose.ts';
import type { EmailMessage } from '../../platform/mail/outbox.ts';

/** An invitation to become second legal representative or aidant. */
export function invitationMessage(input: {
  to: string;
  kind: 'representant-legal' | 'aidant';
  from: string;
  publicUrl: string;
}): EmailMessage {
  const what =
    input.kind === 'aidant' ? 'aidant' : 'représentant légal d’un profil rattaché à Carnet';
  return composeEmail({
    to: input.to,
    subject: 'Invitation à partager un profil Carnet',
    paragraphs: [
      'Bonjour,',
      `${input.from} vous invite à devenir ${what}. Connectez-vous à votre profil Carnet, rubrique Paramètres › Partage du profil, pour accepter ou refuser cette invitation. Elle expire dans 30 jours.`,
    ],
    link: { label: 'Partage du profil', url: `${input.publicUrl}/parametres/partage` },
  });
}

/** A representation or an aid ended (revocation or majority). */
export function accessEndedMessage(input: { to: string; who: string }): EmailMessage {
  return composeEmail({
    to: input.to,
    subject: 'Fin d’un accès à un profil Carnet',
    paragraphs: [
      'Bonjour,',
      `Votre accès au profil de ${input.who} a pris fin. Vous pouvez consulter le détail dans Paramètres › Partage du profil.`,
    ],
  });
}

/** The young adult's profile is now her own. */
export function majorityMessage(input: { to: string; firstName: string }): EmailMessage {
  return composeEmail({
    to: input.to,
    subject: 'Le profil Carnet de votre enfant devient autonome',
    paragraphs: [
      'Bonjour,',
      `${input.firstName} a 18 ans : son profil Carnet n’est plus rattaché à ses représentants légaux. Un code d’activation lui est envoyé séparément pour activer son propre compte.`,
    ],
  });
}
