/** The general error of a form (an API answer that names no field), in a DSFR Alert. */
import { Alert } from '@codegouvfr/react-dsfr/Alert';

/** Renders nothing when there is no message (`errors`: any object with an optional `message`). */
export function FormAlert({
  message = undefined,
  errors = undefined,
}: {
  message?: string | undefined;
  errors?: { message?: string | undefined } | undefined;
}) {
  const text = message ?? errors?.message;
  if (text === undefined) return null;
  return <Alert className="fr-mb-3w" severity="error" small description={text} />;
}
