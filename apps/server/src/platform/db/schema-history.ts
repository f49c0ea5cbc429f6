/** Tables of the history domain: notification preferences and the keys of notifications sent. */

/** The switchable e-mail notifications of a patient (PRODUCT.md "Notifications e-mail"); no row = all on. */
export interface NotificationPreferencesTable {
  patient_id: string;
  messages: number;
  documents_by_professional: number;
  reminders: number;
  updated_at: string;
}

/** One key per notification that must leave at most once per day (a PS's first access of the day). */
export interface NotificationSentKeysTable {
  patient_id: string;
  kind: string;
  subject_id: string;
  /** Day in Europe/Paris, YYYY-MM-DD. */
  day: string;
  created_at: string;
}

/** The history tables. */
export interface HistoryDatabase {
  notification_preferences: NotificationPreferencesTable;
  notification_sent_keys: NotificationSentKeysTable;
}
