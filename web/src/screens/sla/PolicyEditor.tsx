"use client";
// An SLA policy's editor (admins): which records it applies to (see
// AppliesTo), targets per priority for response and resolution, the
// calendar it counts by (or round the clock), pausing while waiting on
// the requester, and warnings before a breach. Saved with If-Match;
// edits reach new records only, so running clocks take the new targets
// only when the policy is re-applied.

import { useRef, useState } from "react";
import { api, ApiError, PAUSE_STATUSES, type PolicySubject, type PolicyTargets, type SlaPolicy, type SlaPolicySpec } from "@/lib/api";
import { useForm } from "@/lib/form";
import { formatDuration, SEVERITY_LABEL } from "@/lib/format";
import { useOrg } from "@/lib/org";
import { useAction, useResource } from "@/lib/resource";
import { Link, navigate } from "@/lib/router";
import { Alert, ErrorAlert, FormError } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { Checkbox, inputClass, SelectField, TextField } from "@/components/ui/Field";
import { cx } from "@/components/ui/cx";
import { AppliesToSection, appliesToOf, scopeOf, type Scope } from "./AppliesTo";
import { EditorPage, type EditorProps } from "./EditorPage";
import { DEFAULT_ROW, TARGET_KEYS, type TargetKey } from "./shared";

const FIELDS = ["name", "enabled", "appliesTo", "targets", "calendar", "pauseStatuses", "warnings"] as const;
const MAX_WARNINGS = 3;
const WAITING = PAUSE_STATUSES[0];

interface Draft extends Scope {
  name: string;
  enabled: boolean;
  /** Minutes as typed, per priority and metric. */
  targets: Record<TargetKey, { response: string; resolution: string }>;
  /** "" for round the clock. */
  calendar: string;
  pauseStatuses: string[];
  warnings: string[];
}

const typed = (minutes: number | null | undefined) => (minutes ? String(minutes) : "");

function draftOf(policy?: SlaPolicy): Draft {
  const targets = {} as Draft["targets"];
  for (const key of TARGET_KEYS) {
    const t = policy?.targets[key];
    targets[key] = { response: typed(t?.responseMinutes), resolution: typed(t?.resolutionMinutes) };
  }
  if (!policy) targets.default = { response: "60", resolution: "480" };
  return {
    name: policy?.name ?? "",
    enabled: policy?.enabled !== false,
    ...scopeOf(policy),
    targets,
    calendar: policy?.calendar ?? "",
    pauseStatuses: policy?.pauseStatuses ?? [],
    warnings: (policy?.warnings ?? (policy ? [] : [75])).map(String),
  };
}

const minutesOf = (text: string) => (text.trim() === "" ? null : Math.round(Number(text)));

/** The rows a policy for `record` has: priorities for incidents; requests and tasks have one. */
const rowsFor = (record: PolicySubject): readonly TargetKey[] => (record === "incident" ? TARGET_KEYS : ["default"]);

function specOf(d: Draft): SlaPolicySpec {
  const targets: Record<string, PolicyTargets> = {};
  for (const key of rowsFor(d.record)) {
    const response = minutesOf(d.targets[key].response);
    const resolution = minutesOf(d.targets[key].resolution);
    if (response === null && resolution === null) continue;
    targets[key] = { ...(response !== null ? { responseMinutes: response } : {}), ...(resolution !== null ? { resolutionMinutes: resolution } : {}) };
  }
  return {
    name: d.name.trim(),
    enabled: d.enabled,
    appliesTo: appliesToOf(d),
    targets,
    calendar: d.calendar || null,
    pauseStatuses: d.pauseStatuses,
    warnings: d.warnings.filter((w) => w.trim() !== "").map((w) => Math.round(Number(w))),
  };
}

const ROW_LABEL: Record<TargetKey, string> = { P1: SEVERITY_LABEL.P1, P2: SEVERITY_LABEL.P2, P3: SEVERITY_LABEL.P3, P4: SEVERITY_LABEL.P4, default: "Any other priority" };
/** The targets table's first column. */
const RECORDS_LABEL: Record<PolicySubject, string> = { incident: "Priority", request: "Requests", task: "Tasks" };

function MinutesInput({ label, value, onChange, invalid }: { label: string; value: string; onChange: (v: string) => void; invalid: boolean }) {
  const minutes = Number(value);
  return (
    <div>
      <input
        type="number"
        min={1}
        inputMode="numeric"
        aria-label={label}
        aria-invalid={invalid || undefined}
        className={cx(inputClass, "w-28", invalid && "border-red-500 dark:border-red-400")}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      <p className="mt-0.5 text-xs text-slate-600 dark:text-slate-400" aria-hidden="true">
        {value.trim() === "" ? "not measured" : minutes > 0 ? formatDuration(minutes * 60) : "—"}
      </p>
    </div>
  );
}

