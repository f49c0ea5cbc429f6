/** Above every page while the person acts for someone else: whose profile, and in which role. */
import { Notice } from '@codegouvfr/react-dsfr/Notice';
import { useProfile } from '../profile-context.ts';

const roleText = {
  'representant-legal': 'en tant que représentant légal',
  aidant: 'en tant qu’aidant',
} as const;

/** Nothing on the person's own profile. */
export function ProfileBanner() {
  const { current } = useProfile();
  if (current.role === 'titulaire') return null;
  return (
    <Notice
      className="fr-mb-3w"
      title={`Vous agissez sur le profil de ${current.firstName} ${current.lastName} ${roleText[current.role]}.`}
    />
  );
}
