/** Server state of Notifications e-mail (TanStack Query). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getPreferences, savePreferences } from './api.ts';

const preferencesKey = ['notifications', 'preferences'] as const;

/** The switchable e-mail notifications. */
export function useNotificationPreferences() {
  return useQuery({ queryKey: preferencesKey, queryFn: getPreferences });
}

/** Saves them all at once; the list shows what the server stored (or what it had, on failure). */
export function useSavePreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: savePreferences,
    onSuccess: (saved) => client.setQueryData(preferencesKey, saved),
  });
}
