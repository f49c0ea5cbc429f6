/** Hooks of Notifications e-mail. */
import { useCallback, useEffect, useState } from 'react';
import type { NotificationPreferences } from '@carnet/shared';
import { toFormErrors } from '../../ui/form-errors.ts';
import { getPreferences, savePreferences } from './api.ts';

/** The preferences as they load and save. */
export type PreferencesState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; preferences: NotificationPreferences; saving: boolean };

/** Loads the preferences; `toggle` saves one change and reverts it if the server refuses. */
export function useNotificationPreferences() {
  const [state, setState] = useState<PreferencesState>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    void getPreferences().then(
      (preferences) => {
        if (live) setState({ status: 'ready', preferences, saving: false });
      },
      (error: unknown) => {
        if (live) setState({ status: 'error', message: toFormErrors(error).message ?? '' });
      },
    );
    return () => {
      live = false;
    };
  }, []);

  const toggle = useCallback(
    async (key: keyof NotificationPreferences, value: boolean): Promise<void> => {
      if (state.status !== 'ready') return;
      const before = state.preferences;
      setState({ status: 'ready', preferences: { ...before, [key]: value }, saving: true });
      try {
        const saved = await savePreferences({ ...before, [key]: value });
        setState({ status: 'ready', preferences: saved, saving: false });
      } catch (error) {
        setState({ status: 'ready', preferences: before, saving: false });
        throw error;
      }
    },
    [state],
  );

  return { state, toggle };
}
