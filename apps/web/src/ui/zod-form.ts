/**
 * Forms on react-hook-form, validated by the same zod wire schemas the server uses, with French
 * messages; `bind` gives a DSFR field its registration and its error (state/stateRelatedMessage).
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { get, useForm } from 'react-hook-form';
import type {
  FieldErrors,
  FieldValues,
  Path,
  Resolver,
  UseFormProps,
  UseFormHandleSubmit,
  UseFormRegister,
  UseFormRegisterReturn,
  UseFormReturn,
} from 'react-hook-form';
import type { ComponentProps, FormEvent } from 'react';
import { z } from 'zod';

/** What an empty required field says (RGAA 11.10: say what is expected). */
export const requiredMessage = 'Ce champ est obligatoire.';

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

/** An empty field is "missing" before being "invalid", whatever the schema's own message. */
function markMissing(errors: FieldErrors, values: unknown, path: string[] = []): void {
  for (const [key, error] of Object.entries(errors)) {
    if (error === undefined || error === null || key === 'root') continue;
    const at = [...path, key];
    if (typeof error.message === 'string' && typeof error.type === 'string') {
      if (error.type !== 'invalid_value' && get(values, at.join('.')) === '') {
        error.message = requiredMessage;
      }
    } else if (typeof error === 'object') {
      markMissing(error as FieldErrors, values, at);
    }
  }
}

/** The zodResolver of a wire schema, with French messages. */
export function frenchZodResolver<S extends z.ZodType<unknown, FieldValues>>(
  schema: S,
): Resolver<z.input<S>, unknown, z.output<S>> {
  const base = zodResolver(schema, { error: frenchIssues }) as Resolver<
    z.input<S>,
    unknown,
    z.output<S>
  >;
  return async (values, context, options) => {
    const result = await base(values, context, options);
    markMissing(result.errors, values);
    return result;
  };
}

/** A react-hook-form form checked by `schema`; errors stay until the next submit, like the server's. */
export function useZodForm<S extends z.ZodType<unknown, FieldValues>>(
  schema: S,
  options: Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, 'resolver'> = {},
): UseFormReturn<z.input<S>, unknown, z.output<S>> {
  return useForm<z.input<S>, unknown, z.output<S>>({
    resolver: frenchZodResolver(schema),
    reValidateMode: 'onSubmit',
    ...options,
  });
}

/** Native attributes of an input, with or without a registration. */
export type InputAttributes = ComponentProps<'input'>;

/** What TextField, PasswordField and RadioField take from a form field. */
export interface BoundInput {
  error: string | undefined;
  input: InputAttributes & UseFormRegisterReturn;
}

/** The message of field `name`, if it has one. */
export function errorOf<T extends FieldValues>(
  errors: FieldErrors<T>,
  name: Path<T> | 'root.server',
): string | undefined {
  const message: unknown = get(errors, `${name}.message`);
  return typeof message === 'string' ? message : undefined;
}

/** Registration and error of field `name`, plus extra native attributes. */
export function bind<T extends FieldValues>(
  form: { register: UseFormRegister<T>; formState: { errors: FieldErrors<T> } },
  name: Path<T>,
  input: Omit<InputAttributes, 'name' | 'onChange' | 'onBlur' | 'ref'> = {},
): BoundInput {
  return {
    error: errorOf(form.formState.errors, name),
    input: { ...input, ...form.register(name) },
  };
}

/** A mutation as a form submits to it (a generic caller may need to say so). */
export interface Submittable<T> {
  isPending: boolean;
  mutate: (data: T) => void;
}

/** The valid data of a form to a mutation, one submission at a time. */
export function submitTo<T>(mutation: Submittable<T>) {
  return (data: T): void => {
    if (!mutation.isPending) mutation.mutate(data);
  };
}

/** The general message of a form (an API error naming no field), for FormAlert. */
export function rootError(errors: FieldErrors): string | undefined {
  // A check of the whole object (path []) lands under '' in react-hook-form.
  const whole = errors[''];
  return (
    errors.root?.server?.message ?? (typeof whole?.message === 'string' ? whole.message : undefined)
  );
}

/** The two passwords differ (checked client-side only). */
export const confirmationMessage = 'Les deux mots de passe ne sont pas identiques.';

/** `schema` plus a `confirmPassword` field that must repeat `passwordKey`, checked with the rest. */
export function withConfirmation<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape, z.core.$strict>,
  passwordKey: keyof Shape,
) {
  return schema.extend({ confirmPassword: z.string() }).refine(
    (values) => {
      const all = values as Record<string, unknown>;
      return all[passwordKey as string] === all.confirmPassword;
    },
    // Checked even when other fields fail, so that every error shows at once.
    { path: ['confirmPassword'], message: confirmationMessage, when: () => true },
  );
}

/** A form's onSubmit: checks the fields, then `onValid` with the parsed data. */
export function onValidSubmit<TIn extends FieldValues, TOut>(
  form: { handleSubmit: UseFormHandleSubmit<TIn, TOut> },
  onValid: (data: TOut) => void,
) {
  return (event: FormEvent<HTMLFormElement>): void => void form.handleSubmit(onValid)(event);
}
