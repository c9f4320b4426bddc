"use client";
// Change management: the list, awaiting my approval, the calendar, the
// settings (admins), a new change and a change's page.

import { useState } from "react";
import { api, CHANGE_TYPES, type ChangeStatus, type ChangeType } from "@/lib/api";
import { useForm } from "@/lib/form";
import { useOrg } from "@/lib/org";
import { usePages } from "@/lib/pages";
import { useResource } from "@/lib/resource";
import { navigate } from "@/lib/router";
import { FormError } from "@/components/ui/Alert";
import { Button, ButtonLink } from "@/components/ui/Button";
import { Card, PageHeader } from "@/components/ui/Card";
import { SelectField, TextField } from "@/components/ui/Field";
import { EmptyState, ErrorState, LoadMore, Loading, NotAllowed } from "@/components/ui/States";
import { MarkdownEditor } from "@/components/MarkdownEditor";
import ChangeCalendar from "./ChangeCalendar";
import ChangeDetail from "./ChangeDetail";
import ChangeSettings from "./ChangeSettings";
import { ChangeRow, ChangeTabs, TYPE_LABEL, changeStatusLabel, fromLocalInput } from "./shared";

const STATUSES: ChangeStatus[] = ["draft", "awaiting_approval", "approved", "rejected", "scheduled", "implementing", "completed", "failed", "cancelled", "closed"];

function ChangeList() {
  const { org, membership } = useOrg();
  const [status, setStatus] = useState<ChangeStatus | "">("");
  const changes = usePages((cursor) => api.changes(org.id, { status, cursor }), [org.id, status]);
  const newHref = `/${membership.slug}/changes/new`;
  return (
    <>
      <PageHeader title="Changes" description="Plan, approve and schedule changes to production." actions={<ButtonLink href={newHref}>New change</ButtonLink>} />
      <ChangeTabs />
      <div className="mb-4 max-w-xs">
        <SelectField label="Status" value={status} onChange={(e) => setStatus(e.target.value as ChangeStatus | "")}>
          <option value="">Any</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {changeStatusLabel(s)}
            </option>
          ))}
        </SelectField>
      </div>
      {changes.loading ? (
        <Loading label="Loading changes…" />
      ) : !changes.data ? (
        <ErrorState error={changes.error} onRetry={changes.reload} />
      ) : changes.data.length === 0 ? (
        <Card>
          <EmptyState title="No changes" action={<ButtonLink href={newHref}>Raise a change</ButtonLink>}>
            Raise a change to have it reviewed, approved and put on the calendar.
          </EmptyState>
        </Card>
      ) : (
        <Card>
          <ul className="divide-y divide-slate-200 dark:divide-slate-700" aria-label="Changes">
            {changes.data.map((c) => (
              <ChangeRow key={c.id} change={c} />
            ))}
          </ul>
          <LoadMore pages={changes} label="Load more changes" />
        </Card>
      )}
    </>
  );
}

function AwaitingMyApproval() {
  const { org } = useOrg();
  const waiting = useResource(() => api.awaitingMyApproval(org.id), [org.id]);
  return (
    <>
      <PageHeader title="Awaiting my approval" description="Changes whose current approval step waits for your vote." />
      <ChangeTabs />
      {waiting.loading ? (
        <Loading label="Loading changes…" />
      ) : !waiting.data ? (
        <ErrorState error={waiting.error} onRetry={waiting.reload} />
      ) : waiting.data.length === 0 ? (
        <Card>
          <EmptyState title="Nothing waits for you">No change needs your vote right now.</EmptyState>
        </Card>
      ) : (
        <Card>
          <ul className="divide-y divide-slate-200 dark:divide-slate-700" aria-label="Changes awaiting my approval">
            {waiting.data.map((c) => (
              <ChangeRow key={c.id} change={c} />
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}

function NewChange() {
  const { org, membership } = useOrg();
  const policy = useResource(() => api.changePolicy(org.id).then((p) => p.value), [org.id]);
  const [title, setTitle] = useState("");
  const [type, setType] = useState<ChangeType>("normal");
  const [description, setDescription] = useState("");
  const [implementationPlan, setImplementationPlan] = useState("");
  const [backoutPlan, setBackoutPlan] = useState("");
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const form = useForm(
    () => {
      const window = start || end ? { start: fromLocalInput(start) ?? "", end: fromLocalInput(end) ?? "" } : null;
      return api.createChange(org.id, { title: title.trim(), type, description, implementationPlan, backoutPlan, window, riskAnswers: Object.fromEntries(Object.entries(answers).filter(([, a]) => a)) });
    },
    (change) => navigate(`/${membership.slug}/changes/${change.number}`),
  );
  return (
    <>
      <PageHeader title="New change" />
      <Card className="max-w-3xl p-4 sm:p-6">
        <form onSubmit={form.onSubmit} className="space-y-4" noValidate>
          <FormError form={form} />
          <TextField label="Title" value={title} onChange={(e) => setTitle(e.target.value)} error={form.fieldError("title")} required />
          <SelectField label="Type" value={type} onChange={(e) => setType(e.target.value as ChangeType)}>
            {CHANGE_TYPES.map((t) => (
              <option key={t} value={t}>
                {TYPE_LABEL[t]}
              </option>
            ))}
          </SelectField>
          <MarkdownEditor label="Description" value={description} onChange={setDescription} rows={4} error={form.fieldError("description")} />
          <MarkdownEditor label="Implementation plan" value={implementationPlan} onChange={setImplementationPlan} rows={4} />
          <MarkdownEditor label="Backout plan" value={backoutPlan} onChange={setBackoutPlan} rows={3} />
          <fieldset className="grid gap-4 sm:grid-cols-2">
            <legend className="mb-2 text-sm font-medium text-slate-900 dark:text-slate-100">Planned window (your time zone)</legend>
            <TextField label="Starts" type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} error={form.fieldError("window.start")} />
            <TextField label="Ends" type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} error={form.fieldError("window.end") ?? form.fieldError("window")} />
          </fieldset>
          {(policy.data?.riskQuestions ?? []).map((question) => (
            <SelectField
              key={question.key}
              label={question.text}
              value={answers[question.key] ?? ""}
              error={form.fieldError(`riskAnswers.${question.key}`)}
              onChange={(e) => setAnswers((a) => ({ ...a, [question.key]: e.target.value }))}
            >
              <option value="">Not answered</option>
              {question.answers.map((answer) => (
                <option key={answer.key} value={answer.key}>
                  {answer.text}
                </option>
              ))}
            </SelectField>
          ))}
          <div className="flex gap-3">
            <Button type="submit" pending={form.pending}>
              Create change
            </Button>
            <ButtonLink href={`/${membership.slug}/changes`} variant="secondary">
              Cancel
            </ButtonLink>
          </div>
        </form>
      </Card>
    </>
  );
}

export default function Changes({ view }: { view: string }) {
  const { isAdmin } = useOrg();
  if (view === "") return <ChangeList />;
  if (view === "new") return <NewChange />;
  if (view === "awaiting") return <AwaitingMyApproval />;
  if (view === "calendar") return <ChangeCalendar />;
  if (view === "settings") return isAdmin ? <ChangeSettings /> : <NotAllowed>Only admins change the change policy.</NotAllowed>;
  return <ChangeDetail key={view} number={view.replace(/^CHG-/i, "")} />;
}
