/** Server state of the medical profile (TanStack Query). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getProfile } from './api.ts';

/** The query key of the profile. */
export const profileKey = ['medical-profile'] as const;

/** The whole profile. */
export function useProfile() {
  return useQuery({ queryKey: profileKey, queryFn: getProfile });
}

/** A mutation that reloads the profile once it succeeds. */
export function useProfileMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: profileKey }),
  });
}
