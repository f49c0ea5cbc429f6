/** The general error of a form (an API answer that names no field), in a DSFR Alert. */
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { FormErrors } from './form-errors.ts';

/** Renders nothing when there is no general message. */
export function FormAlert({ errors }: { errors: FormErrors }) {
  if (errors.message === undefined) return null;
  return <Alert className="fr-mb-3w" severity="error" small description={errors.message} />;
}