function TargetsTable({ draft, setDraft, errorUnder }: { draft: Draft; setDraft: (d: Draft) => void; errorUnder: (field: string) => string | undefined }) {
  const rows = rowsFor(draft.record);
  const set = (key: TargetKey, metric: "response" | "resolution", value: string) =>
    setDraft({ ...draft, targets: { ...draft.targets, [key]: { ...draft.targets[key], [metric]: value } } });
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Targets per priority, in minutes</caption>
        <thead>
          <tr className="border-b border-slate-200 text-slate-700 dark:border-slate-700 dark:text-slate-300">
            <th scope="col" className="py-2 pr-4 font-medium">
              {RECORDS_LABEL[draft.record]}
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Respond within (minutes)
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Resolve within (minutes)
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-700">
          {rows.map((key) => {
            const label = draft.record === "incident" ? ROW_LABEL[key] : DEFAULT_ROW[draft.record];
            const error = errorUnder(`targets.${key}`);
            return (
              <tr key={key} className="align-top">
                <th scope="row" className="py-2 pr-4 font-medium text-slate-900 dark:text-white">
                  {label}
                  {error && <p className="mt-1 text-sm font-normal text-red-700 dark:text-red-300">{error}</p>}
                </th>
                <td className="py-2 pr-4">
                  <MinutesInput
                    label={`${label}: respond within (minutes)`}
                    value={draft.targets[key].response}
                    invalid={!!errorUnder(`targets.${key}.responseMinutes`)}
                    onChange={(v) => set(key, "response", v)}
                  />
                </td>
                <td className="py-2 pr-4">
                  <MinutesInput
                    label={`${label}: resolve within (minutes)`}
                    value={draft.targets[key].resolution}
                    invalid={!!errorUnder(`targets.${key}.resolutionMinutes`)}
                    onChange={(v) => set(key, "resolution", v)}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {draft.record === "incident" && (
        <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">A priority left empty uses “Any other priority”. Empty cells are not measured.</p>
      )}
    </div>
  );
}

function Reapply({ policy }: { policy: SlaPolicy }) {
  const { org } = useOrg();
  const reapply = useAction(() => api.reapplySlaPolicy(org.id, policy.id));
  const [result, setResult] = useState<number>();
  return (
    <div className="space-y-2">
      <Button
        variant="secondary"
        pending={reapply.pending}
        onClick={async () => {
          setResult(undefined);
          if (!window.confirm(`Re-apply “${policy.name}” to its running clocks? They take its current targets and calendar, keeping the time they have counted.`)) return;
          const answer = await reapply.run();
          if (answer) setResult(answer.clocks);
        }}
      >
        Re-apply to running clocks
      </Button>
      {result !== undefined && (
        <Alert tone="success">
          Re-applied to {result} running clock{result === 1 ? "" : "s"}.
        </Alert>
      )}
      <ErrorAlert error={reapply.error} />
    </div>
  );
}

function PolicyEditor({ saved, onSaved, onReload }: EditorProps<SlaPolicy>) {
  const { org, membership } = useOrg();
  const policy = saved?.value;
  const calendars = useResource(() => api.calendars(org.id), [org.id]);
  const [draft, setDraft] = useState<Draft>(() => draftOf(policy));
  const [stale, setStale] = useState(false);
  const now = JSON.stringify(specOf(draft));
  const baseline = useRef(now);
  const dirty = !policy || now !== baseline.current;
  const base = `/${membership.slug}/settings/sla-policies`;

  const form = useForm(
    async () => {
      try {
        return saved ? await api.replaceSlaPolicy(org.id, saved.value.id, saved.etag, specOf(draft)) : await api.createSlaPolicy(org.id, specOf(draft));
      } catch (e) {
        if (e instanceof ApiError && e.status === 412) setStale(true);
        throw e;
      }
    },
    (result) => {
      onSaved(result);
      if (!saved) navigate(`${base}/${result.value.id}`, { replace: true });
    },
    { fields: FIELDS },
  );

  const exact = (field: string) => form.apiError?.problem.errors?.find((e) => e.field === field)?.detail;
  const pauses = draft.pauseStatuses.includes(WAITING);
  const task = draft.record === "task";

  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-6" aria-label={policy ? `Edit ${policy.name}` : "New SLA policy"}>
      {stale && (
        <Alert tone="warning" title="This policy changed meanwhile" action={<Button size="sm" onClick={onReload}>Reload</Button>}>
          Someone else saved it since you opened it. Reload to see their version (your changes here are lost), then edit again.
        </Alert>
      )}
      <FormError form={form} />
      <Card>
        <CardHeader title="Policy" />
        <div className="grid gap-4 p-4 sm:grid-cols-[2fr_1fr] sm:items-end">
          <TextField label="Name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} error={form.fieldError("name")} required />
          <Checkbox
            className="mb-2"
            label="Enabled (off: it starts no clocks and sends no warnings)"
            checked={draft.enabled}
            onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })}
          />
        </div>
      </Card>

      {policy?.isDefault ? (
        // The server keeps the default policy on every incident.
        <Card>
          <CardHeader
            title="Applies to"
            description="Every incident no other policy takes: this is the default policy, tried last. Its targets are also the ones the dashboard judges every incident by (SLA targets in Settings)."
          />
        </Card>
      ) : (
        <AppliesToSection scope={draft} onChange={(change) => setDraft({ ...draft, ...change })} errorUnder={form.errorUnder} />
      )}

      <Card>
        <CardHeader
          title="Targets"
          description={
            task
              ? "Business time allowed until work on the task starts and until it is done."
              : "Business time allowed until the first response and until the record is resolved (a request: fulfilled)."
          }
        />
        <div className="space-y-2 p-4">
          {exact("targets") && <p className="text-sm text-red-700 dark:text-red-300">{exact("targets")}</p>}
          <TargetsTable draft={draft} setDraft={setDraft} errorUnder={form.errorUnder} />
        </div>
      </Card>

      <Card>
        <CardHeader title="Counting" />
        <div className="space-y-5 p-4">
          <SelectField
            label="Calendar"
            value={draft.calendar}
            onChange={(e) => setDraft({ ...draft, calendar: e.target.value })}
            error={form.fieldError("calendar")}
            hint={
              <>
                Clocks count only the calendar's business hours.{" "}
                <Link href={`${base}/calendars/new`} className="font-medium text-brand-700 hover:underline dark:text-brand-300">
                  New calendar
                </Link>
              </>
            }
            className="max-w-md"
          >
            <option value="">Round the clock (24/7)</option>
            {(calendars.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.timeZone.replace(/_/g, " ")})
              </option>
            ))}
          </SelectField>
          <div>
            <Checkbox
              label="Pause while waiting on the requester"
              checked={pauses}
              onChange={(e) =>
                setDraft({ ...draft, pauseStatuses: e.target.checked ? [...draft.pauseStatuses, WAITING] : draft.pauseStatuses.filter((s) => s !== WAITING) })
              }
            />
            <p className="ml-6 text-xs text-slate-600 dark:text-slate-400">
              {task ? "A task's clocks stop while it" : "A request's clocks stop while one of its tasks"} waits on the requester, and run on when it is resumed.
            </p>
            {form.errorUnder("pauseStatuses") && <p className="ml-6 mt-1 text-sm text-red-700 dark:text-red-300">{form.errorUnder("pauseStatuses")}</p>}
          </div>
          <fieldset>
            <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">Warnings before a breach</legend>
            <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">
              Emailed when a clock has used this share of its target: to an incident&apos;s assignees, commander and team lead; to a request&apos;s task assignees and their teams&apos; leads; for
              a task, to its assignee and its team&apos;s lead.
            </p>
            <ol className="space-y-2" aria-label="Warnings">
              {draft.warnings.map((w, i) => (
                <li key={i} className="flex flex-wrap items-end gap-2">
                  <TextField
                    label={`Warning ${i + 1} at (% of the target)`}
                    type="number"
                    min={1}
                    max={99}
                    value={w}
                    onChange={(e) => setDraft({ ...draft, warnings: draft.warnings.map((x, j) => (j === i ? e.target.value : x)) })}
                    className="w-56"
                  />
                  <Button size="sm" variant="ghost" onClick={() => setDraft({ ...draft, warnings: draft.warnings.filter((_, j) => j !== i) })} aria-label={`Remove warning ${i + 1}`}>
                    Remove
                  </Button>
                </li>
              ))}
            </ol>
            {draft.warnings.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">No warnings: only breaches are emailed.</p>}
            {form.errorUnder("warnings") && <p className="mt-1 text-sm text-red-700 dark:text-red-300">{form.errorUnder("warnings")}</p>}
            {draft.warnings.length < MAX_WARNINGS && (
              <Button size="sm" variant="secondary" className="mt-2" onClick={() => setDraft({ ...draft, warnings: [...draft.warnings, ""] })}>
                Add a warning
              </Button>
            )}
          </fieldset>
        </div>
      </Card>

      <Card className="space-y-4 p-4">
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Changes apply to incidents, requests and tasks opened after you save. Running clocks keep the targets, calendar, pauses and warnings they started with until you re-apply the policy to them.
        </p>
        <div className="flex flex-wrap gap-3">
          <Button type="submit" pending={form.pending} disabled={!!policy && !dirty}>
            {policy ? "Save changes" : "Create policy"}
          </Button>
          <Button variant="secondary" onClick={() => navigate(base)}>
            {policy && !dirty ? "Back to the policies" : "Cancel"}
          </Button>
        </div>
        {policy && (
          <div className="border-t border-slate-200 pt-4 dark:border-slate-700">
            {dirty ? <p className="text-sm text-slate-600 dark:text-slate-400">Save your changes first to re-apply them to running clocks.</p> : <Reapply policy={policy} />}
          </div>
        )}
      </Card>
    </form>
  );
}

export default function PolicyEditorPage({ policyId }: { policyId?: string }) {
  return (
    <EditorPage<SlaPolicy>
      id={policyId}
      load={(orgId, id) => api.slaPolicy(orgId, id)}
      noun="policy"
      listTitle="SLA policies"
      savedMessage="Policy saved. New records follow it from now on."
      subtitle={(p) => `revision ${p.revision}`}
      Editor={PolicyEditor}
    />
  );
}
