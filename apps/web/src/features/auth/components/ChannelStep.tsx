/** Sign-in step 2/3: where the one-time code is sent (masked e-mail or masked phone). */
import { useMutation } from '@tanstack/react-query';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { codeRequestSchema } from '@carnet/shared';
import type { CodeSent, MaskedChannel } from '@carnet/shared';
import { FormActions } from '../../../ui/FormActions.tsx';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { RadioField } from '../../../ui/RadioField.tsx';
import { applyServerError } from '../../../ui/server-errors.ts';
import { bind, onValidSubmit, rootError, submitTo, useZodForm } from '../../../ui/zod-form.ts';
import { requestCode } from '../api.ts';
import { channelLabel, restartWhenSignInLost } from '../sign-in-flow.ts';

/** Props: the offered channels, and what to do next, back, or after a lost sign-in. */
export interface ChannelStepProps {
  channels: MaskedChannel[];
  onDone: (sent: CodeSent) => void;
  onCancel: () => void;
  onRestart: (message: string) => void;
}

const noChannel =
  "Aucune adresse e-mail ni aucun numéro de mobile n'est enregistré pour ce profil : le code ne peut pas être envoyé.";

/** One radio per channel; a single channel is preselected. */
export function ChannelStep({ channels, onDone, onCancel, onRestart }: ChannelStepProps) {
  const only = channels.length === 1 ? channels[0] : undefined;
  const form = useZodForm(codeRequestSchema, { defaultValues: { channel: only?.channel } });
  const lost = restartWhenSignInLost(onRestart);
  const mutation = useMutation({
    mutationFn: (body: { channel: MaskedChannel['channel'] }) => requestCode(body.channel),
    onSuccess: onDone,
    onError: (error) => {
      if (!lost(error)) applyServerError(form.setError, error);
    },
  });
  if (channels.length === 0) {
    return (
      <>
        <Alert className="fr-mb-3w" severity="error" small description={noChannel} />
        <Button onClick={onCancel}>Recommencer</Button>
      </>
    );
  }
  return (
    <form noValidate onSubmit={onValidSubmit(form, submitTo(mutation))}>
      <FormAlert message={rootError(form.formState.errors)} />
      <RadioField
        {...bind(form, 'channel')}
        legend="Je souhaite recevoir mon code d'accès à usage unique :"
        options={channels.map((offered) => ({
          value: offered.channel,
          label: channelLabel(offered),
        }))}
      />
      <FormActions submitLabel="Continuer" onCancel={onCancel} pending={mutation.isPending} />
    </form>
  );
}
