"use client";
// Settings → SLA policies → Compliance: how well the targets were kept
// over the clocks started in the last 7, 30 or 90 days (UTC) — per policy
// and metric, per team over its tasks' clocks (OLAs) — and the breaches
// per day. The period stays in the address (`?days=`), to share it.

import type { ReactNode } from "react";
import { api, type SlaCompliance, type SlaOutcomes } from "@/lib/api";
import { formatDay, formatPercent, METRIC_LABEL } from "@/lib/format";
import { useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { Link, setQuery, useLocation } from "@/lib/router";
import { Card, CardHeader } from "@/components/ui/Card";
import { SelectField } from "@/components/ui/Field";
import { cx } from "@/components/ui/cx";
import { ErrorState, Loading } from "@/components/ui/States";
import { TableHead } from "@/components/ui/Table";

const PERIODS = [7, 30, 90];
const DEFAULT_DAYS = 30;
const OUTCOME_COLUMNS = [{ label: "Met" }, { label: "Breached" }, { label: "Open" }, { label: "% met" }];
const cell = "px-4 py-2 tabular-nums";

function OutcomeCells({ outcomes }: { outcomes: SlaOutcomes }) {
  return (
    <>
      <td className={cell}>{outcomes.met}</td>
      <td className={cx(cell, outcomes.breached > 0 && "font-semibold text-red-700 dark:text-red-300")}>{outcomes.breached}</td>
      <td className={cell}>{outcomes.open}</td>
      <td className={cell}>{formatPercent(outcomes.percentMet)}</td>
    </>
  );
}

/** A card holding one table, or a sentence when it has no rows. */
function OutcomeTable({ title, description, caption, columns, empty, children }: { title: string; description: string; caption: string; columns: string[]; empty?: string; children: ReactNode }) {
  return (
    <Card className="overflow-x-auto">
      <CardHeader title={title} description={description} />
      {empty ? (
        <p className="p-4 text-sm text-slate-600 dark:text-slate-400">{empty}</p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          <TableHead columns={[...columns.map((label) => ({ label })), ...OUTCOME_COLUMNS]} />
          <tbody className="text-slate-900 dark:text-slate-100">{children}</tbody>
        </table>
      )}
    </Card>
  );
}

/** Bars of breaches per day; its label says the same in words for those who cannot see it. */
function BreachesChart({ days }: { days: SlaCompliance["breachesByDay"] }) {
  const most = Math.max(1, ...days.map((d) => d.breaches));
  const total = days.reduce((sum, d) => sum + d.breaches, 0);
  const first = formatDay(days[0]?.day);
  const last = formatDay(days.at(-1)?.day);
  const breached = days.filter((d) => d.breaches > 0).map((d) => `${d.breaches} on ${formatDay(d.day)}`);
  const label = `Breaches per day from ${first} to ${last}: ${total === 0 ? "none" : `${total} in all, ${breached.join(", ")}`}`;
  return (
    <figure className="space-y-1">
      <div className="flex gap-2">
        <div className="flex h-40 flex-col justify-between text-right text-xs text-slate-600 dark:text-slate-400" aria-hidden="true">
          <span>{most}</span>
          <span>0</span>
        </div>
        <div role="img" aria-label={label} className="flex h-40 flex-1 items-end gap-px border-b border-l border-slate-300 dark:border-slate-600">
          {days.map((d) => (
            <div key={d.day} title={`${formatDay(d.day)}: ${d.breaches} breach${d.breaches === 1 ? "" : "es"}`} className="flex h-full flex-1 items-end hover:bg-slate-100 dark:hover:bg-slate-800">
              <div className="w-full rounded-t-sm bg-red-500 dark:bg-red-400" style={{ height: `${(d.breaches / most) * 100}%` }} />
            </div>
          ))}
        </div>
      </div>
      <figcaption className="flex justify-between pl-6 text-xs text-slate-600 dark:text-slate-400">
        <span>{first}</span>
        <span>{last}</span>
      </figcaption>
    </figure>
  );
}

export default function Compliance() {
  const { org, membership } = useOrg();
  const { search } = useLocation();
  const asked = Number(search.get("days"));
  const days = PERIODS.includes(asked) ? asked : DEFAULT_DAYS;
  const compliance = useResource(() => api.slaCompliance(org.id, days), [org.id, days]);
  const c = compliance.data;
  const base = `/${membership.slug}/settings/sla-policies`;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <p className="max-w-2xl text-sm text-slate-700 dark:text-slate-300">
          Over the clocks started in the period: met in time, breached (met late or not yet), and still open. % met counts only those met or breached.
        </p>
        <SelectField label="Period" value={String(days)} onChange={(e) => setQuery({ days: e.target.value === String(DEFAULT_DAYS) ? undefined : e.target.value })}>
          {PERIODS.map((n) => (
            <option key={n} value={n}>
              Last {n} days
            </option>
          ))}
        </SelectField>
      </div>
      {compliance.loading ? (
        <Loading label="Loading compliance…" />
      ) : !c ? (
        <ErrorState error={compliance.error} onRetry={compliance.reload} />
      ) : (
        <>
          <OutcomeTable
            title="Per policy"
            description={`Clocks started since ${formatDay(c.since.slice(0, 10))}, by what they measure.`}
            caption="Compliance per policy and metric"
            columns={["Policy", "Metric"]}
            empty={c.policies.length ? undefined : "No clock started in these days."}
          >
            {c.policies.map((p) => (
              <tr key={`${p.policy}/${p.metric}`} className="border-t border-slate-200 dark:border-slate-700">
                <th scope="row" className="px-4 py-2 font-medium">
                  <Link href={`${base}/${p.policy}`} className="hover:underline">
                    {p.policyName}
                  </Link>
                </th>
                <td className="px-4 py-2">{METRIC_LABEL[p.metric]}</td>
                <OutcomeCells outcomes={p} />
              </tr>
            ))}
          </OutcomeTable>
          <OutcomeTable
            title="Per team (OLAs)"
            description="The clocks of the fulfilment tasks given to each team, response and resolution together."
            caption="Compliance per team"
            columns={["Team"]}
            empty={c.teams.length ? undefined : "No fulfilment task was measured in these days: a policy for fulfilment tasks (OLA) measures them."}
          >
            {c.teams.map((t) => (
              <tr key={t.team} className="border-t border-slate-200 dark:border-slate-700">
                <th scope="row" className="px-4 py-2 font-medium">
                  {t.teamName}
                </th>
                <OutcomeCells outcomes={t} />
              </tr>
            ))}
          </OutcomeTable>
          <Card>
            <CardHeader title="Breaches per day" description="When clocks passed their targets (UTC days)." />
            <div className="p-4">
              <BreachesChart days={c.breachesByDay} />
            </div>
          </Card>
        </>
      )}
    </div>
  );
}
