"use client";
// An item's form, written as JSON Schema in a textarea, beside a live
// preview drawn by the same form component the portal uses (loaded with
// this page only). Invalid JSON says where; the server's own check (a 422
// on `form`) shows under the textarea too.

import { Component, useId, useRef, useState, type ReactNode } from "react";
import type { Answers, JsonSchema } from "@/lib/api";
import { cx } from "@/components/ui/cx";
import { inputClass } from "@/components/ui/Field";
import { LazyJsonSchemaForm } from "@/components/forms/LazyJsonSchemaForm";

/** The schema in `text`, or why it is not one. */
export function parseSchema(text: string): { schema?: JsonSchema; error?: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: `The form is not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { error: "The form must be a JSON object (a JSON Schema)." };
  return { schema: value as JsonSchema };
}

export const EXAMPLE_FORM = {
  type: "object",
  required: ["details"],
  properties: {
    details: { type: "string", title: "What do you need?" },
  },
};

class PreviewBoundary extends Component<{ children: ReactNode }, { error?: Error }> {
  state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  render() {
    if (this.state.error) return <p className="text-sm text-red-700 dark:text-red-300">The preview cannot draw this form: {this.state.error.message}</p>;
    return this.props.children;
  }
}

export function FormSchemaEditor({ text, onChange, error }: { text: string; onChange: (text: string) => void; error?: string }) {
  const id = useId();
  const parsed = parseSchema(text);
  // The preview keeps the last schema that parsed while the JSON is being typed.
  const last = useRef<{ text: string; schema: JsonSchema }>(undefined);
  if (parsed.schema) last.current = { text, schema: parsed.schema };
  const shown = last.current;
  const [answers, setAnswers] = useState<Answers>({});
  const message = parsed.error ?? error;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <div>
        <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-800 dark:text-slate-200">
          Form (JSON Schema)
        </label>
        <textarea
          id={id}
          value={text}
          onChange={(e) => onChange(e.target.value)}
          rows={18}
          spellCheck={false}
          aria-invalid={message ? true : undefined}
          aria-describedby={`${id}-${message ? "error" : "hint"}`}
          className={cx(inputClass, "font-mono text-xs", message && "border-red-500 dark:border-red-400")}
        />
        {message ? (
          <p id={`${id}-error`} className="mt-1 text-sm text-red-700 dark:text-red-300">
            {message}
          </p>
        ) : (
          <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            An object schema: properties with a <code>title</code> each, <code>required</code>, <code>enum</code>, <code>if</code>/<code>then</code> for conditional
            fields. Changing it makes a new form version; requests keep the version they were raised with.
          </p>
        )}
      </div>
      <section aria-label="Form preview" className="rounded-md border border-dashed border-slate-300 p-4 dark:border-slate-600">
        <h3 className="mb-3 text-sm font-semibold text-slate-900 dark:text-white">Preview</h3>
        {shown ? (
          <PreviewBoundary key={shown.text}>
            <LazyJsonSchemaForm schema={shown.schema} answers={answers} onChange={setAnswers} idPrefix="preview" />
          </PreviewBoundary>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">Write a valid schema to see the form.</p>
        )}
      </section>
    </div>
  );
}
