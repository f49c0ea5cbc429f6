/** "Renvoyer un code": available once the server's resend delay has elapsed. */
import { useId } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { Channel, CodeSent } from '@carnet/shared';
import { errorMessage } from '../../../ui/server-errors.ts';
import { requestCode } from '../api.ts';
import { useCountdown } from '../hooks.ts';

/** Props: channel to use again, delay before a new code may be asked, outcome callbacks. */
export interface ResendCodeProps {
  channel: Channel;
  afterSeconds: number;
  onSent: (sent: CodeSent) => void;
  onError: (error: unknown, message: string) => void;
}

/** Remount it (new `key`) after each sending to restart the delay. */
export function ResendCode({ channel, afterSeconds, onSent, onError }: ResendCodeProps) {
  const remaining = useCountdown(afterSeconds);
  const delayId = useId();
  const mutation = useMutation({
    mutationFn: () => requestCode(channel),
    onSuccess: onSent,
    onError: (error) => onError(error, errorMessage(error)),
  });
  // Once sent, the parent remounts this component: the button stays disabled until then.
  const pending = mutation.isPending || mutation.isSuccess;
  const resend = () => mutation.mutate();

  return (
    <div className="fr-mb-3w">
      <Button
        type="button"
        priority="tertiary no outline"
        size="small"
        iconId="fr-icon-refresh-line"
        disabled={remaining > 0 || pending}
        onClick={resend}
        nativeButtonProps={{ 'aria-describedby': remaining > 0 ? delayId : undefined }}
      >
        Renvoyer un code
      </Button>
      {remaining > 0 && (
        <p id={delayId} className="fr-hint-text fr-mt-1v">
          Vous pourrez demander un nouveau code dans {remaining} s.
        </p>
      )}
    </div>
  );
}
