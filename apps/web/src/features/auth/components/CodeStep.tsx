/** Sign-in step 3/3: the one-time code, "Annuler" and "Se connecter"; "Renvoyer un code". */
import { useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { codeVerifySchema } from '@carnet/shared';
import type { CodeSent, Me } from '@carnet/shared';
import { FormActions } from '../../../ui/FormActions.tsx';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { TextField } from '../../../ui/TextField.tsx';
import { useForm } from '../../../ui/use-form.ts';
import { verifyCode } from '../api.ts';
import { restartWhenSignInLost } from '../sign-in-flow.ts';
import { ResendCode } from './ResendCode.tsx';

/** Props: where the code was sent; next step, back to step 1, or restart after a lost sign-in. */
export interface CodeStepProps {
  sent: CodeSent;
  onDone: (me: Me) => void;
  onCancel: () => void;
  onRestart: (message: string) => void;
}

const spamHint =
  "Si l'e-mail n'est pas dans votre boîte de réception, vérifiez les autres dossiers comme les courriers indésirables.";

/** Errors about the code itself are shown under the code field. */
const codeErrors = {
  'auth.code_invalid': 'code',
  'auth.code_expired': 'code',
  'auth.code_exhausted': 'code',
};

/** The code field of the guide, with the e-mail or SMS wording. */
export function CodeStep({ sent: firstSent, onDone, onCancel, onRestart }: CodeStepProps) {
  const [sent, setSent] = useState(firstSent);
  const [sendings, setSendings] = useState(1);
  const [notice, setNotice] = useState<{ ok: boolean; message: string }>();
  const form = useForm({ code: '' });
  const lost = restartWhenSignInLost(onRestart);
  const byEmail = sent.channel === 'email';

  return (
    <>
      <p>
        {byEmail
          ? `Je saisis mon code d'accès à usage unique envoyé à l'adresse e-mail ${sent.masked}.`
          : `Je saisis mon code d'accès à usage unique envoyé au ${sent.masked}.`}
      </p>
      {notice && (
        <Alert
          className="fr-mb-3w"
          severity={notice.ok ? 'success' : 'error'}
          small
          description={notice.message}
        />
      )}
      <form
        noValidate
        onSubmit={(event) =>
          form.submit(event, {
            schema: codeVerifySchema,
            input: form.values,
            action: (body) => verifyCode(body.code),
            onSuccess: onDone,
            fieldOf: codeErrors,
            onError: lost,
          })
        }
      >
        <FormAlert errors={form.errors} />
        <TextField
          {...form.field('code')}
          label="Code d'accès à usage unique"
          hintText={
            byEmail ? (
              <>
                {spamHint}
                <br />
                Ex : 034567
              </>
            ) : (
              'Ex : 034567'
            )
          }
          input={{ inputMode: 'numeric', autoComplete: 'one-time-code', maxLength: 6 }}
        />
        <ResendCode
          key={sendings}
          channel={sent.channel}
          afterSeconds={sent.resendAfterSeconds}
          onSent={(next) => {
            setSent(next);
            setSendings((n) => n + 1);
            setNotice({ ok: true, message: 'Un nouveau code vous a été envoyé.' });
          }}
          onError={(error, message) => {
            if (!lost(error)) setNotice({ ok: false, message });
          }}
        />
        <FormActions submitLabel="Se connecter" onCancel={onCancel} pending={form.pending} />
      </form>
    </>
  );
}
