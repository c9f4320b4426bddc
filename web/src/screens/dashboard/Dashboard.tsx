"use client";

import dynamic from "next/dynamic";
import { useState, type FormEvent, type ReactNode } from "react";
import { api, SEVERITIES, STATUSES, type DayFigures, type Figures } from "@/lib/api";
import { formatPercent, formatSeconds, STATUS_LABEL, utcDay } from "@/lib/format";
import { useIncidentEvents, useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { Link, setQuery, useLocation } from "@/lib/router";
import { ErrorAlert } from "@/components/ui/Alert";
import { SeverityBadge, StatusBadge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Card, CardHeader, PageHeader } from "@/components/ui/Card";
import { TextField } from "@/components/ui/Field";
import { ErrorState, Loading } from "@/components/ui/States";
import { TableHead } from "@/components/ui/Table";

const DailyChart = dynamic(() => import("./DailyChart"), {
  ssr: false,
  loading: () => <Loading label="Loading chart…" />,
});
// Its own chunk, loaded after the dashboard (knowledge base on only).
const FollowUps = dynamic(() => import("./FollowUps"), {
  ssr: false,
  loading: () => <Loading label="Loading follow-ups…" />,
});

/** The daily series with the quiet days (absent from the API's answer) as zeros. */
function everyDay(from: string, to: string, daily: DayFigures[]): DayFigures[] {
  const byDay = new Map(daily.map((d) => [d.day, d]));
  const days: DayFigures[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${to}T00:00:00Z`); t <= end && days.length < 400; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    days.push(byDay.get(day) ?? { day, opened: 0, resolved: 0 });
  }
  return days;
}

function Stat({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <div className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="mt-1 text-xl font-semibold text-slate-900 dark:text-white" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function TimeToStats({ title, figures, kind }: { title: string; figures: Figures; kind: "mtta" | "mttr" }) {
  const mean = kind === "mtta" ? figures.mttaMeanSeconds : figures.mttrMeanSeconds;
  const p50 = kind === "mtta" ? figures.mttaP50Seconds : figures.mttrP50Seconds;
  const p90 = kind === "mtta" ? figures.mttaP90Seconds : figures.mttrP90Seconds;
  return (
    <Card>
      <CardHeader title={title} description={kind === "mtta" ? "Mean time to acknowledge" : "Mean time to resolve"} />
      <dl className="grid grid-cols-3 gap-3 p-4">
        <Stat label="Mean" value={formatSeconds(mean)} testId={`${kind}-mean`} />
        <Stat label="p50" value={formatSeconds(p50)} testId={`${kind}-p50`} />
        <Stat label="p90" value={formatSeconds(p90)} testId={`${kind}-p90`} />
      </dl>
    </Card>
  );
}

function RangeForm({ from, to }: { from: string; to: string }) {
  const [draft, setDraft] = useState({ from, to });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuery({ from: draft.from, to: draft.to });
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3" aria-label="Date range">
      <TextField label="From" type="date" value={draft.from} max={draft.to} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
      <TextField label="To" type="date" value={draft.to} min={draft.from} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
      <Button type="submit" variant="secondary">
        Apply
      </Button>
    </form>
  );
}

/** Changes that caused an incident ÷ changes finished, over the same days. */
function ChangeFailureRate({ from, to }: { from: string; to: string }) {
  const { org } = useOrg();
  const end = new Date(new Date(`${to}T00:00:00Z`).getTime() + 86_400_000).toISOString();
  const rate = useResource(() => api.changeFailureRate(org.id, { from: `${from}T00:00:00Z`, to: end }), [org.id, from, end]);
  const r = rate.data;
  return (
    <Card>
      <CardHeader title="Change failure rate" description="Changes that caused an incident, of those finished in these days" />
      <dl className="grid grid-cols-3 gap-3 p-4">
        <Stat label="Rate" value={r ? (r.rate === null || r.rate === undefined ? "—" : `${Math.round(r.rate * 1000) / 10}%`) : "…"} testId="change-failure-rate" />
        <Stat label="Finished" value={r?.finished ?? "…"} />
        <Stat label="Caused incidents" value={r?.causedIncidents ?? "…"} />
      </dl>
    </Card>
  );
}

const COMPLIANCE_DAYS = 30;

/** The SLA policies' clocks of the last days, every policy together; admins go on to the details (in Settings). */
function PolicyCompliance() {
  const { org, membership, isAdmin } = useOrg();
  const compliance = useResource(() => api.slaCompliance(org.id, COMPLIANCE_DAYS), [org.id]);
  const sum = compliance.data?.policies.reduce((t, p) => ({ met: t.met + p.met, breached: t.breached + p.breached, open: t.open + p.open }), { met: 0, breached: 0, open: 0 });
  const decided = sum ? sum.met + sum.breached : 0;
  return (
    <Card>
      <CardHeader
        title="SLA policies"
        description={`Clocks started in the last ${COMPLIANCE_DAYS} days, of every policy`}
        action={
          isAdmin && (
            <Link href={`/${membership.slug}/settings/sla-policies/compliance`} className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-300">
              SLA compliance
            </Link>
          )
        }
      />
      <dl className="grid grid-cols-3 gap-3 p-4">
        <Stat label="Met in time" value={sum ? formatPercent(decided ? (sum.met * 100) / decided : null) : "…"} />
        <Stat label="Breached" value={sum?.breached ?? "…"} />
        <Stat label="Open" value={sum?.open ?? "…"} />
      </dl>
      <ErrorAlert error={compliance.error} className="mx-4 mb-4" />
    </Card>
  );
}

export default function Dashboard() {
  const { org, membership } = useOrg();
  const { search } = useLocation();
  const to = search.get("to") || utcDay();
  const from = search.get("from") || utcDay(-29, new Date(`${to}T00:00:00Z`));
  const dashboard = useResource(() => api.dashboard(org.id, { from, to }), [org.id, from, to]);
  useIncidentEvents(() => void dashboard.reload());
  const d = dashboard.data;

  return (
    <>
      <PageHeader title="Dashboard" description="Incident health for the chosen UTC days." actions={<RangeForm key={`${from}/${to}`} from={from} to={to} />} />
      {dashboard.loading ? (
        <Loading label="Loading dashboard…" />
      ) : !d ? (
        <ErrorState error={dashboard.error} onRetry={dashboard.reload} />
      ) : (
        <div className="space-y-6">
          <ErrorAlert error={dashboard.error} />
          <div className="grid gap-6 lg:grid-cols-2">
            <Card>
              <CardHeader title="Active by severity" description="Open incidents right now" />
              <dl className="grid grid-cols-2 gap-3 p-4 sm:grid-cols-4">
                {SEVERITIES.map((s) => (
                  <Stat key={s} label={s} value={d.activeBySeverity[s] ?? 0} testId={`active-${s}`} />
                ))}
              </dl>
            </Card>
            <Card>
              <CardHeader title="Active by status" />
              <dl className="grid grid-cols-2 gap-3 p-4 sm:grid-cols-3">
                {STATUSES.filter((s) => s !== "resolved").map((s) => (
                  <Stat key={s} label={STATUS_LABEL[s]} value={d.activeByStatus[s] ?? 0} />
                ))}
              </dl>
            </Card>
            <TimeToStats title="MTTA" figures={d.overall} kind="mtta" />
            <TimeToStats title="MTTR" figures={d.overall} kind="mttr" />
            {org.features.changeManagement && <ChangeFailureRate from={from} to={to} />}
            {org.features.slaManagement && <PolicyCompliance />}
          </div>

          <Card>
            <CardHeader title="Opened and resolved per day" description={`${d.from} to ${d.to} · ${d.overall.opened} opened, ${d.overall.resolved} resolved`} />
            <div className="p-4">
              <DailyChart daily={everyDay(d.from, d.to, d.daily)} />
            </div>
          </Card>

          <div className="grid gap-6 lg:grid-cols-2">
            <Card className="overflow-x-auto">
              <CardHeader title="SLA compliance by severity" description="Share of acknowledgements and resolutions within target" />
              <table className="w-full text-left text-sm">
                <TableHead columns={[{ label: "Severity" }, { label: "Acknowledge" }, { label: "Resolve" }, { label: "MTTA" }, { label: "MTTR" }]} />
                <tbody className="text-slate-900 dark:text-slate-100">
                  {SEVERITIES.map((s) => {
                    const f = d.bySeverity[s];
                    return (
                      <tr key={s} className="border-t border-slate-200 dark:border-slate-700">
                        <th scope="row" className="px-4 py-2 font-normal">
                          <SeverityBadge severity={s} />
                        </th>
                        <td className="px-4 py-2">{formatPercent(f?.ackCompliancePct)}</td>
                        <td className="px-4 py-2">{formatPercent(f?.resolveCompliancePct)}</td>
                        <td className="px-4 py-2">{formatSeconds(f?.mttaMeanSeconds)}</td>
                        <td className="px-4 py-2">{formatSeconds(f?.mttrMeanSeconds)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </Card>
            <Card>
              <CardHeader title="Breaching now" description="Active incidents past an SLA target" />
              {d.breaching.length === 0 ? (
                <p className="p-4 text-sm text-slate-600 dark:text-slate-400">Nothing is breaching its SLA right now.</p>
              ) : (
                <ul className="divide-y divide-slate-200 dark:divide-slate-700">
                  {d.breaching.map((b) => (
                    <li key={b.id} className="flex flex-wrap items-center gap-2 px-4 py-3 text-sm">
                      <span className="font-mono text-slate-700 dark:text-slate-300">{b.reference}</span>
                      <Link href={`/${membership.slug}/incidents/${b.reference.replace(/^INC-/, "")}`} className="min-w-0 flex-1 font-medium text-slate-900 hover:underline dark:text-white">
                        {b.title}
                      </Link>
                      <SeverityBadge severity={b.severity} />
                      <StatusBadge status={b.status} />
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          </div>

          {org.features.knowledgeBase && <FollowUps />}
        </div>
      )}
    </>
  );
}
