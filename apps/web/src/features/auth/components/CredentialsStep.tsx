/** Sign-in step 1/3: identifiant and password. */
import { Link } from 'react-router';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { loginRequestSchema } from '@carnet/shared';
import type { MaskedChannel } from '@carnet/shared';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { PasswordField } from '../../../ui/PasswordField.tsx';
import { TextField } from '../../../ui/TextField.tsx';
import { useForm } from '../../../ui/use-form.ts';
import { login } from '../api.ts';

/** Calls `onDone` with the channels offered for the one-time code. */
export function CredentialsStep({ onDone }: { onDone: (channels: MaskedChannel[]) => void }) {
  const form = useForm({ identifiant: '', password: '' });
  return (
    <form
      noValidate
      onSubmit={(event) =>
        form.submit(event, {
          schema: loginRequestSchema,
          input: form.values,
          action: login,
          onSuccess: ({ channels }) => onDone(channels),
        })
      }
    >
      <p className="fr-hint-text">Tous les champs sont obligatoires</p>
      <FormAlert errors={form.errors} />
      <TextField
        {...form.field('identifiant')}
        label="Mon identifiant"
        input={{ autoComplete: 'username', autoCapitalize: 'none', spellCheck: false }}
      />
      <p>
        <Link className="fr-link" to="/identifiant-oublie">
          Identifiant oublié ?
        </Link>
      </p>
      <PasswordField
        {...form.field('password')}
        label="Mon mot de passe"
        autoComplete="current-password"
      />
      <p>
        <Link className="fr-link" to="/mot-de-passe-oublie">
          Mot de passe oublié ?
        </Link>
      </p>
      <Button type="submit">Continuer</Button>
      <hr className="fr-mt-5w fr-pb-3w" />
      <p className="fr-mb-0">
        <Link className="fr-link" to="/activation">
          Pas encore de profil ? Activer mon profil
        </Link>
      </p>
    </form>
  );
}
