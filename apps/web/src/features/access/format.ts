/** Wording shared by the access screens: names, statuses and dates as the guide writes them. */
import type { AccessEntry, ProfessionalSummary } from '@carnet/shared';

/** "Nom Prénom", the order of the guide's lists ("Ndiaye Adama"). */
export function fullName({
  lastName,
  firstName,
}: Pick<ProfessionalSummary, 'lastName' | 'firstName'>): string {
  return `${lastName} ${firstName}`;
}

/** Badge text of each status. */
export const statusLabels: Record<AccessEntry['status'], string> = {
  administrateur: 'Administrateur',
  autorise: 'Autorisé',
  bloque: 'Bloqué',
};

/** DSFR Badge colour of each status (the same on the lists and on a professional's page). */
export const statusBadgeSeverity = {
  administrateur: 'new',
  autorise: 'success',
  bloque: 'error',
} as const;

const shortDate = new Intl.DateTimeFormat('fr-FR', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short' });

/** `dd/mm/yyyy`; a calendar date (`YYYY-MM-DD`) is shown as is, never shifted by the time zone. */
export function formatDay(iso: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (day) return `${day[3]}/${day[2]}/${day[1]}`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : shortDate.format(date);
}

/** "12 avril 2026 à 14:05" for traces and the end of an emergency window. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** "Médecin — Médecine générale" (the specialty when there is one). */
export function professionText({
  professionLabel,
  specialty,
}: Pick<ProfessionalSummary, 'professionLabel' | 'specialty'>): string {
  return specialty ? `${professionLabel} — ${specialty}` : professionLabel;
}
