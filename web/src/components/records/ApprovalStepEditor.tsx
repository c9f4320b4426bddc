"use client";
// One approval step's editor (a change board's steps, an article's
// review): its name, rule, and who approves (people, teams, roles).

import type { ReactNode } from "react";
import { api, ROLES, type ApprovalStep } from "@/lib/api";
import { ROLE_LABEL } from "@/lib/format";
import { useFreshMembers, useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { Checkbox, SelectField, TextField } from "@/components/ui/Field";

export const newStep = (name: string): ApprovalStep => ({ name, rule: "any", approvers: { users: [], teams: [], roles: [] } });

const toggle = <T,>(list: T[] | undefined, value: T, on: boolean) => {
  const rest = (list ?? []).filter((v) => v !== value);
  return on ? [...rest, value] : rest;
};

/** `label` names the step's group (“Normal changes step 1”); `errorOf` finds the server's message for a field of the step. */
export function ApprovalStepEditor({
  label,
  step,
  onChange,
  withGroups = false,
  errorOf,
  actions,
}: {
  label: string;
  step: ApprovalStep;
  onChange: (step: ApprovalStep) => void;
  /** Also offers teams and roles as approvers. */
  withGroups?: boolean;
  errorOf?: (field: string) => string | undefined;
  actions?: ReactNode;
}) {
  const { org } = useOrg();
  const members = useFreshMembers({ agentsOnly: true });
  const teams = useResource(withGroups ? () => api.teams(org.id) : null, [org.id, withGroups]);
  const approversError = errorOf?.("approvers");
  return (
    <div className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-700" role="group" aria-label={label}>
      <div className="flex flex-wrap items-end gap-3">
        <TextField label="Step name" value={step.name} onChange={(e) => onChange({ ...step, name: e.target.value })} error={errorOf?.("name")} />
        <SelectField
          label="Rule"
          value={step.rule}
          error={errorOf?.("rule")}
          onChange={(e) =>
            onChange({ ...step, rule: e.target.value as ApprovalStep["rule"], count: e.target.value === "count" ? 1 : null, percent: e.target.value === "percent" ? 50 : null })
          }
        >
          <option value="any">Any one</option>
          <option value="all">All</option>
          <option value="count">At least N</option>
          <option value="percent">A percentage</option>
        </SelectField>
        {step.rule === "count" && (
          <TextField label="N" type="number" min={1} value={step.count ?? 1} error={errorOf?.("count")} onChange={(e) => onChange({ ...step, count: Number(e.target.value) })} />
        )}
        {step.rule === "percent" && (
          <TextField label="Percent" type="number" min={1} max={100} value={step.percent ?? 50} error={errorOf?.("percent")} onChange={(e) => onChange({ ...step, percent: Number(e.target.value) })} />
        )}
        {actions}
      </div>
      <div className="flex flex-wrap gap-3" role="group" aria-label="Approvers">
        {(members.data ?? []).map((m) => (
          <Checkbox
            key={m.userId}
            label={m.name || m.email}
            checked={(step.approvers.users ?? []).includes(m.userId)}
            onChange={(e) => onChange({ ...step, approvers: { ...step.approvers, users: toggle(step.approvers.users, m.userId, e.target.checked) } })}
          />
        ))}
      </div>
      {withGroups && (
        <>
          <div className="flex flex-wrap gap-3" role="group" aria-label="Approving roles">
            {ROLES.map((role) => (
              <Checkbox
                key={role}
                label={`Every ${ROLE_LABEL[role].toLowerCase()}`}
                checked={(step.approvers.roles ?? []).includes(role)}
                onChange={(e) => onChange({ ...step, approvers: { ...step.approvers, roles: toggle(step.approvers.roles, role, e.target.checked) } })}
              />
            ))}
          </div>
          {(teams.data ?? []).length > 0 && (
            <div className="flex flex-wrap gap-3" role="group" aria-label="Approving teams">
              {(teams.data ?? []).map((t) => (
                <Checkbox
                  key={t.id}
                  label={`Team ${t.name}`}
                  checked={(step.approvers.teams ?? []).includes(t.id)}
                  onChange={(e) => onChange({ ...step, approvers: { ...step.approvers, teams: toggle(step.approvers.teams, t.id, e.target.checked) } })}
                />
              ))}
            </div>
          )}
        </>
      )}
      {approversError && <p className="text-sm text-red-700 dark:text-red-300">{approversError}</p>}
    </div>
  );
}
