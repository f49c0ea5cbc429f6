/** One line of "Informations personnelles": label, value and an optional "Modifier" button. */
import type { ReactNode } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import './info-row.css';

/** The "Modifier" button: `what` completes its accessible name ("Modifier l'adresse e-mail"). */
export interface EditAction {
  what: string;
  panelId: string;
  expanded: boolean;
  onClick: () => void;
  buttonId: string;
}

/** Props: label, value, and the edit action when the value can change. */
export interface InfoRowProps {
  label: string;
  value: ReactNode;
  edit?: EditAction;
}

/** A `<div>` of `<dt>`/`<dd>` inside the section's `<dl>`. */
export function InfoRow({ label, value, edit }: InfoRowProps) {
  return (
    <div className="fr-grid-row fr-grid-row--middle carnet-info-row">
      <dt className="fr-col-12 fr-col-sm-5">{label}</dt>
      <dd className="fr-col">{value}</dd>
      {edit && (
        <dd className="fr-col-auto">
          <Button
            priority="tertiary no outline"
            size="small"
            iconId="fr-icon-edit-line"
            onClick={edit.onClick}
            nativeButtonProps={{ 'aria-expanded': edit.expanded, 'aria-controls': edit.panelId }}
          >
            Modifier<span className="fr-sr-only"> {edit.what}</span>
          </Button>
        </dd>
      )}
    </div>
  );
}
