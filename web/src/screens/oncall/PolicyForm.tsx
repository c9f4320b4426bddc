"use client";
// Creating and editing an escalation policy: levels of targets (members and
// schedules) with the wait before the next level, how often to repeat, and
// the severities it covers (none: the organisation's default policy).

import { useState } from "react";
import { api, SEVERITIES, type EscalationPolicy, type EscalationTarget, type Schedule, type Severity } from "@/lib/api";
import { useForm } from "@/lib/form";
import { SEVERITY_LABEL } from "@/lib/format";
import { useFreshMembers, useOrg } from "@/lib/org";
import { ErrorAlert } from "@/components/ui/Alert";
import { Button, FormActions } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { Checkbox, TextField } from "@/components/ui/Field";

interface LevelDraft {
  targets: EscalationTarget[];
  delayMinutes: string;
}

const same = (a: EscalationTarget, b: EscalationTarget) => a.type === b.type && a.id === b.id;

export function PolicyForm({
  policy,
  schedules,
  onSaved,
  onCancel,
}: {
  policy?: EscalationPolicy;
  schedules: Schedule[];
  onSaved: (policy: EscalationPolicy) => void;
  onCancel: () => void;
}) {
  const { org } = useOrg();
  const members = useFreshMembers({ agentsOnly: true });
  const [name, setName] = useState(policy?.name ?? "");
  const [levels, setLevels] = useState<LevelDraft[]>(() =>
    policy
      ? policy.definition.levels.map((l) => ({ targets: [...l.targets], delayMinutes: String(Math.round(l.delaySeconds / 60)) }))
      : [{ targets: [], delayMinutes: "15" }],
  );
  const [repeat, setRepeat] = useState(String(policy?.definition.repeat ?? 0));
  const [severities, setSeverities] = useState<Severity[]>(policy?.definition.severities ?? []);

  const form = useForm(() => {
    const input = {
      name: name.trim(),
      definition: {
        levels: levels.map((l) => ({ targets: l.targets, delaySeconds: Math.round(Number(l.delayMinutes) * 60) })),
        repeat: Number(repeat),
        severities,
      },
    };
    return policy ? api.updatePolicy(org.id, policy.id, input) : api.createPolicy(org.id, input);
  }, onSaved);
  const err = form.errorUnder;

  const setLevel = (i: number, change: Partial<LevelDraft>) => setLevels(levels.map((l, j) => (j === i ? { ...l, ...change } : l)));
  const toggleTarget = (i: number, target: EscalationTarget, on: boolean) => {
    const current = levels[i].targets;
    setLevel(i, { targets: on ? [...current.filter((t) => !same(t, target)), target] : current.filter((t) => !same(t, target)) });
  };

  return (
    <Card>
      <CardHeader
        title={policy ? `Edit “${policy.name}”` : "New escalation policy"}
        description="Who is notified about a new incident, and who next when nobody acknowledges it in time."
      />
      <form onSubmit={form.onSubmit} className="space-y-5 p-4" noValidate aria-label={policy ? "Edit escalation policy" : "New escalation policy"}>
        <ErrorAlert error={form.error} />
        <TextField label="Policy name" value={name} onChange={(e) => setName(e.target.value)} error={form.fieldError("name")} placeholder="e.g. Production" className="max-w-md" required />

        <div className="space-y-4">
          <h3 className="text-sm font-semibold text-slate-900 dark:text-white">Levels</h3>
          {err("definition.levels") && !levels.some((_, i) => err(`definition.levels[${i}]`)) && (
            <p className="text-sm text-red-700 dark:text-red-300">{err("definition.levels")}</p>
          )}
          {levels.map((level, i) => {
            const base = `definition.levels[${i}]`;
            return (
              <fieldset key={i} className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-700">
                <legend className="px-1 text-sm font-semibold text-slate-900 dark:text-white">Level {i + 1}</legend>
                <fieldset>
                  <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">Schedules to notify (level {i + 1})</legend>
                  {schedules.length === 0 ? (
                    <p className="text-sm text-slate-600 dark:text-slate-400">No schedules yet.</p>
                  ) : (
                    <div className="flex flex-wrap gap-x-5 gap-y-2">
                      {schedules.map((s) => {
                        const target: EscalationTarget = { type: "schedule", id: s.id };
                        return (
                          <Checkbox
                            key={s.id}
                            label={s.name}
                            checked={level.targets.some((t) => same(t, target))}
                            onChange={(e) => toggleTarget(i, target, e.target.checked)}
                          />
                        );
                      })}
                    </div>
                  )}
                </fieldset>
                <fieldset>
                  <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">Members to notify (level {i + 1})</legend>
                  {!members.data ? (
                    <p className="text-sm text-slate-600 dark:text-slate-400">Loading members…</p>
                  ) : (
                    <div className="flex flex-wrap gap-x-5 gap-y-2">
                      {members.data.map((m) => {
                        const target: EscalationTarget = { type: "user", id: m.userId };
                        return (
                          <Checkbox
                            key={m.userId}
                            label={m.name || m.email}
                            checked={level.targets.some((t) => same(t, target))}
                            onChange={(e) => toggleTarget(i, target, e.target.checked)}
                          />
                        );
                      })}
                    </div>
                  )}
                </fieldset>
                {err(`${base}.targets`) && <p className="text-sm text-red-700 dark:text-red-300">{err(`${base}.targets`)}</p>}
                <div className="flex flex-wrap items-end gap-3">
                  <TextField
                    label={`Escalate after (minutes, level ${i + 1})`}
                    type="number"
                    min={0}
                    value={level.delayMinutes}
                    onChange={(e) => setLevel(i, { delayMinutes: e.target.value })}
                    error={err(`${base}.delaySeconds`)}
                    hint="Without an acknowledgement by then, the next level is notified."
                    className="w-64"
                  />
                  {levels.length > 1 && (
                    <Button variant="ghost" onClick={() => setLevels(levels.filter((_, j) => j !== i))}>
                      Remove level {i + 1}
                    </Button>
                  )}
                </div>
              </fieldset>
            );
          })}
          <Button variant="secondary" onClick={() => setLevels([...levels, { targets: [], delayMinutes: "15" }])}>
            Add a level
          </Button>
        </div>

        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Repeat the levels"
            type="number"
            min={0}
            max={9}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
            error={err("definition.repeat")}
            hint="How many more times to go through all levels (0–9) while nobody acknowledges."
          />
          <fieldset>
            <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">Severities</legend>
            <div className="flex flex-wrap gap-x-5 gap-y-2">
              {SEVERITIES.map((s) => (
                <Checkbox
                  key={s}
                  label={SEVERITY_LABEL[s]}
                  checked={severities.includes(s)}
                  onChange={(e) => setSeverities(e.target.checked ? SEVERITIES.filter((x) => x === s || severities.includes(x)) : severities.filter((x) => x !== s))}
                />
              ))}
            </div>
            <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
              {severities.length ? "Used for incidents of these severities." : "None ticked: this is the default policy, for every severity without its own."}
            </p>
            {err("definition.severities") && <p className="mt-1 text-sm text-red-700 dark:text-red-300">{err("definition.severities")}</p>}
          </fieldset>
        </div>

        <FormActions submitLabel={policy ? "Save policy" : "Create policy"} pending={form.pending} disabled={!name.trim()} onCancel={onCancel} />
      </form>
    </Card>
  );
}
