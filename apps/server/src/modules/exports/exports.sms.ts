/** The SMS telling a titulaire without e-mail that the archive is ready. */
import type { SmsMessage } from '../../platform/mail/outbox.ts';

/** "Vos données sont prêtes" by SMS. */
export function composeSms(to: string): SmsMessage {
  return {
    channel: 'sms',
    to,
    text: 'Carnet : vos données sont prêtes. Connectez-vous pour les télécharger (Paramètres › Télécharger mes données) dans les 7 jours.',
  };
}
