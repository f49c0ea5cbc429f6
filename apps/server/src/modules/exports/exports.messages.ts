/** The e-mail "Vos données sont prêtes": no health data, a link to the page (signed-in download). */
import { composeEmail } from '../../platform/mail/compose.ts';
import type { EmailMessage } from '../../platform/mail/outbox.ts';

/** Where the person downloads the archive, relative to the public URL. */
export const EXPORT_PAGE = '/parametres/telecharger-mes-donnees';

const day = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' });

/**
 * Tells the requester the archive can be downloaded until `expiresAt`; `profileFirstName` when
 * she asked for the profile of a child she represents.
 */
export function exportReadyMessage(input: {
  to: string;
  firstName: string;
  publicUrl: string;
  expiresAt: Date;
  profileFirstName?: string;
}): EmailMessage {
  return composeEmail({
    to: input.to,
    subject: 'Vos données sont prêtes',
    paragraphs: [
      `Bonjour ${input.firstName},`,
      input.profileFirstName
        ? `L’archive des données Carnet du profil de ${input.profileFirstName} que vous avez demandée est prête.`
        : 'L’archive de vos données Carnet que vous avez demandée est prête.',
      `Vous pouvez la télécharger depuis Paramètres › Télécharger mes données, après vous être connecté, jusqu’au ${day.format(input.expiresAt)}. Elle sera ensuite supprimée.`,
    ],
    link: { label: 'Télécharger mes données', url: `${input.publicUrl}${EXPORT_PAGE}` },
  });
}
