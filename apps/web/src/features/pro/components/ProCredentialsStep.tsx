/** Professional sign-in step 1/3: "Numéro RPPS" and "Mot de passe" (same security as patients). */
import { Link } from 'react-router';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { proLoginRequestSchema } from '@carnet/shared';
import type { MaskedChannel } from '@carnet/shared';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { PasswordField } from '../../../ui/PasswordField.tsx';
import { TextField } from '../../../ui/TextField.tsx';
import { useForm } from '../../../ui/use-form.ts';
import { proLogin } from '../api.ts';

/** Calls `onDone` with the channels offered for the one-time code. */
export function ProCredentialsStep({ onDone }: { onDone: (channels: MaskedChannel[]) => void }) {
  const form = useForm({ rpps: '', password: '' });
  return (
    <form
      noValidate
      onSubmit={(event) =>
        form.submit(event, {
          schema: proLoginRequestSchema,
          input: form.values,
          action: proLogin,
          onSuccess: ({ channels }) => onDone(channels),
        })
      }
    >
      <p className="fr-hint-text">Tous les champs sont obligatoires</p>
      <FormAlert errors={form.errors} />
      <TextField
        {...form.field('rpps')}
        label="Numéro RPPS"
        hintText="11 chiffres, par exemple 10000000045"
        input={{ autoComplete: 'username', inputMode: 'numeric', spellCheck: false }}
      />
      <PasswordField
        {...form.field('password')}
        label="Mot de passe"
        autoComplete="current-password"
      />
      <p>
        <Link className="fr-link" to="/pro/mot-de-passe-oublie">
          Mot de passe oublié ?
        </Link>
      </p>
      <Button type="submit">Continuer</Button>
    </form>
  );
}
