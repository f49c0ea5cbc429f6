/** HTTP calls of Notifications e-mail (the only HTTP of this feature). */
import { notificationPreferencesSchema } from '@carnet/shared';
import type { NotificationPreferences } from '@carnet/shared';
import { getJson, sendJson } from '../../app/http.ts';

/** The switchable e-mail notifications of the record. */
export function getPreferences(): Promise<NotificationPreferences> {
  return getJson('/api/notifications/preferences', notificationPreferencesSchema);
}

/** Saves them all at once; the server answers what it stored. */
export function savePreferences(next: NotificationPreferences): Promise<NotificationPreferences> {
  return sendJson('PUT', '/api/notifications/preferences', next, notificationPreferencesSchema);
}
