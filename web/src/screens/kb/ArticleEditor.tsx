"use client";
// Writing an article: title, body (Markdown with preview) and tags; when
// changing one, a summary of the change, kept with its revision.

import { useState } from "react";
import type { Visibility } from "@/lib/api";
import { useForm } from "@/lib/form";
import { FormError } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Checkbox, TextField } from "@/components/ui/Field";
import { MarkdownEditor } from "@/components/MarkdownEditor";
import { parseTags } from "./shared";

export interface ArticleDraft {
  title: string;
  body: string;
  tags: string[];
  /** `portal`: requesters find it on the portal once published. */
  visibility?: Visibility;
  /** What this save changed (only when editing). */
  summary?: string;
}

export function ArticleEditor<R>({
  initial,
  editing,
  submitLabel,
  onSubmit,
  onDone,
  onCancel,
}: {
  initial?: ArticleDraft;
  /** Changing an existing article: asks for a summary of the change. */
  editing?: boolean;
  submitLabel: string;
  onSubmit: (draft: ArticleDraft) => Promise<R>;
  onDone: (result: R) => void;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState(initial?.title ?? "");
  const [body, setBody] = useState(initial?.body ?? "");
  const [tags, setTags] = useState((initial?.tags ?? []).join(", "));
  const [summary, setSummary] = useState("");
  const [portal, setPortal] = useState(initial?.visibility === "portal");
  const form = useForm(
    () =>
      onSubmit({
        title: title.trim(),
        body,
        tags: parseTags(tags),
        visibility: portal ? "portal" : "internal",
        ...(editing ? { summary: summary.trim() } : {}),
      }),
    onDone,
    { fields: ["title", "body", "tags", "visibility", "summary"] },
  );
  return (
    <form onSubmit={form.onSubmit} className="space-y-4" noValidate aria-label={editing ? "Edit article" : "New article"}>
      <FormError form={form} />
      <TextField label="Title" value={title} onChange={(e) => setTitle(e.target.value)} error={form.fieldError("title")} required />
      <MarkdownEditor label="Body" value={body} onChange={setBody} rows={14} error={form.fieldError("body")} />
      <TextField label="Tags" hint="Comma-separated, e.g. database, checkout" value={tags} onChange={(e) => setTags(e.target.value)} error={form.errorUnder("tags")} />
      <div>
        <Checkbox label="Show on the portal" checked={portal} onChange={(e) => setPortal(e.target.checked)} />
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          {form.fieldError("visibility") ?? "Once published, requesters find it in the portal's help articles and beside the request forms it matches."}
        </p>
      </div>
      {editing && (
        <TextField
          label="Summary of this change"
          hint="Shown in the article's history, e.g. “Add the restart step”"
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          error={form.fieldError("summary")}
        />
      )}
      <div className="flex flex-wrap gap-3">
        <Button type="submit" pending={form.pending}>
          {submitLabel}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
