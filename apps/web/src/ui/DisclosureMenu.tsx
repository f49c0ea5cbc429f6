/**
 * A button that shows and hides a list of choices (ARIA disclosure pattern), for the header's
 * user menu and the "⋮" menu of a line. Escape, a click outside or focus leaving closes it;
 * Escape and a choice put focus back on the button (RGAA 7.1, 12.8).
 */
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import './disclosure-menu.css';

/** Props: ids, the button's look and name, the list's items (given a `close`). */
export interface DisclosureMenuProps {
  /** Id of the wrapper (the DSFR Header sets one per copy: desktop and mobile menu). */
  id?: string;
  /** Id of the button (a page may focus it again after a change). */
  buttonId?: string;
  /** Id of the list (`aria-controls`). */
  listId: string;
  /** `header`: the user menu of the DSFR header; `inline`: "⋮" at the end of a line. */
  variant: 'header' | 'inline';
  buttonClassName: string;
  /** The button's accessible name when its content is not text ("⋮"). */
  buttonLabel?: string;
  buttonContent: ReactNode;
  /** The `<li>` items; choosing one (a link or a button) closes the list, focus on the button. */
  children: ReactNode;
}

/** Closed by default; each one closes when focus leaves it. */
export function DisclosureMenu(props: DisclosureMenuProps) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

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

  const variant =
    props.variant === 'header'
      ? 'carnet-disclosure-menu--header'
      : 'carnet-disclosure-menu--overlay carnet-disclosure-menu--inline';

  return (
    <div
      id={props.id}
      ref={root}
      className={`carnet-disclosure-menu ${variant}`}
      onBlur={(event) => {
        if (!root.current?.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={button}
        id={props.buttonId}
        type="button"
        className={props.buttonClassName}
        aria-label={props.buttonLabel}
        title={props.buttonLabel}
        aria-expanded={open}
        aria-controls={props.listId}
        onClick={() => setOpen((value) => !value)}
      >
        {props.buttonContent}
      </button>
      <ul
        id={props.listId}
        className="carnet-disclosure-menu__list"
        hidden={!open}
        // Capture: the list closes before the choice acts (a choice may open a dialog).
        onClickCapture={(event) => {
          if (!(event.target instanceof Element) || !event.target.closest('a, button')) return;
          setOpen(false);
          button.current?.focus();
        }}
      >
        {props.children}
      </ul>
    </div>
  );
}
