"use client";
// The "applies to" part of a policy's editor: the records it measures and
// the conditions they must match — incidents by severity, label and
// affected service; requests by catalogue item; fulfilment tasks (OLAs)
// by the team given them and their request's item.

import { api, SEVERITIES, type PolicySubject, type Severity, type SlaPolicy, type SlaPolicySpec } from "@/lib/api";
import { useOrg } from "@/lib/org";
import { useResource, type Resource } from "@/lib/resource";
import { ErrorAlert } from "@/components/ui/Alert";
import { Card, CardHeader } from "@/components/ui/Card";
import { Checkbox, TextField } from "@/components/ui/Field";

/** The conditions as the form holds them. */
export interface Scope {
  record: PolicySubject;
  severities: Severity[];
  /** Comma-separated. */
  labels: string;
  /** Configuration items of type `service` (module assetManagement). */
  services: string[];
  /** Catalogue items: a request's, or a task's request's. */
  items: string[];
  teams: string[];
}

export function scopeOf(policy?: SlaPolicy): Scope {
  const applies = policy?.appliesTo;
  return {
    record: applies?.record ?? "incident",
    severities: applies?.severities ?? [],
    labels: (applies?.labels ?? []).join(", "),
    services: applies?.services ?? [],
    items: applies?.items ?? [],
    teams: applies?.teams ?? [],
  };
}

/** What is sent: only the conditions the record kind has (the server refuses the others). */
export function appliesToOf(scope: Scope): SlaPolicySpec["appliesTo"] {
  const incident = scope.record === "incident";
  return {
    record: scope.record,
    severities: incident ? scope.severities : [],
    labels: incident
      ? scope.labels
          .split(",")
          .map((l) => l.trim())
          .filter(Boolean)
      : [],
    services: incident ? scope.services : [],
    items: incident ? [] : scope.items,
    teams: scope.record === "task" ? scope.teams : [],
  };
}

const RECORD_LABEL: Record<PolicySubject, string> = { incident: "Incidents", request: "Requests", task: "Fulfilment tasks (OLA)" };

const FieldMessage = ({ error }: { error: string | undefined }) => (error ? <p className="mt-1 text-sm text-red-700 dark:text-red-300">{error}</p> : null);

/** A condition ticked from a list; none ticked matches every value. */
function Choices<T extends { id: string; name: string }>({
  legend,
  hint,
  options,
  labelOf = (o) => o.name,
  chosen,
  onChange,
  none,
  off,
  error,
}: {
  legend: string;
  hint: string;
  options: Resource<T[]>;
  labelOf?: (option: T) => string;
  chosen: string[];
  onChange: (ids: string[]) => void;
  /** Said when there is nothing to tick. */
  none: string;
  /** Why the options are not offered (their module is off). */
  off?: string;
  error: string | undefined;
}) {
  const quiet = "text-sm text-slate-600 dark:text-slate-400";
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">{legend}</legend>
      <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">{hint}</p>
      <div className="flex flex-wrap gap-x-5 gap-y-2">
        {(options.data ?? []).map((option) => (
          <Checkbox
            key={option.id}
            label={labelOf(option)}
            checked={chosen.includes(option.id)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, option.id] : chosen.filter((id) => id !== option.id))}
          />
        ))}
        {options.data?.length === 0 && <span className={quiet}>{none}</span>}
        {off && <span className={quiet}>{off}</span>}
        {options.loading && !options.data && <span className={quiet}>Loading {legend.toLowerCase()}…</span>}
        {options.error !== undefined && !options.data && <ErrorAlert error={options.error} />}
      </div>
      <FieldMessage error={error} />
    </fieldset>
  );
}

