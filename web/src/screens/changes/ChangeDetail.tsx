"use client";
// A change's page: status and the moves people make, its window (in the
// viewer's zone), the approval panel (steps, votes, who is pending, my
// vote), conflicts, what it relates to, links and timeline.

import { useState } from "react";
import { api, ApiError, changePath, SEVERITIES, type ChangeRecord, type ChangeStatus, type Severity, type Versioned } from "@/lib/api";
import { formatDateTime, titleCase } from "@/lib/format";
import { Markdown } from "@/lib/markdown";
import { useMemberName, useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { Link, navigate, useDocumentTitle } from "@/lib/router";
import { Alert, ErrorAlert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { SelectField } from "@/components/ui/Field";
import { ErrorState, Loading } from "@/components/ui/States";
import { ApprovalPanel } from "@/components/records/ApprovalPanel";
import { LinksPanel } from "@/components/records/LinksPanel";
import { RecordActivity } from "@/components/records/RecordActivity";
import { RecordList } from "@/screens/problems/ProblemDetail";
import { ChangeStatusBadge, RiskBadge, TYPE_LABEL, formatWindow } from "./shared";

/** The moves a person makes from each status, with their button labels. */
const MOVES: Partial<Record<ChangeStatus, { to: ChangeStatus; label: string }[]>> = {
  approved: [{ to: "scheduled", label: "Schedule" }, { to: "cancelled", label: "Cancel change" }],
  scheduled: [{ to: "implementing", label: "Start implementing" }, { to: "cancelled", label: "Cancel change" }],
  implementing: [{ to: "completed", label: "Mark completed" }, { to: "failed", label: "Mark failed" }],
  completed: [{ to: "closed", label: "Close" }],
  failed: [{ to: "closed", label: "Close" }],
  rejected: [{ to: "draft", label: "Back to draft" }, { to: "closed", label: "Close" }],
  draft: [{ to: "cancelled", label: "Cancel change" }],
  awaiting_approval: [{ to: "cancelled", label: "Cancel change" }],
};

export default function ChangeDetail({ number }: { number: string }) {
  const { org, membership } = useOrg();
  const nameOf = useMemberName();
  const detail = useResource<Versioned<ChangeRecord>>(() => api.change(org.id, number), [org.id, number]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [stale, setStale] = useState(false);
  const [severity, setSeverity] = useState<Severity>("P2");
  const change = detail.data?.value;
  useDocumentTitle(change ? `${change.number} ${change.title}` : undefined);

  async function act(action: () => Promise<Versioned<ChangeRecord>>) {
    setBusy(true);
    setError(undefined);
    try {
      detail.setData(await action());
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) setStale(true);
      else setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (detail.loading) return <Loading label="Loading change…" />;
  if (!change) return <ErrorState error={detail.error} onRetry={detail.reload} />;
  const base = changePath(org.id, change.id);
  const moves = MOVES[change.status] ?? [];
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/${membership.slug}/changes`} className="text-brand-700 hover:underline dark:text-brand-300">
          ← All changes
        </Link>
      </nav>
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-mono text-sm text-slate-700 dark:text-slate-300">{change.number}</span>
          <ChangeStatusBadge status={change.status} />
          <RiskBadge risk={change.risk} />
          <span className="text-sm text-slate-700 dark:text-slate-300">{TYPE_LABEL[change.type]}</span>
        </div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900 dark:text-white">{change.title}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Requested {formatDateTime(change.createdAt)} by {nameOf(change.requestedBy)} · Window: {formatWindow(change.window)} · Approval: {titleCase(change.approvalStatus ?? "not submitted")}
        </p>
      </header>
      {stale && (
        <Alert tone="warning" title="This change changed meanwhile" action={<Button size="sm" onClick={() => (setStale(false), void detail.reload())}>Reload</Button>}>
          Someone else moved it since you opened it; reload, then try again.
        </Alert>
      )}
      <ErrorAlert error={error} />
      {change.conflicts.length > 0 && (
        <Alert tone="warning" title="Conflicts">
          <ul>
            {change.conflicts.map((c) => (
              <li key={c.change}>
                {c.number} {c.title} ({c.status}) holds {formatWindow(c.window)} on the same items.
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <div className="flex flex-wrap gap-2" role="group" aria-label="Change status">
        {change.status === "draft" && (
          <Button disabled={busy} onClick={() => void act(() => api.submitChange(org.id, change.id))}>
            Submit for approval
          </Button>
        )}
        {moves.map((move, i) => (
          <Button key={move.to} variant={i === 0 && change.status !== "draft" ? "primary" : "secondary"} disabled={busy} onClick={() => void act(() => api.moveChange(org.id, change.id, detail.data!.etag, move.to))}>
            {move.label}
          </Button>
        ))}
      </div>
      <ApprovalPanel
        approval={change.approval}
        busy={busy}
        onVote={(decision, comment) => void act(() => api.voteOnChange(org.id, change.id, decision, comment))}
        empty={change.approvalStatus === "approved" ? "Approved without a vote (pre-approved, or its board has no steps)." : "Submit the change to send it to its approvers."}
      />
      {(change.status === "failed" || change.status === "completed" || change.status === "implementing") && (
        <Card className="flex flex-wrap items-end gap-3 p-4">
          <SelectField label="Severity" value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
            {SEVERITIES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </SelectField>
          <Button
            variant="secondary"
            disabled={busy}
            onClick={async () => {
              const incident = await api.openCausedIncident(org.id, change.id, severity).catch((e) => (setError(e), undefined));
              if (incident) navigate(`/${membership.slug}/incidents/${incident.number}`);
            }}
          >
            Open an incident caused by this change
          </Button>
        </Card>
      )}
      <Card>
        <CardHeader title="Plans" />
        <div className="space-y-4 p-4 text-slate-900 dark:text-slate-100">
          {[
            ["Description", change.description],
            ["Implementation plan", change.implementationPlan],
            ["Backout plan", change.backoutPlan],
            ["Test plan", change.testPlan],
          ].map(([title, text]) => (
            <section key={title}>
              <h3 className="text-sm font-semibold">{title}</h3>
              {text ? <Markdown source={text} /> : <p className="text-sm text-slate-600 dark:text-slate-400">Not written.</p>}
            </section>
          ))}
        </div>
      </Card>
      <Card>
        <CardHeader title="Related" />
        <div className="grid gap-4 p-4 sm:grid-cols-3">
          <RecordList label="Related problems" records={change.relatedProblems} empty="No problems." />
          <RecordList label="Incidents" records={change.linkedIncidents} empty="No incidents." />
          <RecordList label="Affected items" records={change.affectedItems} empty="No configuration items." />
        </div>
      </Card>
      <Card className="p-4">
        <h2 className="mb-3 text-base font-semibold text-slate-900 dark:text-white">Links</h2>
        <LinksPanel base={base} />
      </Card>
      <RecordActivity base={base} version={change.version} />
    </div>
  );
}
