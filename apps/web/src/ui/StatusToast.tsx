/**
 * The toast of the guide ("Mise à jour effectuée ×"): a live region present from the first
 * render, so that screen readers announce each message put in it (RGAA 7.5).
 */
import { useImperativeHandle, useRef } from 'react';
import type { Ref } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { Toast } from './use-toast.ts';

/** Props: the current toast, how to close it, and a ref to focus it when its trigger is gone. */
export interface StatusToastProps {
  toast: Toast | undefined;
  onClose: () => void;
  ref?: Ref<HTMLDivElement | null>;
}

/** Polite for a success, assertive for a failure; closing it leaves focus on the region. */
export function StatusToast({ toast, onClose, ref }: StatusToastProps) {
  const region = useRef<HTMLDivElement>(null);
  useImperativeHandle<HTMLDivElement | null, HTMLDivElement | null>(ref, () => region.current, []);
  return (
    <div ref={region} tabIndex={-1} aria-live="polite">
      {toast && (
        <Alert
          key={toast.key}
          className="fr-mb-3w"
          severity={toast.severity}
          role={toast.severity === 'error' ? 'alert' : undefined}
          small
          closable
          onClose={() => {
            // The close button disappears with the toast: keep focus in the same place.
            region.current?.focus();
            onClose();
          }}
          description={toast.message}
        />
      )}
    </div>
  );
}
