/** Form errors of every screen: from the shared zod schemas (client side) and from API answers. */
import type { z } from 'zod';
import { ApiError, unavailableMessage } from '../app/http.ts';

/** A general message (shown in an Alert) and per-field messages (shown under each field). */
export interface FormErrors {
  readonly message?: string;
  readonly fields: Readonly<Record<string, string>>;
}

const requiredMessage = 'Ce champ est obligatoire.';

/** No error at all. */
export const noErrors: FormErrors = { fields: {} };

/**
 * French wording for the checks whose schema gives no message of its own (a schema-level
 * message always wins over this per-parse map in zod 4).
 */
const frenchIssues = (issue: z.core.$ZodRawIssue): string | undefined => {
  switch (issue.code) {
    case 'too_small':
      return Number(issue.minimum) <= 1
        ? requiredMessage
        : `Au moins ${String(issue.minimum)} caractères.`;
    case 'too_big':
      return `Au plus ${String(issue.maximum)} caractères.`;
    case 'invalid_value':
      return 'Veuillez choisir une option.';
    case 'invalid_type':
      return issue.input === undefined || issue.input === '' ? requiredMessage : 'Valeur invalide.';
    default:
      return 'Valeur invalide.';
  }
};

/** Outcome of a client-side check. */
export type Validation<T> = { ok: true; data: T } | { ok: false; errors: FormErrors };

/** Check an input against a wire schema; the first message of each field is kept. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): Validation<z.output<S>> {
  const result = schema.safeParse(input, { error: frenchIssues });
  if (result.success) return { ok: true, data: result.data };
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.');
    // An empty field is "missing" before being "invalid" (RGAA 11.10: say what is expected).
    const missing = issue.code !== 'invalid_value' && valueAt(input, issue.path) === '';
    fields[key] ??= missing ? requiredMessage : issue.message;
  }
  return { ok: false, errors: { fields } };
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Errors of a failed API call. `fieldOf` puts a field-less error under one field instead of the
 * general Alert (for instance `auth.code_invalid` under the code field).
 */
export function toFormErrors(
  error: unknown,
  fieldOf: Readonly<Record<string, string>> = {},
): FormErrors {
  if (!(error instanceof ApiError)) return { message: unavailableMessage, fields: {} };
  const field = fieldOf[error.code];
  if (Object.keys(error.fields).length === 0 && field !== undefined) {
    return { fields: { [field]: error.message } };
  }
  return { message: error.message, fields: error.fields };
}

/** The confirmation field must repeat the password (checked client-side only). */
export function confirmationErrors(
  password: string,
  confirmation: string,
  field = 'confirmPassword',
): Record<string, string> {
  return password === confirmation
    ? {}
    : { [field]: 'Les deux mots de passe ne sont pas identiques.' };
}
