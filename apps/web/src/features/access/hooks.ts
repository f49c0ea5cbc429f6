/** Hooks of the access screens: the lists, the emergency toggles and the "Mise à jour effectuée" toast. */
import { useCallback, useEffect, useState } from 'react';
import type { EmergencySettings } from '@carnet/shared';
import { toFormErrors } from '../../ui/form-errors.ts';
import { changeAccess, getAccessList, getEmergencySettings, saveEmergencySettings } from './api.ts';
import type { AccessChange } from './api.ts';

/** Something loaded from the server, as it loads. */
export type Loaded<T> =
  { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; value: T };

/** Message of a failed call, in French. */
export function errorMessage(error: unknown): string {
  return toFormErrors(error).message ?? 'La mise à jour a échoué.';
}

/** Loads a value once per `key` change; `set` replaces it after a change made here. */
export function useLoaded<T>(load: () => Promise<T>, key: unknown = 0) {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    void load().then(
      (value) => {
        if (live) setState({ status: 'ready', value });
      },
      (error: unknown) => {
        if (live) setState({ status: 'error', message: errorMessage(error) });
      },
    );
    return () => {
      live = false;
    };
    // `load` is a stable module function or recreated with `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const set = useCallback((value: T) => setState({ status: 'ready', value }), []);
  return { state, set };
}

/** "Autorisé(s)" and "Bloqué(s)"; `change` applies one change and shows the new lists. */
export function useAccessList() {
  const { state, set } = useLoaded(getAccessList);
  const change = useCallback(
    async (psId: string, what: AccessChange) => set(await changeAccess(psId, what)),
    [set],
  );
  return { state, change };
}

/**
 * The three emergency toggles. `masked` needs `samu` or `others` (PRODUCT.md "Emergency
 * access"): turning both off turns it off before anything is sent.
 */
export function useEmergencySettings() {
  const { state, set } = useLoaded(getEmergencySettings);
  const save = useCallback(
    async (next: EmergencySettings) => {
      const consistent = next.samu || next.others ? next : { ...next, masked: false };
      set(await saveEmergencySettings(consistent));
    },
    [set],
  );
  return { state, save };
}

/** A short message announced in the page's live region. */
export interface Toast {
  /** Changes with each message, so that the same message is announced again. */
  key: number;
  severity: 'success' | 'error';
  message: string;
}

/** The toast of a page (`initial`: a success message on arrival); `show` replaces it, `hide` removes it. */
export function useToast(initial?: string) {
  const [toast, setToast] = useState<Toast | undefined>(() =>
    initial === undefined ? undefined : { key: 1, severity: 'success', message: initial },
  );
  const show = useCallback(
    (severity: Toast['severity'], message: string) =>
      setToast((previous) => ({ key: (previous?.key ?? 0) + 1, severity, message })),
    [],
  );
  const hide = useCallback(() => setToast(undefined), []);
  return { toast, show, hide };
}
