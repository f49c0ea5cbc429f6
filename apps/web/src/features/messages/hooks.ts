/** Server state of the messaging through TanStack Query: one key per list, count and conversation. */
import { useQuery } from '@tanstack/react-query';
import type { Side } from './api.ts';
import { getConversation, getUnreadCount, listConversations } from './api.ts';

/** Query keys of the messaging; invalidating `['messages', side]` refreshes everything of a side. */
export const messagesKeys = {
  all: (side: Side) => ['messages', side] as const,
  list: (side: Side, q: string, archived: boolean) =>
    ['messages', side, 'list', q, archived] as const,
  unread: (side: Side) => ['messages', side, 'unread'] as const,
  conversation: (side: Side, id: string) => ['messages', side, 'conversation', id] as const,
};

/** The unread count of the navigation, refreshed every minute. */
export function useUnreadCount(side: Side, enabled = true) {
  return useQuery({
    queryKey: messagesKeys.unread(side),
    queryFn: () => getUnreadCount(side),
    refetchInterval: 60_000,
    enabled,
  });
}

/** An inbox. */
export function useConversations(side: Side, q: string, archived: boolean) {
  return useQuery({
    queryKey: messagesKeys.list(side, q, archived),
    queryFn: () => listConversations(side, { q, archived }),
  });
}

/** One conversation (reading it marks it read, so the count is refreshed by the caller). */
export function useConversation(side: Side, id: string) {
  return useQuery({
    queryKey: messagesKeys.conversation(side, id),
    queryFn: () => getConversation(side, id),
  });
}
