/** Password reset step 1/2: INS, birth date and channel; a one-time code is sent. */
import { recoveryRequestSchema } from '@carnet/shared';
import { FormActions } from '../../../ui/FormActions.tsx';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { useForm } from '../../../ui/use-form.ts';
import { startPasswordReset } from '../api.ts';
import { IdentityFields } from './IdentityFields.tsx';
import { RecoveryChannel } from './RecoveryChannel.tsx';

/** Calls `onDone` with the reset flow to complete. */
export function ResetRequestStep({ onDone }: { onDone: (flowId: string) => void }) {
  const form = useForm({ ins: '', birthDate: '', channel: '' });
  return (
    <form
      noValidate
      onSubmit={(event) =>
        form.submit(event, {
          schema: recoveryRequestSchema,
          input: form.values,
          action: startPasswordReset,
          onSuccess: onDone,
        })
      }
    >
      <p>
        Je renseigne mon numéro de sécurité sociale et ma date de naissance : je reçois un code à
        usage unique par e-mail ou par SMS pour choisir un nouveau mot de passe.
      </p>
      <p className="fr-hint-text">Tous les champs sont obligatoires</p>
      <FormAlert errors={form.errors} />
      <IdentityFields ins={form.field('ins')} birthDate={form.field('birthDate')} />
      <RecoveryChannel field={form.field('channel')} what="mon code à usage unique" />
      <FormActions submitLabel="Recevoir un code" pending={form.pending} />
    </form>
  );
}