export function AppliesToSection({ scope, onChange, errorUnder }: { scope: Scope; onChange: (change: Partial<Scope>) => void; errorUnder: (field: string) => string | undefined }) {
  const { org } = useOrg();
  const items = useResource(org.features.serviceCatalog ? () => api.catalogItems(org.id) : null, [org.id, org.features.serviceCatalog]);
  const services = useResource(org.features.assetManagement ? () => api.items(org.id, { type: "service", limit: 100 }).then((p) => p.data) : null, [
    org.id,
    org.features.assetManagement,
  ]);
  const teams = useResource(scope.record === "task" ? () => api.teams(org.id) : null, [org.id, scope.record === "task"]);
  const task = scope.record === "task";

  return (
    <Card>
      <CardHeader title="Applies to" description="New records of this kind that match every condition below; an empty condition matches all." />
      <div className="space-y-4 p-4">
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">Records</legend>
          <div className="flex flex-wrap gap-x-6 gap-y-2">
            {(Object.keys(RECORD_LABEL) as PolicySubject[]).map((record) => (
              <label key={record} className="inline-flex items-center gap-2 text-sm text-slate-800 dark:text-slate-200">
                <input
                  type="radio"
                  name="policy-record"
                  value={record}
                  checked={scope.record === record}
                  onChange={() => onChange({ record })}
                  className="h-4 w-4 border-slate-400 text-brand-600 focus:ring-brand-500 dark:border-slate-500 dark:bg-slate-900"
                />
                {RECORD_LABEL[record]}
              </label>
            ))}
          </div>
          <FieldMessage error={errorUnder("appliesTo.record")} />
          {task && (
            <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
              An operational level agreement: each task a request gives a team is measured against that team from when it opens. Its response is when work starts (or the
              requester is asked), its resolution when it is done.
            </p>
          )}
        </fieldset>
        {scope.record === "incident" ? (
          <>
            <fieldset>
              <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">Severities</legend>
              <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">None ticked: every severity.</p>
              <div className="flex flex-wrap gap-x-5 gap-y-2">
                {SEVERITIES.map((s) => (
                  <Checkbox
                    key={s}
                    label={s}
                    checked={scope.severities.includes(s)}
                    onChange={(e) => onChange({ severities: e.target.checked ? SEVERITIES.filter((x) => x === s || scope.severities.includes(x)) : scope.severities.filter((x) => x !== s) })}
                  />
                ))}
              </div>
              <FieldMessage error={errorUnder("appliesTo.severities")} />
            </fieldset>
            <TextField
              label="Labels"
              hint="Incidents with any of these labels, comma-separated; empty: any."
              value={scope.labels}
              onChange={(e) => onChange({ labels: e.target.value })}
              error={errorUnder("appliesTo.labels")}
              className="max-w-md"
            />
            {org.features.assetManagement && (
              <Choices
                legend="Services"
                hint="Incidents affecting any of the services ticked; none ticked: any service."
                options={services}
                labelOf={(s) => (s.status === "active" ? s.name : `${s.name} (${s.status})`)}
                chosen={scope.services}
                onChange={(ids) => onChange({ services: ids })}
                none="There are no services among the assets yet."
                error={errorUnder("appliesTo.services")}
              />
            )}
          </>
        ) : (
          <>
            {task && (
              <Choices
                legend="Teams"
                hint="Tasks given to the teams ticked; none ticked: every team."
                options={teams}
                chosen={scope.teams}
                onChange={(ids) => onChange({ teams: ids })}
                none="There are no teams yet."
                error={errorUnder("appliesTo.teams")}
              />
            )}
            <Choices
              legend="Catalogue items"
              hint={task ? "Tasks of requests raised from the items ticked; none ticked: any item." : "Requests raised from the items ticked; none ticked: every request."}
              options={items}
              labelOf={(i) => (i.status === "published" ? i.name : `${i.name} (${i.status})`)}
              chosen={scope.items}
              onChange={(ids) => onChange({ items: ids })}
              none="The catalogue has no items yet."
              off={org.features.serviceCatalog ? undefined : "The service catalogue is switched off."}
              error={errorUnder("appliesTo.items")}
            />
          </>
        )}
      </div>
    </Card>
  );
}
