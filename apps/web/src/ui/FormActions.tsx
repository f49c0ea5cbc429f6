/** The buttons at the bottom of a form: the submit button and, optionally, "Annuler". */
import { Button } from '@codegouvfr/react-dsfr/Button';

/** Props: label of the submit button; `onCancel` adds an "Annuler" button. */
export interface FormActionsProps {
  submitLabel: string;
  onCancel?: () => void;
  pending?: boolean;
}

/** Right-aligned on wide screens, the primary action reading first. */
export function FormActions({ submitLabel, onCancel, pending = false }: FormActionsProps) {
  return (
    <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--right fr-btns-group--inline-reverse">
      <li>
        <Button type="submit" nativeButtonProps={{ 'aria-disabled': pending || undefined }}>
          {submitLabel}
        </Button>
      </li>
      {onCancel && (
        <li>
          <Button type="button" priority="secondary" onClick={onCancel}>
            Annuler
          </Button>
        </li>
      )}
    </ul>
  );
}
