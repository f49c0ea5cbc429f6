/** The invitee's identity (INS, names, birth date), and an optional end date for an aidant. */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { aidantInvitationRequestSchema } from '@carnet/shared';
import type { AidantInvitationRequest } from '@carnet/shared';
import { ApiError, unavailableMessage } from '../../../app/http.ts';

/** Submits the identity; server errors show above the fields (and on a field when named). */
export function IdentityForm(props: {
  submitLabel: string;
  withEndDate: boolean;
  onSubmit: (input: AidantInvitationRequest) => Promise<void>;
}) {
  const [serverError, setServerError] = useState<string>();
  const [done, setDone] = useState(false);
  const form = useForm<AidantInvitationRequest>({
    resolver: zodResolver(aidantInvitationRequestSchema),
    defaultValues: { ins: '', firstName: '', lastName: '', birthDate: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const field = (name: keyof AidantInvitationRequest, label: string, type = 'text') => (
    <Input
      label={label}
      state={errors[name] ? 'error' : 'default'}
      stateRelatedMessage={errors[name]?.message}
      nativeInputProps={{
        type,
        ...form.register(name, {
          setValueAs: (v: string) => (v === '' && name === 'endsOn' ? undefined : v),
        }),
        'aria-invalid': errors[name] ? true : undefined,
      }}
    />
  );
  const submit = form.handleSubmit(async (input) => {
    setServerError(undefined);
    setDone(false);
    try {
      await props.onSubmit(input);
      form.reset();
      setDone(true);
    } catch (error) {
      const api = error instanceof ApiError ? error : undefined;
      setServerError(api?.message ?? unavailableMessage);
      for (const [name, message] of Object.entries(api?.fields ?? {}))
        form.setError(name as keyof AidantInvitationRequest, { message });
    }
  });
  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      {serverError && (
        <Alert className="fr-mb-2w" severity="error" small description={serverError} role="alert" />
      )}
      {done && (
        <Alert
          className="fr-mb-2w"
          severity="success"
          small
          description="L’invitation a été envoyée. Elle expire dans 30 jours."
        />
      )}
      {field('ins', 'Numéro de sécurité sociale (INS)')}
      {field('lastName', 'Nom')}
      {field('firstName', 'Prénom')}
      {field('birthDate', 'Date de naissance', 'date')}
      {props.withEndDate && field('endsOn', 'Date de fin de l’accès (facultatif)', 'date')}
      <Button type="submit" disabled={isSubmitting}>
        {props.submitLabel}
      </Button>
    </form>
  );
}
