"use client";
// A Markdown textarea with a Write / Preview switch.

import { useId, useState } from "react";
import { Markdown } from "@/lib/markdown";
import { cx } from "./ui/cx";
import { inputClass } from "./ui/Field";

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  placeholder?: string;
  rows?: number;
  required?: boolean;
  id?: string;
}

export function MarkdownEditor({ label, value, onChange, error, placeholder, rows = 5, required, id }: Props) {
  const auto = useId();
  const fieldId = id ?? auto;
  const [preview, setPreview] = useState(false);
  const tab = (active: boolean) =>
    cx(
      "rounded px-2 py-1 text-xs font-medium",
      active ? "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-white" : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
    );
  return (
    <div>
      <div className="mb-1 flex items-center justify-between gap-2">
        <label htmlFor={fieldId} className="text-sm font-medium text-slate-800 dark:text-slate-200">
          {label}
        </label>
        <div className="flex gap-1" role="group" aria-label={`${label}: edit or preview`}>
          <button type="button" className={tab(!preview)} aria-pressed={!preview} onClick={() => setPreview(false)}>
            Write
          </button>
          <button type="button" className={tab(preview)} aria-pressed={preview} onClick={() => setPreview(true)}>
            Preview
          </button>
        </div>
      </div>
      {preview ? (
        <div className="min-h-[6rem] rounded-md border border-slate-300 px-3 py-2 text-slate-900 dark:border-slate-600 dark:text-slate-100">
          {value.trim() ? <Markdown source={value} /> : <p className="text-sm text-slate-600 dark:text-slate-400">Nothing to preview.</p>}
        </div>
      ) : (
        <textarea
          id={fieldId}
          rows={rows}
          value={value}
          required={required}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${fieldId}-error` : `${fieldId}-hint`}
          className={cx(inputClass, error && "border-red-500 dark:border-red-400")}
        />
      )}
      {error ? (
        <p id={`${fieldId}-error`} className="mt-1 text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : (
        <p id={`${fieldId}-hint`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          Markdown: **bold**, *italic*, `code`, lists, [links](https://…)
        </p>
      )}
    </div>
  );
}
