/** "Messages" in the navigation with its unread count. */
import type { Side } from '../api.ts';
import { useUnreadCount } from '../hooks.ts';
import { unreadLabel } from '../wording.ts';

/** The label, then a badge when something is unread. */
export function MessagesNavLabel(props: { side: Side; label: string }) {
  const unread = useUnreadCount(props.side).data?.unread ?? 0;
  return (
    <>
      {props.label}
      {unread > 0 && (
        <span className="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon fr-ml-1w">
          {unreadLabel(unread)}
        </span>
      )}
    </>
  );
}
