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
  /** The error no field is to blame for (or undefined). */
  formError: unknown;
  error: unknown;
  setError: (error: unknown) => void;
}

export function useForm<R>(action: () => Promise<R>, done?: (result: R) => void | Promise<void>): Form {
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
  const problem = error instanceof ApiError ? error : undefined;
  return {
    onSubmit,
    pending,
    fieldError: (field) => problem?.fieldError(field),
    formError: error && !problem?.problem.errors?.length ? error : undefined,
    error,
    setError,
  };
}
