/** Activation with the code provisoire: identity, identifiant and password, terms of use. */
import { useState } from 'react';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { activationRequestSchema } from '@carnet/shared';
import { confirmationErrors } from '../../../ui/form-errors.ts';
import { FormActions } from '../../../ui/FormActions.tsx';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { newPasswordHint } from '../../../ui/password-hint.ts';
import { PasswordField } from '../../../ui/PasswordField.tsx';
import { TextField } from '../../../ui/TextField.tsx';
import { useForm } from '../../../ui/use-form.ts';
import { activate } from '../api.ts';
import { IdentityFields } from './IdentityFields.tsx';

/** Calls `onDone` once the profile is active (the person then signs in). */
export function ActivationForm({ onDone }: { onDone: () => void }) {
  const form = useForm({
    activationCode: '',
    ins: '',
    birthDate: '',
    identifiant: '',
    password: '',
    confirmPassword: '',
  });
  const [acceptTerms, setAcceptTerms] = useState(false);
  const { confirmPassword, ...fields } = form.values;
  const termsError = form.errors.fields.acceptTerms;

  return (
    <form
      noValidate
      onSubmit={(event) =>
        form.submit(event, {
          schema: activationRequestSchema,
          input: { ...fields, acceptTerms },
          check: () => confirmationErrors(fields.password, confirmPassword),
          action: activate,
          onSuccess: onDone,
        })
      }
    >
      <p className="fr-hint-text">Tous les champs sont obligatoires</p>
      <FormAlert errors={form.errors} />
      <TextField
        {...form.field('activationCode')}
        label="Mon code provisoire"
        hintText="Reçu par e-mail ou par SMS, valable 6 semaines"
        input={{ autoComplete: 'off', autoCapitalize: 'none', spellCheck: false }}
      />
      <IdentityFields ins={form.field('ins')} birthDate={form.field('birthDate')} />
      <TextField
        {...form.field('identifiant')}
        label="Mon identifiant"
        hintText="Au moins 8 caractères : lettres, chiffres et . - _ uniquement. Il ne pourra plus être modifié."
        input={{ autoComplete: 'username', autoCapitalize: 'none', spellCheck: false }}
      />
      <PasswordField
        {...form.field('password')}
        label="Mon mot de passe"
        hintText={newPasswordHint}
        autoComplete="new-password"
      />
      <PasswordField
        {...form.field('confirmPassword')}
        label="Confirmation du mot de passe"
        autoComplete="new-password"
      />
      <Checkbox
        state={termsError === undefined ? 'default' : 'error'}
        stateRelatedMessage={termsError}
        options={[
          {
            label: "J'accepte les conditions générales d'utilisation",
            nativeInputProps: {
              name: 'acceptTerms',
              checked: acceptTerms,
              onChange: (event) => setAcceptTerms(event.target.checked),
              'aria-invalid': termsError === undefined ? undefined : true,
            },
          },
        ]}
      />
      <FormActions submitLabel="Activer mon profil" pending={form.pending} />
    </form>
  );
}
