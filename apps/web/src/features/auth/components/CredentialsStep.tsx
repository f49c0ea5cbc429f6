/**
 * Sign-in step 1/3 of both spaces: an identifier (patient identifiant or professional RPPS) and
 * the password, checked with the wire schema the server uses.
 */
import type { ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { LoginResponse, MaskedChannel } from '@carnet/shared';
import type { DefaultValues, Path } from 'react-hook-form';
import type { z } from 'zod';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { PasswordField } from '../../../ui/PasswordField.tsx';
import { applyServerError } from '../../../ui/server-errors.ts';
import { TextField } from '../../../ui/TextField.tsx';
import type { InputAttributes } from '../../../ui/zod-form.ts';
import { bind, onValidSubmit, rootError, submitTo, useZodForm } from '../../../ui/zod-form.ts';
import type { Submittable } from '../../../ui/zod-form.ts';

type Credentials<K extends string> = Record<K, string> & { password: string };

/** Props: the schema and call of the space, its identifier field and the links around. */
export interface CredentialsStepProps<K extends string> {
  schema: z.ZodType<Credentials<K>, Credentials<K>>;
  login: (body: Credentials<K>) => Promise<LoginResponse>;
  identifier: { name: K; label: string; hintText?: string; input: InputAttributes };
  passwordLabel: string;
  /** Under the identifier ("Identifiant oublié ?"), under the password, after the button. */
  links?: { identifier?: ReactNode; password?: ReactNode; footer?: ReactNode };
  onDone: (channels: MaskedChannel[]) => void;
}

/** Calls `onDone` with the channels offered for the one-time code. */
export function CredentialsStep<K extends string>(props: CredentialsStepProps<K>) {
  const { identifier, links = {} } = props;
  const form = useZodForm(props.schema, {
    defaultValues: { [identifier.name]: '', password: '' } as DefaultValues<Credentials<K>>,
  });
  const mutation = useMutation({
    mutationFn: props.login,
    onSuccess: ({ channels }) => props.onDone(channels),
    onError: (error) => applyServerError(form.setError, error),
  });
  return (
    <form
      noValidate
      onSubmit={onValidSubmit(form, submitTo(mutation as Submittable<Credentials<K>>))}
    >
      <p className="fr-hint-text">Tous les champs sont obligatoires</p>
      <FormAlert message={rootError(form.formState.errors)} />
      <TextField
        label={identifier.label}
        hintText={identifier.hintText}
        {...bind(form, identifier.name as unknown as Path<Credentials<K>>, identifier.input)}
      />
      {links.identifier}
      <PasswordField
        label={props.passwordLabel}
        autoComplete="current-password"
        {...bind(form, 'password' as Path<Credentials<K>>)}
      />
      {links.password}
      <Button type="submit">Continuer</Button>
      {links.footer}
    </form>
  );
}
