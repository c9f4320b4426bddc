"use client";
// Change settings (admins): freeze periods, the approval boards of normal
// and emergency changes, and the risk questionnaire.

import { useState } from "react";
import { api, ApiError, type ApprovalStep, type ChangePolicy } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { useForm } from "@/lib/form";
import { useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { Alert, ErrorAlert, FormError } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Card, CardHeader, PageHeader } from "@/components/ui/Card";
import { TextArea, TextField } from "@/components/ui/Field";
import { ApprovalStepEditor, newStep } from "@/components/records/ApprovalStepEditor";
import { ErrorState, Loading } from "@/components/ui/States";
import { ChangeTabs, fromLocalInput } from "./shared";

function Freezes() {
  const { org } = useOrg();
  const freezes = useResource(() => api.freezes(org.id), [org.id]);
  const [name, setName] = useState("");
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const form = useForm(
    () => api.createFreeze(org.id, { name: name.trim(), window: { start: fromLocalInput(start) ?? "", end: fromLocalInput(end) ?? "" } }),
    async () => {
      setName("");
      await freezes.reload();
    },
  );
  return (
    <Card>
      <CardHeader title="Freezes" description="No change but an emergency may be scheduled inside a freeze." />
      <div className="space-y-4 p-4">
        {freezes.data?.length ? (
          <ul aria-label="Freezes" className="space-y-1 text-sm">
            {freezes.data.map((f) => (
              <li key={f.id} className="flex flex-wrap items-center gap-2">
                <span className="font-medium text-slate-900 dark:text-white">{f.name}</span>
                <span className="text-slate-600 dark:text-slate-400">
                  {formatDateTime(f.window.start)} → {formatDateTime(f.window.end)}
                </span>
                <Button size="sm" variant="secondary" onClick={() => void api.deleteFreeze(org.id, f.id).then(freezes.reload)} aria-label={`End freeze ${f.name}`}>
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">No freezes.</p>
        )}
        <form onSubmit={form.onSubmit} className="grid gap-3 sm:grid-cols-4 sm:items-end" noValidate>
          <FormError form={form} className="sm:col-span-4" />
          <TextField label="Freeze name" value={name} onChange={(e) => setName(e.target.value)} error={form.fieldError("name")} />
          <TextField label="Freeze starts" type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />
          <TextField label="Freeze ends" type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} error={form.fieldError("window.end")} />
          <Button type="submit" pending={form.pending}>
            Add freeze
          </Button>
        </form>
      </div>
    </Card>
  );
}

/** One board's steps: name, rule and the members who approve. */
function BoardEditor({ title, steps, onChange }: { title: string; steps: ApprovalStep[]; onChange: (steps: ApprovalStep[]) => void }) {
  const set = (i: number, step: ApprovalStep) => onChange(steps.map((s, j) => (j === i ? step : s)));
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-semibold text-slate-900 dark:text-white">{title}</legend>
      {steps.map((step, i) => (
        <ApprovalStepEditor
          key={i}
          label={`${title} step ${i + 1}`}
          step={step}
          onChange={(next) => set(i, next)}
          actions={
            <Button size="sm" variant="secondary" onClick={() => onChange(steps.filter((_, j) => j !== i))}>
              Remove step
            </Button>
          }
        />
      ))}
      <Button size="sm" variant="secondary" onClick={() => onChange([...steps, newStep(`Step ${steps.length + 1}`)])}>
        Add a step to {title.toLowerCase()}
      </Button>
    </fieldset>
  );
}

function Policy() {
  const { org } = useOrg();
  const loaded = useResource(() => api.changePolicy(org.id), [org.id]);
  const [draft, setDraft] = useState<ChangePolicy | null>(null);
  const [questions, setQuestions] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>();
  if (loaded.loading) return <Loading label="Loading the change policy…" />;
  if (!loaded.data) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  const policy = draft ?? loaded.data.value;
  const questionsText = questions ?? JSON.stringify(policy.riskQuestions, null, 2);
  const save = async () => {
    setError(undefined);
    setSaved(false);
    try {
      const next = { ...policy, riskQuestions: JSON.parse(questionsText) } as ChangePolicy;
      loaded.setData(await api.setChangePolicy(org.id, loaded.data!.etag, next));
      setDraft(null);
      setQuestions(null);
      setSaved(true);
    } catch (e) {
      setError(e instanceof SyntaxError ? new Error(`The questionnaire is not valid JSON: ${e.message}`) : e);
    }
  };
  const fieldErrors = error instanceof ApiError ? error.problem.errors ?? [] : [];
  return (
    <Card>
      <CardHeader title="Change policy" description="Who approves normal and emergency changes, and how risk is assessed." />
      <div className="space-y-6 p-4">
        {saved && <Alert tone="success">Saved.</Alert>}
        <ErrorAlert error={error}>
          {fieldErrors.length > 0 && (
            <ul>
              {fieldErrors.map((e) => (
                <li key={e.field}>
                  {e.field}: {e.detail}
                </li>
              ))}
            </ul>
          )}
        </ErrorAlert>
        <BoardEditor title="Normal changes" steps={policy.normalApprovals} onChange={(normalApprovals) => setDraft({ ...policy, normalApprovals })} />
        <BoardEditor title="Emergency changes" steps={policy.emergencyApprovals} onChange={(emergencyApprovals) => setDraft({ ...policy, emergencyApprovals })} />
        <TextArea
          label="Risk questionnaire (JSON: questions with weighted answers)"
          rows={8}
          className="font-mono"
          value={questionsText}
          onChange={(e) => setQuestions(e.target.value)}
        />
        <div className="flex flex-wrap gap-3">
          <TextField label="Medium risk from score" type="number" min={0} value={policy.riskThresholds.medium} onChange={(e) => setDraft({ ...policy, riskThresholds: { ...policy.riskThresholds, medium: Number(e.target.value) } })} />
          <TextField label="High risk from score" type="number" min={0} value={policy.riskThresholds.high} onChange={(e) => setDraft({ ...policy, riskThresholds: { ...policy.riskThresholds, high: Number(e.target.value) } })} />
          <TextField label="Recent changes shown on incidents (hours)" type="number" min={1} value={policy.recentChangeHours} onChange={(e) => setDraft({ ...policy, recentChangeHours: Number(e.target.value) })} />
        </div>
        <Button onClick={() => void save()}>Save change policy</Button>
      </div>
    </Card>
  );
}

export default function ChangeSettings() {
  return (
    <>
      <PageHeader title="Change settings" />
      <ChangeTabs />
      <div className="space-y-6">
        <Freezes />
        <Policy />
      </div>
    </>
  );
}
