/** Ajouter un document de santé: placeholder until the rubrique is built. */
import { ComingSoon } from '../../../ui/ComingSoon.tsx';

/** "Cette rubrique sera bientôt disponible." */
export function AddDocumentPage() {
  return <ComingSoon title="Ajouter un document de santé" />;
}
