/** Messages: placeholder until the rubrique is built. */
import { ComingSoon } from '../../../ui/ComingSoon.tsx';

/** "Cette rubrique sera bientôt disponible." */
export function MessagesPage() {
  return <ComingSoon title="Messages" />;
}
