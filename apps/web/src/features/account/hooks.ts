/** Server state of the account settings (TanStack Query). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { endSession, listSessions } from './api.ts';

const sessionsKey = ['account', 'sessions'] as const;

/** The account's sessions. */
export function useSessions() {
  return useQuery({ queryKey: sessionsKey, queryFn: listSessions });
}

/** "Déconnecter" one session; the list is asked again. */
export function useEndSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: endSession,
    onSettled: () => client.invalidateQueries({ queryKey: sessionsKey }),
  });
}
