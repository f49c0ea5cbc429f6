/** Quick access item of the header: the person's name opening "Paramètres" and "Se déconnecter". */
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { useSession } from './session-context.ts';
import './user-menu.css';

/** `id` is set by the DSFR Header (one copy for desktop, one for the mobile menu). */
export function UserMenu({ id = 'user-menu', displayName }: { id?: string; displayName: string }) {
  const { signOut } = useSession();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menuId = `${id}-menu`;

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div
      id={id}
      ref={root}
      className="carnet-user-menu"
      onBlur={(event) => {
        if (!root.current?.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className={fr.cx(
          'fr-btn',
          'fr-btn--tertiary',
          'fr-icon-account-circle-line',
          'fr-btn--icon-left',
        )}
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((value) => !value)}
      >
        {displayName}
      </button>
      <ul id={menuId} className="carnet-user-menu__list" hidden={!open}>
        <li>
          <Link className={fr.cx('fr-nav__link')} to="/parametres" onClick={() => setOpen(false)}>
            Paramètres
          </Link>
        </li>
        <li>
          <button type="button" className={fr.cx('fr-nav__link')} onClick={() => void signOut()}>
            Se déconnecter
          </button>
        </li>
      </ul>
    </div>
  );
}
