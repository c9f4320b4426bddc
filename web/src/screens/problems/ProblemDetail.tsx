"use client";
// A problem's page: its status and fields (editable, under If-Match), the
// incidents it causes, its links and its timeline.

import { useState } from "react";
import { api, ApiError, problemPath, PROBLEM_STATUSES, type ProblemChange, type ProblemRecord, type ProblemStatus, type RecordSummary, type Versioned } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { Markdown } from "@/lib/markdown";
import { useMemberName, useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { Link, useDocumentTitle } from "@/lib/router";
import { Alert, ErrorAlert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { ErrorState, Loading } from "@/components/ui/States";
import { MarkdownEditor } from "@/components/MarkdownEditor";
import { LinksPanel } from "@/components/records/LinksPanel";
import { RecordActivity } from "@/components/records/RecordActivity";
import { ProblemStatusBadge, problemStatusLabel } from "./status";

/** Records of another kind, linking to their pages. */
export function RecordList({ label, records, empty }: { label: string; records: RecordSummary[]; empty: string }) {
  const { membership } = useOrg();
  const page: Record<string, string> = { incident: "incidents", problem: "problems", change: "changes", article: "kb" };
  if (!records.length) return <p className="text-sm text-slate-600 dark:text-slate-400">{empty}</p>;
  return (
    <ul aria-label={label} className="space-y-1">
      {records.map((r) => (
        <li key={r.id} className="text-sm">
          <Link href={`/${membership.slug}/${page[r.kind] ?? ""}/${r.kind === "article" ? r.id : r.number}`} className="font-mono text-brand-700 hover:underline dark:text-brand-300">
            {r.number}
          </Link>{" "}
          <span className="text-slate-900 dark:text-slate-100">{r.title}</span> <span className="text-slate-600 dark:text-slate-400">({r.status})</span>
        </li>
      ))}
    </ul>
  );
}

/** One Markdown field: shown, and edited in place. */
function TextSection({ title, value, onSave, busy }: { title: string; value: string; onSave: (text: string) => Promise<boolean>; busy: boolean }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(value);
  return (
    <Card>
      <CardHeader
        title={title}
        action={
          !editing && (
            <Button size="sm" variant="secondary" onClick={() => (setText(value), setEditing(true))} aria-label={`Edit ${title.toLowerCase()}`}>
              Edit
            </Button>
          )
        }
      />
      <div className="p-4 text-slate-900 dark:text-slate-100">
        {editing ? (
          <form
            className="space-y-3"
            onSubmit={async (e) => {
              e.preventDefault();
              if (await onSave(text)) setEditing(false);
            }}
          >
            <MarkdownEditor label={title} value={text} onChange={setText} rows={5} />
            <div className="flex gap-2">
              <Button type="submit" pending={busy}>
                Save {title.toLowerCase()}
              </Button>
              <Button variant="secondary" onClick={() => setEditing(false)}>
                Cancel
              </Button>
            </div>
          </form>
        ) : value ? (
          <Markdown source={value} />
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">Not written yet.</p>
        )}
      </div>
    </Card>
  );
}

export default function ProblemDetail({ number }: { number: string }) {
  const { org, membership } = useOrg();
  const nameOf = useMemberName();
  const detail = useResource<Versioned<ProblemRecord>>(() => api.problem(org.id, number), [org.id, number]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [stale, setStale] = useState(false);
  const problem = detail.data?.value;
  useDocumentTitle(problem ? `${problem.number} ${problem.title}` : undefined);

  const update = async (change: ProblemChange) => {
    setBusy(true);
    setError(undefined);
    try {
      detail.setData(await api.updateProblem(org.id, number, detail.data!.etag, change));
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) setStale(true);
      else setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };

  if (detail.loading) return <Loading label="Loading problem…" />;
  if (!problem) return <ErrorState error={detail.error} onRetry={detail.reload} />;
  const base = problemPath(org.id, problem.id);
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/${membership.slug}/problems`} className="text-brand-700 hover:underline dark:text-brand-300">
          ← All problems
        </Link>
      </nav>
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-mono text-sm text-slate-700 dark:text-slate-300">{problem.number}</span>
          <ProblemStatusBadge status={problem.status} />
          <span className="text-sm text-slate-700 dark:text-slate-300">{problem.priority}</span>
        </div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900 dark:text-white">{problem.title}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Recorded {formatDateTime(problem.createdAt)} by {nameOf(problem.createdBy)}
          {problem.symptom && <> · Symptom: {problem.symptom}</>}
        </p>
      </header>
      {stale && (
        <Alert tone="warning" title="This problem changed meanwhile" action={<Button size="sm" onClick={() => (setStale(false), void detail.reload())}>Reload</Button>}>
          Someone else saved it since you opened it; reload to see their change, then try again.
        </Alert>
      )}
      <ErrorAlert error={error} />
      <Card className="p-4">
        <label htmlFor="problem-status" className="text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">
          Status
        </label>
        <select
          id="problem-status"
          className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900"
          value={problem.status}
          disabled={busy}
          onChange={(e) => void update({ status: e.target.value as ProblemStatus })}
        >
          {PROBLEM_STATUSES.map((s) => (
            <option key={s} value={s}>
              {problemStatusLabel(s)}
            </option>
          ))}
        </select>
      </Card>
      <Card>
        <CardHeader title="Incidents it causes" />
        <div className="p-4">
          <RecordList label="Incidents it causes" records={problem.linkedIncidents} empty="No incidents linked yet." />
        </div>
      </Card>
      <TextSection title="Workaround" value={problem.workaround} busy={busy} onSave={(workaround) => update({ workaround })} />
      <TextSection title="Root cause" value={problem.rootCause} busy={busy} onSave={(rootCause) => update({ rootCause })} />
      <TextSection title="Description" value={problem.description} busy={busy} onSave={(description) => update({ description })} />
      <Card className="p-4">
        <h2 className="mb-3 text-base font-semibold text-slate-900 dark:text-white">Links</h2>
        <LinksPanel base={base} />
      </Card>
      <RecordActivity base={base} version={problem.version} />
    </div>
  );
}
