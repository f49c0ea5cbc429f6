/** Profil médical: placeholder until the rubrique is built. */
import { ComingSoon } from '../../../ui/ComingSoon.tsx';

/** "Cette rubrique sera bientôt disponible." */
export function MedicalProfilePage() {
  return <ComingSoon title="Profil médical" />;
}
