/**
 * The "⋮" menu of a line: a real button (disclosure pattern) opening a list of buttons.
 * Escape or a choice closes it and puts focus back on the "⋮" button (RGAA 7.1, 12.8).
 */
import { fr } from '@codegouvfr/react-dsfr';
import { DisclosureMenu } from '../../../ui/DisclosureMenu.tsx';
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
  return (
    <DisclosureMenu
      buttonId={id}
      listId={`${id}-liste`}
      variant="inline"
      buttonClassName={fr.cx('fr-btn', 'fr-btn--tertiary-no-outline', 'fr-btn--sm')}
      buttonLabel={label}
      buttonContent={
        <span aria-hidden="true" className="carnet-actions-menu__dots">
          ⋮
        </span>
      }
    >
      {actions.map((action) => (
        <li key={action.label}>
          <button
            type="button"
            className={fr.cx('fr-btn', 'fr-btn--tertiary-no-outline')}
            onClick={action.onSelect}
          >
            {action.label}
          </button>
        </li>
      ))}
    </DisclosureMenu>
  );
}
