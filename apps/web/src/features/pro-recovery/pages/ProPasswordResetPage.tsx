/**
 * /pro/mot-de-passe-oublie: a professional's forgotten password — 1/2 the RPPS number, 2/2 the
 * code received by e-mail and the new password. The same answer whatever the RPPS (no enumeration).
 */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import { proPasswordResetCompleteSchema, proPasswordResetRequestSchema } from '@carnet/shared';
import type { ProPasswordResetComplete, ProPasswordResetRequest } from '@carnet/shared';
import { ApiError, unavailableMessage } from '../../../app/http.ts';
import { AuthPanel } from '../../../ui/AuthPanel.tsx';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { completeProPasswordReset, startProPasswordReset } from '../api.ts';

const messageOf = (error: unknown) =>
  error instanceof ApiError ? error.message : unavailableMessage;

/** Step 1/2: the RPPS number. */
function RppsStep({ onDone }: { onDone: (flowId: string) => void }) {
  const form = useForm<ProPasswordResetRequest>({
    resolver: zodResolver(proPasswordResetRequestSchema),
    defaultValues: { rpps: '' },
  });
  const mutation = useMutation({ mutationFn: startProPasswordReset, onSuccess: onDone });
  const error = form.formState.errors.rpps?.message;
  return (
    <form noValidate onSubmit={(event) => void form.handleSubmit((v) => mutation.mutate(v))(event)}>
      {mutation.error && (
        <Alert
          className="fr-mb-3w"
          severity="error"
          small
          description={messageOf(mutation.error)}
        />
      )}
      <Input
        label="Numéro RPPS"
        hintText="11 chiffres, par exemple 10000000045"
        state={error ? 'error' : 'default'}
        stateRelatedMessage={error}
        nativeInputProps={{
          ...form.register('rpps'),
          inputMode: 'numeric',
          autoComplete: 'username',
        }}
      />
      <Button type="submit" disabled={mutation.isPending}>
        Recevoir un code
      </Button>
    </form>
  );
}

/** Step 2/2: the code and the new password. */
function NewPasswordStep({ flowId, onDone }: { flowId: string; onDone: () => void }) {
  const form = useForm<ProPasswordResetComplete>({
    resolver: zodResolver(proPasswordResetCompleteSchema),
    defaultValues: { flowId, code: '', newPassword: '' },
  });
  const mutation = useMutation({ mutationFn: completeProPasswordReset, onSuccess: onDone });
  const { errors } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    try {
      await mutation.mutateAsync(values);
    } catch (error) {
      const field = error instanceof ApiError ? error.fields.newPassword : undefined;
      if (field) form.setError('newPassword', { message: field }, { shouldFocus: true });
    }
  });
  const general =
    mutation.error && !(mutation.error instanceof ApiError && mutation.error.fields.newPassword);
  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <p>
        Si ce numéro RPPS correspond à un compte, un code à usage unique a été envoyé à l’adresse
        e-mail de l’annuaire. Il est valable 10 minutes.
      </p>
      {general && (
        <Alert
          className="fr-mb-3w"
          severity="error"
          small
          description={messageOf(mutation.error)}
        />
      )}
      <Input
        label="Code reçu par e-mail"
        hintText="6 chiffres"
        state={errors.code ? 'error' : 'default'}
        stateRelatedMessage={errors.code?.message}
        nativeInputProps={{
          ...form.register('code'),
          inputMode: 'numeric',
          autoComplete: 'one-time-code',
        }}
      />
      <PasswordInput
        className="fr-mb-3w"
        label="Nouveau mot de passe"
        hintText="De 12 à 128 caractères, sans votre numéro RPPS ni votre nom."
        messagesHint=""
        messages={
          errors.newPassword?.message
            ? [{ severity: 'error', message: errors.newPassword.message }]
            : []
        }
        nativeInputProps={{ ...form.register('newPassword'), autoComplete: 'new-password' }}
      />
      <Button type="submit" disabled={mutation.isPending}>
        Changer mon mot de passe
      </Button>
    </form>
  );
}

/** The two steps, then the way back to the sign-in. */
export function ProPasswordResetPage() {
  const [flowId, setFlowId] = useState<string>();
  const [done, setDone] = useState(false);
  usePageTitle(
    `Espace professionnel - Mot de passe oublié${done ? '' : ` - Étape ${flowId ? 2 : 1}/2`}`,
  );
  return (
    <AuthPanel>
      {!done && <p className="fr-mb-1w">Étape {flowId ? 2 : 1}/2</p>}
      <h1 className="fr-h3">Mot de passe oublié</h1>
      {done ? (
        <>
          <Alert
            className="fr-mb-3w"
            severity="success"
            title="Mot de passe modifié"
            description="Votre mot de passe a été modifié et toutes vos connexions ont été fermées."
          />
          <Link className="fr-btn" to="/pro/connexion">
            Me connecter
          </Link>
        </>
      ) : flowId ? (
        <NewPasswordStep flowId={flowId} onDone={() => setDone(true)} />
      ) : (
        <RppsStep onDone={setFlowId} />
      )}
    </AuthPanel>
  );
}
