/** A legal representative activates her child's profile with the code she received. */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { childActivationRequestSchema } from '@carnet/shared';
import type { ChildActivationRequest } from '@carnet/shared';
import { ApiError, unavailableMessage } from '../../../app/http.ts';
import { activateChild } from '../api.ts';

/** Code provisoire, the child's INS and birth date, and the certification. */
export function ChildActivationForm() {
  const [serverError, setServerError] = useState<string>();
  const [activated, setActivated] = useState<string>();
  const form = useForm<ChildActivationRequest>({
    resolver: zodResolver(childActivationRequestSchema),
    defaultValues: { activationCode: '', ins: '', birthDate: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const field = (name: 'activationCode' | 'ins' | 'birthDate', label: string, type = 'text') => (
    <Input
      label={label}
      state={errors[name] ? 'error' : 'default'}
      stateRelatedMessage={errors[name]?.message}
      nativeInputProps={{ type, ...form.register(name) }}
    />
  );
  const submit = form.handleSubmit(async (input) => {
    setServerError(undefined);
    try {
      const child = await activateChild(input);
      form.reset();
      setActivated(child.firstName);
    } catch (error) {
      setServerError(error instanceof ApiError ? error.message : unavailableMessage);
    }
  });
  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      {serverError && (
        <Alert className="fr-mb-2w" severity="error" small description={serverError} role="alert" />
      )}
      {activated && (
        <Alert
          className="fr-mb-2w"
          severity="success"
          small
          description={`Le profil de ${activated} est activé. Choisissez-le dans « Profil affiché » en haut de la page.`}
        />
      )}
      {field('activationCode', 'Code provisoire reçu')}
      {field('ins', 'Numéro de sécurité sociale (INS) de l’enfant')}
      {field('birthDate', 'Date de naissance de l’enfant', 'date')}
      <Checkbox
        state={errors.certify ? 'error' : 'default'}
        stateRelatedMessage={errors.certify?.message}
        options={[
          {
            label:
              'Je certifie être le représentant légal de cet enfant et avoir l’autorité parentale.',
            nativeInputProps: { ...form.register('certify') },
          },
        ]}
      />
      <Button type="submit" disabled={isSubmitting}>
        Activer le profil de l’enfant
      </Button>
    </form>
  );
}
