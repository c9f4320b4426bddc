"use client";
// Settings → SLA policies (admins, module slaManagement): the policies in
// the order they are tried, each switched on or off here, and the
// business-hours calendars they count by; how well their targets were
// kept; the policy and calendar editors.
//
//   /{slug}/settings/sla-policies                      the lists
//   /{slug}/settings/sla-policies/compliance           compliance
//   /{slug}/settings/sla-policies/new, /slp_…          a policy
//   /{slug}/settings/sla-policies/calendars/new, /cal_… a calendar

import { useState, type ReactNode } from "react";
import { api, ApiError, type SlaPolicy } from "@/lib/api";
import { useOrg } from "@/lib/org";
import { useAction, useResource } from "@/lib/resource";
import { Link } from "@/lib/router";
import { ErrorAlert } from "@/components/ui/Alert";
import { Badge } from "@/components/ui/Badge";
import { ButtonLink } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { Checkbox } from "@/components/ui/Field";
import { EmptyState, ErrorState, Loading, NotFound } from "@/components/ui/States";
import { TabNav } from "@/components/ui/TabNav";
import CalendarEditorPage from "./CalendarEditor";
import Compliance from "./Compliance";
import PolicyEditorPage from "./PolicyEditor";
import { calendarName, PAUSE_LABEL, scopeSummary, targetsSummary, weekSummary } from "./shared";

const offTone = "bg-slate-50 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600";

/** The spec a policy was written with (what a PUT sends back). */
export const specOf = ({ name, enabled, appliesTo, targets, calendar, pauseStatuses, warnings }: SlaPolicy) => ({
  name,
  enabled,
  appliesTo,
  targets,
  calendar: calendar ?? null,
  pauseStatuses: pauseStatuses ?? [],
  warnings: warnings ?? [],
});

function PolicyRow({ policy, index, onChanged, calendarLabel, scope }: { policy: SlaPolicy; index: number; onChanged: (p: SlaPolicy) => void; calendarLabel: string; scope: string }) {
  const { org, membership } = useOrg();
  // The box shows what was asked for while the server answers.
  const [asked, setAsked] = useState<boolean>();
  const toggle = useAction(async (enabled: boolean) => {
    setAsked(enabled);
    try {
      const { value } = await api.replaceSlaPolicy(org.id, policy.id, `"${policy.version}"`, { ...specOf(policy), enabled });
      onChanged(value);
    } finally {
      setAsked(undefined);
    }
  });
  const enabled = policy.enabled !== false;
  const stale = toggle.error instanceof ApiError && toggle.error.status === 412;
  const extras = [
    calendarLabel,
    ...(policy.pauseStatuses ?? []).map((s) => `pauses while ${PAUSE_LABEL[s] ?? s.replace(/_/g, " ")}`),
    policy.warnings?.length ? `warns at ${policy.warnings.map((w) => `${w} %`).join(", ")}` : "no warnings",
  ];
  return (
    <li className="flex flex-wrap items-start gap-3 px-4 py-3">
      <span className="w-6 pt-0.5 text-sm font-semibold text-slate-600 dark:text-slate-400" aria-hidden="true">
        {index + 1}.
      </span>
      <div className="min-w-0 flex-1 space-y-0.5">
        <div className="flex flex-wrap items-center gap-2">
          <Link href={`/${membership.slug}/settings/sla-policies/${policy.id}`} className="font-medium text-slate-900 hover:underline dark:text-white">
            {policy.name}
          </Link>
          {!enabled && <Badge className={offTone}>Off</Badge>}
          <span className="text-xs text-slate-600 dark:text-slate-400">revision {policy.revision}</span>
        </div>
        <p className="text-sm text-slate-700 dark:text-slate-300">{scope}</p>
        <p className="text-sm text-slate-600 dark:text-slate-400">{targetsSummary(policy)}</p>
        <p className="text-sm text-slate-600 dark:text-slate-400">{extras.join(" · ")}</p>
        {stale ? (
          <ErrorAlert error={new Error("Someone changed this policy meanwhile; reload the page, then try again.")} className="mt-2" />
        ) : (
          <ErrorAlert error={toggle.error} className="mt-2" />
        )}
      </div>
      <Checkbox label="Enabled" aria-label={`Enabled: ${policy.name}`} checked={asked ?? enabled} disabled={toggle.pending} onChange={(e) => void toggle.run(e.target.checked)} />
    </li>
  );
}

