/** The e-mail "Vos données sont prêtes": no health data, a link to the page (signed-in download). */
import { composeEmail } from '../../platform/mail/compose.ts';
import type { EmailMessage } from '../../platform/mail/outbox.ts';

/** Where the person downloads the archive, relative to the public URL. */
export const EXPORT_PAGE = '/parametres/telecharger-mes-donnees';

const day = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' });

/** Tells the titulaire the archive can be downloaded until `expiresAt`. */
export function exportReadyMessage(input: {
  to: string;
  firstName: string;
  publicUrl: string;
  expiresAt: Date;
}): EmailMessage {
  return composeEmail({
    to: input.to,
    subject: 'Vos données sont prêtes',
    paragraphs: [
      `Bonjour ${input.firstName},`,
      'L’archive de vos données Carnet que vous avez demandée est prête.',
      `Vous pouvez la télécharger depuis Paramètres › Télécharger mes données, après vous être connecté, jusqu’au ${day.format(input.expiresAt)}. Elle sera ensuite supprimée.`,
    ],
    link: { label: 'Télécharger mes données', url: `${input.publicUrl}${EXPORT_PAGE}` },
  });
}
