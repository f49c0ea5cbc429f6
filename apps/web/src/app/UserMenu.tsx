/** Quick access item of the header: the person's name opening "Paramètres" and "Se déconnecter". */
import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { DisclosureMenu } from '../ui/DisclosureMenu.tsx';
import { useSession } from './session-context.ts';

/** `id` is set by the DSFR Header (one copy for desktop, one for the mobile menu). */
export function UserMenu({ id = 'user-menu', displayName }: { id?: string; displayName: string }) {
  const { signOut } = useSession();
  return (
    <DisclosureMenu
      id={id}
      listId={`${id}-menu`}
      variant="header"
      buttonClassName={fr.cx(
        'fr-btn',
        'fr-btn--tertiary',
        'fr-icon-account-circle-line',
        'fr-btn--icon-left',
      )}
      buttonContent={displayName}
    >
      <li>
        <Link className={fr.cx('fr-nav__link')} to="/parametres">
          Paramètres
        </Link>
      </li>
      <li>
        <button type="button" className={fr.cx('fr-nav__link')} onClick={() => void signOut()}>
          Se déconnecter
        </button>
      </li>
    </DisclosureMenu>
  );
}
