/**
 * The "⋮" menu of a line: a real button (disclosure pattern) opening a list of buttons.
 * Escape or a choice closes it and puts focus back on the "⋮" button (RGAA 7.1, 12.8).
 */
import { useEffect, useRef, useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import './actions-menu.css';

/** One choice of the menu. */
export interface MenuAction {
  label: string;
  onSelect: () => void;
}

/** Props: `id` of the "⋮" button (the page focuses it again after a change), its name, the choices. */
export interface ActionsMenuProps {
  id: string;
  label: string;
  actions: readonly MenuAction[];
}

/** Closed by default; one open at a time is enough, each closes when focus leaves it. */
export function ActionsMenu({ id, label, actions }: ActionsMenuProps) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const listId = `${id}-liste`;

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      trigger.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const choose = (action: MenuAction) => {
    setOpen(false);
    trigger.current?.focus();
    action.onSelect();
  };

  return (
    <div
      ref={root}
      className="carnet-actions-menu"
      onBlur={(event) => {
        if (!root.current?.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={trigger}
        id={id}
        type="button"
        className={fr.cx('fr-btn', 'fr-btn--tertiary-no-outline', 'fr-btn--sm')}
        aria-label={label}
        title={label}
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((value) => !value)}
      >
        <span aria-hidden="true" className="carnet-actions-menu__dots">
          ⋮
        </span>
      </button>
      <ul id={listId} className="carnet-actions-menu__list" hidden={!open}>
        {actions.map((action) => (
          <li key={action.label}>
            <button
              type="button"
              className={fr.cx('fr-btn', 'fr-btn--tertiary-no-outline')}
              onClick={() => choose(action)}
            >
              {action.label}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
