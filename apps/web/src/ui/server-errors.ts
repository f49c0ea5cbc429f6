/**
 * API errors (`{ error: { code, message, fields? } }`) onto react-hook-form: each named field
 * under its input (focus on the first, RGAA 11.10), the rest in the form's general alert.
 */
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError, unavailableMessage } from '../app/http.ts';

/** The French message of a failed call (the server's, or "service indisponible"). */
export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : unavailableMessage;
}

/** True when the server answered 404 (missing, or not visible to this actor). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/**
 * Shows `error` on the form. `fieldOf` puts a field-less error code under one field instead of
 * the general alert (for instance `auth.code_invalid` under the code field).
 */
export function applyServerError<T extends FieldValues>(
  setError: UseFormSetError<T>,
  error: unknown,
  fieldOf: Readonly<Record<string, Path<T>>> = {},
): void {
  if (!(error instanceof ApiError)) {
    setError('root.server', { type: 'server', message: unavailableMessage });
    return;
  }
  const named = Object.entries(error.fields);
  const field = fieldOf[error.code];
  if (named.length === 0 && field !== undefined) {
    setError(field, { type: 'server', message: error.message }, { shouldFocus: true });
    return;
  }
  setError('root.server', { type: 'server', message: error.message });
  named.forEach(([name, message], index) =>
    setError(name as Path<T>, { type: 'server', message }, { shouldFocus: index === 0 }),
  );
}