function Overview() {
  const { org, membership } = useOrg();
  const policies = useResource(() => api.slaPolicies(org.id), [org.id]);
  const calendars = useResource(() => api.calendars(org.id), [org.id]);
  const needsItems = !!policies.data?.some((p) => p.appliesTo.record !== "incident" && p.appliesTo.items?.length);
  const items = useResource(needsItems && org.features.serviceCatalog ? () => api.catalogItems(org.id) : null, [org.id, needsItems, org.features.serviceCatalog]);
  const needsServices = !!policies.data?.some((p) => p.appliesTo.record === "incident" && p.appliesTo.services?.length);
  const services = useResource(
    needsServices && org.features.assetManagement ? () => api.items(org.id, { type: "service", limit: 100 }).then((p) => p.data) : null,
    [org.id, needsServices, org.features.assetManagement],
  );
  const needsTeams = !!policies.data?.some((p) => p.appliesTo.record === "task" && p.appliesTo.teams?.length);
  const teams = useResource(needsTeams ? () => api.teams(org.id) : null, [org.id, needsTeams]);
  const base = `/${membership.slug}/settings/sla-policies`;
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title="Policies"
          description="Tried in this order: the first enabled policy that matches a new incident, request or fulfilment task starts its clocks. Edits apply to records opened afterwards."
          action={
            <ButtonLink href={`${base}/new`} size="sm">
              New policy
            </ButtonLink>
          }
        />
        {policies.loading ? (
          <Loading label="Loading policies…" />
        ) : !policies.data ? (
          <ErrorState error={policies.error} onRetry={policies.reload} />
        ) : policies.data.length === 0 ? (
          <EmptyState title="No SLA policies yet" action={<ButtonLink href={`${base}/new`}>Write the first policy</ButtonLink>}>
            A policy sets response and resolution targets for incidents, requests or their fulfilment tasks, counted round the clock or in business hours.
          </EmptyState>
        ) : (
          <ol className="divide-y divide-slate-200 dark:divide-slate-700" aria-label="SLA policies">
            {policies.data.map((p, i) => (
              <PolicyRow
                key={p.id}
                policy={p}
                index={i}
                calendarLabel={calendarName(p.calendar, calendars.data)}
                scope={scopeSummary(p, { items: items.data, services: services.data, teams: teams.data })}
                onChanged={(changed) => policies.setData(policies.data!.map((q) => (q.id === changed.id ? changed : q)))}
              />
            ))}
          </ol>
        )}
      </Card>
      <Card>
        <CardHeader
          title="Business-hours calendars"
          description="The hours a policy's clocks count, in a time zone, with holidays and exceptions. A policy without one counts round the clock."
          action={
            <ButtonLink href={`${base}/calendars/new`} size="sm" variant="secondary">
              New calendar
            </ButtonLink>
          }
        />
        {calendars.loading ? (
          <Loading label="Loading calendars…" />
        ) : !calendars.data ? (
          <ErrorState error={calendars.error} onRetry={calendars.reload} />
        ) : calendars.data.length === 0 ? (
          <p className="p-4 text-sm text-slate-600 dark:text-slate-400">No calendars yet: every policy counts round the clock.</p>
        ) : (
          <ul className="divide-y divide-slate-200 dark:divide-slate-700" aria-label="Calendars">
            {calendars.data.map((c) => {
              const users = policies.data?.filter((p) => p.calendar === c.id).map((p) => p.name) ?? [];
              return (
                <li key={c.id} className="space-y-0.5 px-4 py-3">
                  <div className="flex flex-wrap items-center gap-2">
                    <Link href={`${base}/calendars/${c.id}`} className="font-medium text-slate-900 hover:underline dark:text-white">
                      {c.name}
                    </Link>
                    <span className="text-sm text-slate-600 dark:text-slate-400">{c.timeZone.replace(/_/g, " ")}</span>
                  </div>
                  <p className="text-sm text-slate-700 dark:text-slate-300">{weekSummary(c.week)}</p>
                  <p className="text-sm text-slate-600 dark:text-slate-400">
                    {c.holidays?.length ?? 0} holiday(s) · {c.exceptions?.length ?? 0} exception(s) · {users.length ? `used by ${users.join(", ")}` : "used by no policy"}
                  </p>
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </div>
  );
}

/** The lists and compliance, side by side (the editors open from the lists). */
function Tabbed({ children }: { children: ReactNode }) {
  const { membership } = useOrg();
  const base = `/${membership.slug}/settings/sla-policies`;
  return (
    <>
      <TabNav
        label="SLA policies"
        tabs={[
          { href: base, label: "Policies and calendars" },
          { href: `${base}/compliance`, label: "Compliance" },
        ]}
      />
      {children}
    </>
  );
}

/** `view`: the path after `/settings/sla-policies`. */
export default function SlaSettings({ view }: { view: string[] }) {
  const [first, second, more] = view;
  const overview = (
    <Tabbed>
      <Overview />
    </Tabbed>
  );
  if (more !== undefined) return <NotFound />;
  if (first === undefined) return overview;
  if (first === "calendars") return second === undefined ? overview : <CalendarEditorPage calendarId={second === "new" ? undefined : second} />;
  if (second !== undefined) return <NotFound />;
  if (first === "compliance")
    return (
      <Tabbed>
        <Compliance />
      </Tabbed>
    );
  return <PolicyEditorPage policyId={first === "new" ? undefined : first} />;
}
