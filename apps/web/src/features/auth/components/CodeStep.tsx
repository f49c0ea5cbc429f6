/** Sign-in step 3/3: the one-time code, "Annuler" and "Se connecter"; "Renvoyer un code". */
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { codeVerifySchema } from '@carnet/shared';
import type { CodeSent, Me } from '@carnet/shared';
import { FormActions } from '../../../ui/FormActions.tsx';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { TextField } from '../../../ui/TextField.tsx';
import { applyServerError } from '../../../ui/server-errors.ts';
import { bind, onValidSubmit, rootError, submitTo, useZodForm } from '../../../ui/zod-form.ts';
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
const codeErrors: Record<string, 'code'> = {
  'auth.code_invalid': 'code',
  'auth.code_expired': 'code',
  'auth.code_exhausted': 'code',
};

/** The code field of the guide, with the e-mail or SMS wording. */
export function CodeStep({ sent: firstSent, onDone, onCancel, onRestart }: CodeStepProps) {
  const [sent, setSent] = useState(firstSent);
  const [sendings, setSendings] = useState(1);
  const [notice, setNotice] = useState<{ ok: boolean; message: string }>();
  const form = useZodForm(codeVerifySchema, { defaultValues: { code: '' } });
  const lost = restartWhenSignInLost(onRestart);
  const mutation = useMutation({
    mutationFn: (body: { code: string }) => verifyCode(body.code),
    onSuccess: onDone,
    onError: (error) => {
      if (!lost(error)) applyServerError(form.setError, error, codeErrors);
    },
  });
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
      <form noValidate onSubmit={onValidSubmit(form, submitTo(mutation))}>
        <FormAlert message={rootError(form.formState.errors)} />
        <TextField
          {...bind(form, 'code', {
            inputMode: 'numeric',
            autoComplete: 'one-time-code',
            maxLength: 6,
          })}
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
        <FormActions submitLabel="Se connecter" onCancel={onCancel} pending={mutation.isPending} />
      </form>
    </>
  );
}
