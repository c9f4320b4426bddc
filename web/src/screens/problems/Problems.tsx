"use client";
// Problem management: the list (filters, search, known errors), a new
// problem (from incidents), and a problem's page.

import { useState } from "react";
import { api, PROBLEM_STATUSES, PRIORITIES, type Priority, type ProblemStatus } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { useForm } from "@/lib/form";
import { useOrg } from "@/lib/org";
import { usePages } from "@/lib/pages";
import { useResource } from "@/lib/resource";
import { Link, navigate, useLocation } from "@/lib/router";
import { FormError } from "@/components/ui/Alert";
import { Button, ButtonLink } from "@/components/ui/Button";
import { Card, PageHeader } from "@/components/ui/Card";
import { Checkbox, SelectField, TextField } from "@/components/ui/Field";
import { EmptyState, ErrorState, LoadMore, Loading } from "@/components/ui/States";
import { MarkdownEditor } from "@/components/MarkdownEditor";
import ProblemDetail from "./ProblemDetail";
import { ProblemStatusBadge, problemStatusLabel } from "./status";

function ProblemList() {
  const { org, membership } = useOrg();
  const [status, setStatus] = useState<ProblemStatus | "">("");
  const [knownError, setKnownError] = useState(false);
  const [q, setQ] = useState("");
  const [search, setSearch] = useState("");
  const problems = usePages((cursor) => api.problems(org.id, { status, knownError, q: search, cursor }), [org.id, status, knownError, search]);
  const newHref = `/${membership.slug}/problems/new`;
  return (
    <>
      <PageHeader title="Problems" description="The causes behind incidents, and the known errors a responder can use." actions={<ButtonLink href={newHref}>New problem</ButtonLink>} />
      <Card className="mb-4 p-4">
        <form
          className="flex flex-wrap items-end gap-4"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            setSearch(q.trim());
          }}
        >
          <SelectField label="Status" value={status} onChange={(e) => setStatus(e.target.value as ProblemStatus | "")}>
            <option value="">Any</option>
            {PROBLEM_STATUSES.map((s) => (
              <option key={s} value={s}>
                {problemStatusLabel(s)}
              </option>
            ))}
          </SelectField>
          <TextField label="Search title, symptom, workaround" value={q} onChange={(e) => setQ(e.target.value)} />
          <Checkbox label="Known errors only" checked={knownError} onChange={(e) => setKnownError(e.target.checked)} />
          <Button type="submit" variant="secondary">
            Search
          </Button>
        </form>
      </Card>
      {problems.loading ? (
        <Loading label="Loading problems…" />
      ) : !problems.data ? (
        <ErrorState error={problems.error} onRetry={problems.reload} />
      ) : problems.data.length === 0 ? (
        <Card>
          <EmptyState title="No problems" action={<ButtonLink href={newHref}>Record a problem</ButtonLink>}>
            Group incidents with the same cause into a problem, and publish its workaround.
          </EmptyState>
        </Card>
      ) : (
        <Card>
          <ul className="divide-y divide-slate-200 dark:divide-slate-700" aria-label="Problems">
            {problems.data.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center gap-2 px-4 py-3">
                <span className="font-mono text-sm text-slate-700 dark:text-slate-300">{p.number}</span>
                <Link href={`/${membership.slug}/problems/${p.number}`} className="font-medium text-slate-900 hover:underline dark:text-white">
                  {p.title}
                </Link>
                <ProblemStatusBadge status={p.status} />
                <span className="text-sm text-slate-600 dark:text-slate-400">
                  {p.priority} · {p.linkedIncidents.length} incident(s) · updated {formatDateTime(p.updatedAt)}
                </span>
              </li>
            ))}
          </ul>
          <LoadMore pages={problems} label="Load more problems" />
        </Card>
      )}
    </>
  );
}

/** A new problem; `?incidents=inc_…,inc_…` ticks incidents it causes. */
function NewProblem() {
  const { org, membership } = useOrg();
  const { search } = useLocation();
  const [title, setTitle] = useState("");
  const [symptom, setSymptom] = useState("");
  const [description, setDescription] = useState("");
  const [priority, setPriority] = useState<Priority>("P3");
  const [picked, setPicked] = useState<string[]>(() => (search.get("incidents") ?? "").split(",").filter(Boolean));
  const recent = useResource(() => api.incidents(org.id, { limit: 50 }).then((p) => p.data), [org.id]);
  const form = useForm(
    () => api.createProblem(org.id, { title: title.trim(), symptom, description, priority, incidents: picked }),
    (problem) => navigate(`/${membership.slug}/problems/${problem.number}`),
  );
  const toggle = (id: string, on: boolean) => setPicked((current) => (on ? [...current, id] : current.filter((p) => p !== id)));
  return (
    <>
      <PageHeader title="New problem" />
      <Card className="max-w-3xl p-4 sm:p-6">
        <form onSubmit={form.onSubmit} className="space-y-4" noValidate>
          <FormError form={form} />
          <TextField label="Title" value={title} onChange={(e) => setTitle(e.target.value)} error={form.fieldError("title")} required />
          <TextField label="Symptom" hint="What people see when it strikes" value={symptom} onChange={(e) => setSymptom(e.target.value)} error={form.fieldError("symptom")} />
          <MarkdownEditor label="Description" value={description} onChange={setDescription} rows={6} error={form.fieldError("description")} />
          <SelectField label="Priority" value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
            {PRIORITIES.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </SelectField>
          <fieldset>
            <legend className="text-sm font-medium text-slate-900 dark:text-slate-100">Incidents it causes</legend>
            {form.fieldError("incidents") && <p className="text-sm text-red-700 dark:text-red-300">{form.fieldError("incidents")}</p>}
            {recent.loading ? (
              <Loading label="Loading incidents…" />
            ) : (
              <ul className="mt-2 max-h-64 space-y-1 overflow-y-auto" aria-label="Incidents">
                {(recent.data ?? []).map((incident) => (
                  <li key={incident.id}>
                    <Checkbox
                      label={`${incident.reference} ${incident.title}`}
                      checked={picked.includes(incident.id)}
                      onChange={(e) => toggle(incident.id, e.target.checked)}
                    />
                  </li>
                ))}
              </ul>
            )}
          </fieldset>
          <div className="flex gap-3">
            <Button type="submit" pending={form.pending}>
              Create problem
            </Button>
            <ButtonLink href={`/${membership.slug}/problems`} variant="secondary">
              Cancel
            </ButtonLink>
          </div>
        </form>
      </Card>
    </>
  );
}

export default function Problems({ view }: { view: string }) {
  if (view === "") return <ProblemList />;
  if (view === "new") return <NewProblem />;
  return <ProblemDetail key={view} number={view.replace(/^PRB-/i, "")} />;
}
