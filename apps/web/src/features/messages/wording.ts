/** French wording and formats of the messaging. */
import { ApiError, unavailableMessage } from '../../app/http.ts';

const dateTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  dateStyle: 'short',
  timeStyle: 'short',
});

/** "07/12/2026 10:05". */
export const formatWhen = (iso: string) => dateTime.format(new Date(iso));

/** "2 non lus". */
export const unreadLabel = (n: number) => `${n} non ${n > 1 ? 'lus' : 'lu'}`;

/** "1,2 Mo", "350 ko". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024)
    return `${(bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
  return `${Math.max(1, Math.round(bytes / 1024))} ko`;
}

/** The French message of a failed request. */
export const errorMessage = (error: unknown): string =>
  error instanceof ApiError ? error.message : unavailableMessage;

/** Shown when an exchange was closed. */
export const closedNotice =
  'Cet échange a été clôturé par le professionnel de santé. Vous ne pouvez plus y répondre.';
