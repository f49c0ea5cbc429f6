/**
 * Paramètres › Confidentialité: "Masquer par défaut les nouveaux documents" (PRODUCT.md
 * "Masquer": a setting masks all new documents by default). Placed by the Confidentialité page.
 */
import { useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { ToggleSwitch } from '@codegouvfr/react-dsfr/ToggleSwitch';
import { toFormErrors } from '../../../ui/form-errors.ts';
import { saveDocumentSettings } from '../api.ts';
import { useDocumentSettings } from '../hooks.ts';

/** Saved on each change; "Mise à jour effectuée" is announced, a failure puts the switch back. */
export function MaskByDefaultToggle() {
  const { state, replace } = useDocumentSettings();
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string }>();

  if (state.status === 'loading') return <p role="status">Chargement en cours…</p>;
  if (state.status === 'error') return <Alert severity="error" small description={state.message} />;
  const checked = state.data.maskNewDocumentsByDefault;

  const change = (next: boolean) => {
    if (pending) return;
    setPending(true);
    setOutcome(undefined);
    replace({ maskNewDocumentsByDefault: next });
    saveDocumentSettings({ maskNewDocumentsByDefault: next }).then(
      (saved) => {
        setPending(false);
        replace(saved);
        setOutcome({ ok: true, message: 'Mise à jour effectuée' });
      },
      (error: unknown) => {
        setPending(false);
        replace({ maskNewDocumentsByDefault: !next });
        setOutcome({ ok: false, message: toFormErrors(error).message ?? '' });
      },
    );
  };

  return (
    <div>
      <ToggleSwitch
        label="Masquer par défaut les nouveaux documents"
        helperText="Les documents que j'ajouterai seront masqués aux professionnels de santé. Je pourrai les rendre visibles à tout moment, un par un ou plusieurs à la fois."
        checked={checked}
        onChange={change}
        labelPosition="left"
      />
      <div aria-live="polite">
        {outcome && (
          <Alert
            className="fr-mt-2w"
            severity={outcome.ok ? 'success' : 'error'}
            small
            description={outcome.message}
          />
        )}
      </div>
    </div>
  );
}
