/** Server state of Historique d'activité (TanStack Query): pages of 100 lines, "Afficher plus". */
import { useInfiniteQuery } from '@tanstack/react-query';
import type { HistoryFilter } from '@carnet/shared';
import { getHistoryPage } from './api.ts';

/** The pages of a tab and period; `fetchNextPage` appends the next one ("Afficher plus"). */
export function useHistory({ tab, from, to }: HistoryFilter) {
  return useInfiniteQuery({
    queryKey: ['history', tab, from ?? '', to ?? ''],
    queryFn: ({ pageParam }) => getHistoryPage({ tab, from, to, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    select: (data) => data.pages.flatMap((page) => page.entries),
  });
}
