/**
 * One hook for every form: values, client-side checks with the shared schemas, the API call,
 * errors (general and per field) and focus on the first field in error.
 */
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { z } from 'zod';
import { noErrors, toFormErrors, validate } from './form-errors.ts';
import type { FormErrors } from './form-errors.ts';

/** What a submit does. */
export interface SubmitOptions<S extends z.ZodType, T> {
  /** The wire schema the input must satisfy before anything is sent. */
  schema: S;
  input: unknown;
  action: (data: z.output<S>) => Promise<T>;
  onSuccess: (result: T) => void;
  /** Checks the schema cannot make (a confirmation field): field → message. */
  check?: () => Record<string, string>;
  /** API error code → field that shows it (when the answer names no field). */
  fieldOf?: Readonly<Record<string, string>>;
  /** Handles an API error itself when it returns true. */
  onError?: (error: unknown) => boolean;
}

/** Props of a text field bound to the form (see TextField, PasswordField). */
export interface BoundField {
  name: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}

/** State and submit handler of a form whose values are strings. */
export function useForm<V extends Record<string, string>>(initial: V) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [pending, setPending] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  // The submitted form, kept from the event: focus goes to its first field in error.
  const formElement = useRef<HTMLFormElement | null>(null);

  useEffect(() => {
    if (focusRequest === 0) return;
    formElement.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  const showErrors = (next: FormErrors) => {
    setErrors(next);
    if (Object.keys(next.fields).length > 0) setFocusRequest((n) => n + 1);
  };

  const field = (name: keyof V & string): BoundField => ({
    name,
    value: values[name] ?? '',
    error: errors.fields[name],
    onChange: (value) => setValues((previous) => ({ ...previous, [name]: value })),
  });

  function submit<S extends z.ZodType, T>(
    event: FormEvent<HTMLFormElement>,
    options: SubmitOptions<S, T>,
  ): void {
    event.preventDefault();
    formElement.current = event.currentTarget;
    if (pending) return;
    const checked = validate(options.schema, options.input);
    const extra = options.check?.() ?? {};
    if (!checked.ok || Object.keys(extra).length > 0) {
      showErrors({ fields: { ...(checked.ok ? {} : checked.errors.fields), ...extra } });
      return;
    }
    setPending(true);
    setErrors(noErrors);
    void options.action(checked.data).then(
      (result) => {
        setPending(false);
        options.onSuccess(result);
      },
      (error: unknown) => {
        setPending(false);
        if (options.onError?.(error) === true) return;
        showErrors(toFormErrors(error, options.fieldOf));
      },
    );
  }

  return { values, errors, pending, field, submit };
}
