/** Wire schemas of Historique d'activité and Notifications e-mail (PRODUCT.md). */
import { z } from 'zod';
import { isoDateSchema } from './auth.ts';

/** The three tabs of Historique d'activité. */
export const historyTabs = {
  professionnels: 'Professionnels',
  'mes-activites': 'Mes activités',
  proches: 'Représentants légaux et aidants',
} as const;

/** One tab code. */
export type HistoryTab = keyof typeof historyTabs;

/** A tab code on the wire. */
export const historyTabSchema = z.enum(Object.keys(historyTabs) as [HistoryTab, ...HistoryTab[]], {
  error: 'Onglet inconnu',
});

/** The selection: a tab and a period of days (both bounds included, Europe/Paris). */
export const historyFilterSchema = z
  .strictObject({
    tab: historyTabSchema,
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'La date de début doit précéder la date de fin',
    path: ['to'],
  });
export type HistoryFilter = z.infer<typeof historyFilterSchema>;

/** A page request: the selection and the opaque cursor of "Afficher plus". */
export const historyQuerySchema = z
  .strictObject({
    tab: historyTabSchema,
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    cursor: z
      .string()
      .max(200)
      .regex(/^[A-Za-z0-9_-]+$/, 'Curseur invalide')
      .optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'La date de début doit précéder la date de fin',
    path: ['to'],
  });
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

/** Who acted, as the patient reads it. */
export const historyActorSchema = z.strictObject({
  type: z.enum([
    'patient',
    'professional',
    'legal-representative',
    'aidant',
    'operator',
    'system',
    'anonymous',
  ]),
  /** "Ndiaye Adama", "Inaya Michel", "Carnet"… */
  name: z.string(),
  /** French label of the profession for a professional ("Médecin"), else null. */
  profession: z.string().nullable(),
  rpps: z.string().nullable(),
});
export type HistoryActor = z.infer<typeof historyActorSchema>;

/** One line of the history. */
export const historyEntrySchema = z.strictObject({
  id: z.string(),
  /** ISO-8601 UTC. */
  at: z.string(),
  actor: historyActorSchema,
  /** The action code (`document.read`) and its plain French label ("Consultation du document"). */
  action: z.string(),
  label: z.string(),
  /** On which document or rubrique, in French; null when the action has no object. */
  target: z.string().nullable(),
  mode: z.enum(['normal', 'urgence']),
  /** The reason given for an emergency access. */
  reason: z.string().nullable(),
  outcome: z.enum(['success', 'denied', 'failure']),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** A page of 100 lines, newest first; `nextCursor` is null on the last page. */
export const historyPageSchema = z.strictObject({
  entries: z.array(historyEntrySchema),
  nextCursor: z.string().nullable(),
});
export type HistoryPage = z.infer<typeof historyPageSchema>;

/** Lines per page ("Afficher plus"). */
export const HISTORY_PAGE_SIZE = 100;

/** The switchable e-mail notifications; every other notification is always sent. */
export const notificationPreferencesSchema = z.strictObject({
  messages: z.boolean(),
  documentsByProfessional: z.boolean(),
  reminders: z.boolean(),
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

const parisFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
});

function parisParts(date: Date): { day: string; hour: number } {
  const parts = Object.fromEntries(parisFormat.formatToParts(date).map((p) => [p.type, p.value]));
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

/** The calendar day (YYYY-MM-DD) of an instant in France (Europe/Paris). */
export function parisDay(date: Date): string {
  return parisParts(date).day;
}

/** The instant a French calendar day starts (00:00 Europe/Paris, UTC+1 or UTC+2). */
export function parisDayStart(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const midnightUtc = Date.UTC(y, m - 1, d);
  // Clocks change at 02:00 or 03:00 in France, so midnight exists once at one of the two offsets.
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(midnightUtc - offsetHours * 3_600_000);
    const parts = parisParts(candidate);
    if (parts.day === day && parts.hour === 0) return candidate;
  }
  return new Date(midnightUtc);
}
