/** Documents: placeholder until the rubrique is built. */
import { ComingSoon } from '../../../ui/ComingSoon.tsx';

/** "Cette rubrique sera bientôt disponible." */
export function DocumentsPage() {
  return <ComingSoon title="Documents" />;
}
