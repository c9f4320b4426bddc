"use client";
// The dashboard's postmortem follow-ups (knowledge base on; loaded after
// the rest of the dashboard): open action items past their due date, each
// linked to its postmortem, and resolved P1/P2 incidents whose postmortem
// is not published, linked to the incident.

import { api, type IncidentWithoutPostmortem, type OverdueActionItem } from "@/lib/api";
import { formatDateTime, formatDay } from "@/lib/format";
import { useIncidentEvents, useMemberName, useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { Link } from "@/lib/router";
import { SeverityBadge } from "@/components/ui/Badge";
import { Card, CardHeader } from "@/components/ui/Card";
import { ErrorState, Loading } from "@/components/ui/States";
import { OverdueBadge } from "@/screens/kb/shared";

const heading = "px-4 pt-3 text-sm font-semibold text-slate-900 dark:text-slate-100";
const none = "px-4 py-3 text-sm text-slate-600 dark:text-slate-400";

function OverdueItems({ rows }: { rows: OverdueActionItem[] }) {
  const { membership } = useOrg();
  const nameOf = useMemberName();
  if (!rows.length) return <p className={none}>No action items are past due.</p>;
  return (
    <ul aria-label="Overdue action items" className="divide-y divide-slate-200 dark:divide-slate-700">
      {rows.map(({ item, articleNumber, articleTitle }) => (
        <li key={item.id} className="space-y-1 px-4 py-3 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-slate-900 dark:text-white">{item.title}</span>
            <OverdueBadge />
          </div>
          <p className="text-slate-600 dark:text-slate-400">
            Due {formatDay(item.dueOn)} · {item.ownerId ? nameOf(item.ownerId) : "no owner"} ·{" "}
            <Link href={`/${membership.slug}/kb/${articleNumber}`} className="text-brand-700 underline dark:text-brand-300">
              {articleNumber} {articleTitle}
            </Link>
          </p>
        </li>
      ))}
    </ul>
  );
}

function WithoutPostmortem({ rows }: { rows: IncidentWithoutPostmortem[] }) {
  const { membership } = useOrg();
  if (!rows.length) return <p className={none}>Every resolved P1 and P2 incident has a published postmortem.</p>;
  return (
    <ul aria-label="Incidents without a published postmortem" className="divide-y divide-slate-200 dark:divide-slate-700">
      {rows.map((i) => (
        <li key={i.id} className="flex flex-wrap items-center gap-2 px-4 py-3 text-sm">
          <span className="font-mono text-slate-700 dark:text-slate-300">{i.number}</span>
          <Link href={`/${membership.slug}/incidents/${i.number.replace(/^INC-/, "")}`} className="min-w-0 flex-1 font-medium text-slate-900 hover:underline dark:text-white">
            {i.title}
          </Link>
          <SeverityBadge severity={i.severity} />
          {i.resolvedAt && <span className="w-full text-slate-600 dark:text-slate-400">Resolved {formatDateTime(i.resolvedAt)}</span>}
        </li>
      ))}
    </ul>
  );
}

export default function FollowUps() {
  const { org } = useOrg();
  const followUps = useResource(() => api.followUps(org.id), [org.id]);
  // A resolved incident may now owe a postmortem.
  useIncidentEvents(() => void followUps.reload());
  const f = followUps.data;
  return (
    <Card>
      <CardHeader title="Postmortem follow-ups" description="Action items past their due date, and major incidents still without a published postmortem." />
      {followUps.loading ? (
        <Loading label="Loading follow-ups…" />
      ) : !f ? (
        <ErrorState error={followUps.error} onRetry={followUps.reload} />
      ) : (
        <div className="grid lg:grid-cols-2 lg:divide-x lg:divide-slate-200 dark:lg:divide-slate-700">
          <div>
            <h3 className={heading}>Overdue action items</h3>
            <OverdueItems rows={f.overdueActionItems} />
          </div>
          <div>
            <h3 className={heading}>Resolved P1 and P2 incidents without a published postmortem</h3>
            <WithoutPostmortem rows={f.incidentsWithoutPostmortem} />
          </div>
        </div>
      )}
    </Card>
  );
}
