/** Server state of the access screens (TanStack Query): the lists, one professional, the emergency toggles. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EmergencySettings } from '@carnet/shared';
import {
  changeAccess,
  getAccessList,
  getEmergencySettings,
  getProfessionalDetail,
  saveEmergencySettings,
  searchDirectory,
} from './api.ts';
import type { AccessChange } from './api.ts';

const accessKeys = {
  all: ['access'] as const,
  list: ['access', 'professionals'] as const,
  detail: (psId: string) => ['access', 'professionals', psId] as const,
  directory: (q: string) => ['access', 'directory', q] as const,
  emergency: ['access', 'emergency'] as const,
};

/** "Autorisé(s)" and "Bloqué(s)". */
export function useAccessList() {
  return useQuery({ queryKey: accessKeys.list, queryFn: getAccessList });
}

/** One change of a professional's access; the lists shown are the server's answer. */
export function useChangeAccess() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ psId, change }: { psId: string; change: AccessChange }) =>
      changeAccess(psId, change),
    onSuccess: (list, { psId }) => {
      client.setQueryData(accessKeys.list, list);
      void client.invalidateQueries({ queryKey: accessKeys.detail(psId) });
    },
  });
}

/** One professional's page. */
export function useProfessionalDetail(psId: string) {
  return useQuery({
    queryKey: accessKeys.detail(psId),
    queryFn: () => getProfessionalDetail(psId),
  });
}

/** The directory search for `q` (nothing until a search is made). */
export function useDirectorySearch(q: string | undefined) {
  return useQuery({
    queryKey: accessKeys.directory(q ?? ''),
    queryFn: () => searchDirectory(q ?? ''),
    enabled: q !== undefined,
  });
}

/** The three emergency toggles. */
export function useEmergencySettings() {
  return useQuery({ queryKey: accessKeys.emergency, queryFn: getEmergencySettings });
}

/**
 * Saves the toggles. `masked` needs `samu` or `others` (PRODUCT.md "Emergency access"): turning
 * both off turns it off before anything is sent.
 */
export function useSaveEmergencySettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (next: EmergencySettings) =>
      saveEmergencySettings(next.samu || next.others ? next : { ...next, masked: false }),
    onSuccess: (saved) => client.setQueryData(accessKeys.emergency, saved),
    onError: () => client.invalidateQueries({ queryKey: accessKeys.emergency }),
  });
}
