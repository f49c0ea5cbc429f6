/** Activation with the code provisoire: identity, identifiant and password, terms of use. */
import { useMutation } from '@tanstack/react-query';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { activationRequestSchema } from '@carnet/shared';
import { FormActions } from '../../../ui/FormActions.tsx';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { NewPasswordFields } from '../../../ui/NewPasswordFields.tsx';
import { TextField } from '../../../ui/TextField.tsx';
import { applyServerError } from '../../../ui/server-errors.ts';
import {
  bind,
  errorOf,
  onValidSubmit,
  rootError,
  submitTo,
  useZodForm,
  withConfirmation,
} from '../../../ui/zod-form.ts';
import type { z } from 'zod';
import { activate } from '../api.ts';
import { IdentityFields } from './IdentityFields.tsx';

const formSchema = withConfirmation(activationRequestSchema, 'password');

/** Calls `onDone` once the profile is active (the person then signs in). */
export function ActivationForm({ onDone }: { onDone: () => void }) {
  const form = useZodForm(formSchema, {
    defaultValues: {
      activationCode: '',
      ins: '',
      birthDate: '',
      identifiant: '',
      password: '',
      confirmPassword: '',
    },
  });
  const mutation = useMutation({
    mutationFn: ({ confirmPassword: _, ...body }: z.output<typeof formSchema>) => activate(body),
    onSuccess: onDone,
    onError: (error) => applyServerError(form.setError, error),
  });
  const termsError = errorOf(form.formState.errors, 'acceptTerms');

  return (
    <form noValidate onSubmit={onValidSubmit(form, submitTo(mutation))}>
      <p className="fr-hint-text">Tous les champs sont obligatoires</p>
      <FormAlert message={rootError(form.formState.errors)} />
      <TextField
        {...bind(form, 'activationCode', {
          autoComplete: 'off',
          autoCapitalize: 'none',
          spellCheck: false,
        })}
        label="Mon code provisoire"
        hintText="Reçu par e-mail ou par SMS, valable 6 semaines"
      />
      <IdentityFields ins={bind(form, 'ins')} birthDate={bind(form, 'birthDate')} />
      <TextField
        {...bind(form, 'identifiant', {
          autoComplete: 'username',
          autoCapitalize: 'none',
          spellCheck: false,
        })}
        label="Mon identifiant"
        hintText="Au moins 8 caractères : lettres, chiffres et . - _ uniquement. Il ne pourra plus être modifié."
      />
      <NewPasswordFields
        password={bind(form, 'password')}
        confirmation={bind(form, 'confirmPassword')}
        label="Mon mot de passe"
      />
      <Checkbox
        state={termsError === undefined ? 'default' : 'error'}
        stateRelatedMessage={termsError}
        options={[
          {
            label: "J'accepte les conditions générales d'utilisation",
            nativeInputProps: {
              ...form.register('acceptTerms'),
              'aria-invalid': termsError === undefined ? undefined : true,
            },
          },
        ]}
      />
      <FormActions submitLabel="Activer mon profil" pending={mutation.isPending} />
    </form>
  );
}
