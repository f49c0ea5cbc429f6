/**
 * Paramètres › Confidentialité: "Masquer par défaut les nouveaux documents" (PRODUCT.md
 * "Masquer": a setting masks all new documents by default). Placed by the Confidentialité page.
 */
import { useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { ToggleSwitch } from '@codegouvfr/react-dsfr/ToggleSwitch';
import { errorMessage } from '../../../ui/server-errors.ts';
import { useDocumentSettings, useSaveDocumentSettings } from '../hooks.ts';

/** Saved on each change; "Mise à jour effectuée" is announced, a failure puts the switch back. */
export function MaskByDefaultToggle() {
  const query = useDocumentSettings();
  const save = useSaveDocumentSettings();
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string }>();

  if (query.isPending) return <p role="status">Chargement en cours…</p>;
  if (query.isError)
    return <Alert severity="error" small description={errorMessage(query.error)} />;
  // The choice being saved shows at once; a refusal brings back what the server holds.
  const checked = (save.isPending ? save.variables : query.data).maskNewDocumentsByDefault;

  const change = (next: boolean) => {
    if (save.isPending) return;
    setOutcome(undefined);
    save.mutate(
      { maskNewDocumentsByDefault: next },
      {
        onSuccess: () => setOutcome({ ok: true, message: 'Mise à jour effectuée' }),
        onError: (error) => setOutcome({ ok: false, message: errorMessage(error) }),
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
