"use client";

import { useState, type FormEvent } from "react";
import type { TimelineEntry } from "@/lib/api";
import { formatDateTime, formatRelative } from "@/lib/format";
import { Markdown } from "@/lib/markdown";
import { useOrg } from "@/lib/org";
import { Button } from "@/components/ui/Button";
import { ErrorAlert } from "@/components/ui/Alert";
import { MarkdownEditor } from "@/components/MarkdownEditor";

const KIND_ICON: Record<string, string> = {
  note: "✎",
  status_change: "●",
  severity_change: "▲",
  assignment: "+",
  handoff: "⇄",
  notification: "✉",
  escalation: "⚑",
  link: "↔",
  approval: "✓",
  task: "☐",
};

function Entry({ entry, noteVerb }: { entry: TimelineEntry; noteVerb: string }) {
  const { members } = useOrg();
  const isNote = entry.kind === "note";
  // Members by their current name; people who left as they were known then.
  const member = entry.actorId ? members.data?.find((m) => m.userId === entry.actorId) : undefined;
  const actor = member?.name || entry.actor;
  return (
    <li className="relative pb-6 pl-10 last:pb-0">
      <span
        className="absolute left-0 top-0 flex h-7 w-7 items-center justify-center rounded-full bg-slate-100 text-xs text-slate-700 ring-4 ring-white dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-900"
        aria-hidden="true"
      >
        {KIND_ICON[entry.kind] ?? "•"}
      </span>
      <div className="text-sm">
        <span className="font-medium text-slate-900 dark:text-white">{actor}</span>{" "}
        <span className="text-slate-600 dark:text-slate-400">
          {isNote ? noteVerb : ""} · <time dateTime={entry.createdAt} title={formatDateTime(entry.createdAt)}>{formatRelative(entry.createdAt)}</time>
        </span>
      </div>
      {isNote ? (
        <div className="mt-2 rounded-md border border-slate-200 bg-white p-3 text-slate-900 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100">
          <Markdown source={entry.body} />
        </div>
      ) : (
        <p className="mt-0.5 text-sm text-slate-700 dark:text-slate-300">{entry.body}</p>
      )}
    </li>
  );
}

/** A record's timeline entries, oldest first; `label` names the list (another record's timeline on the same page). */
export function Timeline({ entries, label = "Timeline", noteVerb = "added a note" }: { entries: TimelineEntry[]; label?: string; noteVerb?: string }) {
  if (!entries.length) return <p className="text-sm text-slate-600 dark:text-slate-400">Nothing has happened yet.</p>;
  return (
    <ol className="relative before:absolute before:bottom-2 before:left-3.5 before:top-2 before:w-px before:bg-slate-200 dark:before:bg-slate-700" aria-label={label}>
      {entries.map((entry) => (
        <Entry key={entry.id} entry={entry} noteVerb={noteVerb} />
      ))}
    </ol>
  );
}

export function NoteForm({
  onSubmit,
  label = "Add a note",
  submitLabel = "Add note",
  placeholder = "What did you find? What's next?",
}: {
  onSubmit: (text: string) => Promise<boolean>;
  label?: string;
  submitLabel?: string;
  placeholder?: string;
}) {
  const [text, setText] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    setPending(true);
    setError(undefined);
    try {
      if (await onSubmit(text)) setText("");
    } catch (e) {
      setError(e);
    } finally {
      setPending(false);
    }
  };
  return (
    <form onSubmit={submit} className="space-y-3">
      <ErrorAlert error={error} />
      <MarkdownEditor id="note-text" label={label} value={text} onChange={setText} rows={3} placeholder={placeholder} />
      <Button type="submit" pending={pending} disabled={!text.trim()}>
        {submitLabel}
      </Button>
    </form>
  );
}
