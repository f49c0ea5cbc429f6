/** The toast of a page ("Mise à jour effectuée" or an error), shown by StatusToast. */
import { useCallback, useState } from 'react';

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
