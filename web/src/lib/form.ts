"use client";
// A form's submission, written once: it runs the action on submit, hands
// its result on, and tells apart the errors that name a field (shown
// beside it) from the rest (shown above the form).

import { useCallback, useRef, useState, type FormEvent } from "react";
import { ApiError } from "./api";

export interface Form {
  onSubmit: (event?: FormEvent) => Promise<void>;
  pending: boolean;
  /** The server's message for one field, when it named it. */
  fieldError: (field: string) => string | undefined;
  /** The server's message for a field or anything within it (`definition.levels` covers `definition.levels[0].targets`). */
  errorUnder: (field: string) => string | undefined;
  /** The error no field is to blame for (or undefined). */
  formError: unknown;
  error: unknown;
  /** The error, when it is the server's problem. */
  apiError: ApiError | undefined;
  setError: (error: unknown) => void;
}

export interface FormOptions {
  /**
   * The fields the form shows errors beside (with anything within them).
   * When the server names another, its error is shown above the form too.
   * Without them, every field the server names counts as shown.
   */
  fields?: readonly string[];
}

/** Whether the error field `name` is `field` or within it. */
const within = (name: string, field: string) => name === field || name.startsWith(`${field}.`) || name.startsWith(`${field}[`);

export function useForm<R>(action: () => Promise<R>, done?: (result: R) => void | Promise<void>, options: FormOptions = {}): Form {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const latest = useRef({ action, done });
  latest.current = { action, done };
  const onSubmit = useCallback(async (event?: FormEvent) => {
    event?.preventDefault();
    setPending(true);
    setError(undefined);
    let result: R;
    try {
      result = await latest.current.action();
    } catch (e) {
      setError(e);
      setPending(false);
      return;
    }
    setPending(false);
    await latest.current.done?.(result);
  }, []);
  const apiError = error instanceof ApiError ? error : undefined;
  const errors = apiError?.problem.errors ?? [];
  const { fields } = options;
  const shown = errors.length > 0 && errors.every((e) => !fields || fields.some((f) => within(e.field, f)));
  return {
    onSubmit,
    pending,
    fieldError: (field) => apiError?.fieldError(field),
    errorUnder: (field) => errors.find((e) => within(e.field, field))?.detail,
    formError: error && !shown ? error : undefined,
    error,
    apiError,
    setError,
  };
}
