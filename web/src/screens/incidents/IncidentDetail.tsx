"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { api, ApiError, incidentPath, SEVERITIES, type Incident, type IncidentChange, type Severity, type Versioned } from "@/lib/api";
import { formatDateTime, SOURCE_LABEL } from "@/lib/format";
import { useHotkeys } from "@/lib/hotkeys";
import { TRANSITION_LABEL, TRANSITIONS } from "@/lib/incidents";
import { Markdown } from "@/lib/markdown";
import { useIncidentEvents, useMemberName, useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { Link, useDocumentTitle } from "@/lib/router";
import { Alert, ErrorAlert } from "@/components/ui/Alert";
import { SeverityBadge, StatusBadge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { inputClass } from "@/components/ui/Field";
import { ErrorState, Loading } from "@/components/ui/States";
import { AssignPanel } from "./AssignPanel";
import { PostmortemAction } from "./Postmortem";
import { RelatedWork } from "./RelatedWork";
import { SlaTimers } from "./SlaTimers";
import { LinksPanel } from "@/components/records/LinksPanel";
import { NoteForm, Timeline } from "@/components/records/Timeline";

// Known errors and articles matching the title: the new-incident form's
// suggestions, loaded after the page (and only with the knowledge base on).
const MatchingKnowledge = dynamic(() => import("./MatchingKnowledge").then((m) => m.MatchingKnowledge), { ssr: false });
// The SLA clocks of the policy that applies (module slaManagement), loaded after the page.
const SlaPanel = dynamic(() => import("@/components/records/SlaPanel").then((m) => m.SlaPanel), { ssr: false });

function StatusActions({ incident, busy, onChange }: { incident: Incident; busy: boolean; onChange: (change: IncidentChange) => void }) {
  const next = TRANSITIONS[incident.status];
  return (
    <div className="flex flex-wrap gap-2" role="group" aria-label="Change status">
      {next.map((status, i) => (
        <Button
          key={status}
          variant={i === 0 ? "primary" : "secondary"}
          disabled={busy}
          onClick={() => onChange({ status })}
          aria-keyshortcuts={status === "acknowledged" ? "a" : undefined}
        >
          {TRANSITION_LABEL[status]}
        </Button>
      ))}
    </div>
  );
}

function SeverityControl({ incident, busy, onChange }: { incident: Incident; busy: boolean; onChange: (change: IncidentChange) => void }) {
  return (
    <div>
      <label htmlFor="severity-select" className="text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">
        Severity
      </label>
      <select
        id="severity-select"
        className={`${inputClass} mt-1`}
        value={incident.severity}
        disabled={busy}
        onChange={(e) => onChange({ severity: e.target.value as Severity })}
      >
        {SEVERITIES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function IncidentDetail({ number }: { number: string }) {
  const { org, membership } = useOrg();
  const nameOf = useMemberName();
  const detail = useResource<Versioned<Incident>>(() => api.incident(org.id, number), [org.id, number]);
  const timeline = useResource(() => api.timeline(org.id, number).then((p) => p.data), [org.id, number]);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>();
  const [stale, setStale] = useState(false);

  const incident = detail.data?.value;
  useDocumentTitle(incident ? `${incident.reference} ${incident.title}` : undefined);
  useIncidentEvents(
    () => {
      void detail.reload();
      void timeline.reload();
    },
    (event) => !!incident && (event.incidentId === incident.id || event.data?.number === incident.number),
  );

  /** Runs a change; 412 means someone else changed the incident first. */
  async function act<T>(action: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setActionError(undefined);
    try {
      const result = await action();
      void timeline.reload();
      return result;
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) setStale(true);
      else setActionError(error);
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  const update = (change: IncidentChange) =>
    act(async () => {
      const updated = await api.updateIncident(org.id, number, detail.data!.etag, change);
      detail.setData(updated);
      return updated;
    });

  const reloadAll = async () => {
    setStale(false);
    setActionError(undefined);
    await Promise.all([detail.reload(), timeline.reload()]);
  };

  useHotkeys({
    a: () => {
      if (incident && !busy && TRANSITIONS[incident.status].includes("acknowledged")) void update({ status: "acknowledged" });
    },
  });

  if (detail.loading) return <Loading label="Loading incident…" />;
  if (!incident) return <ErrorState error={detail.error} onRetry={detail.reload} />;

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/${membership.slug}/incidents`} className="text-brand-700 hover:underline dark:text-brand-300">
          ← All incidents
        </Link>
      </nav>
      <header className="space-y-3">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-mono text-sm text-slate-700 dark:text-slate-300">{incident.reference}</span>
          <SeverityBadge severity={incident.severity} />
          <StatusBadge status={incident.status} />
        </div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900 dark:text-white">{incident.title}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Opened {formatDateTime(incident.createdAt)} by {nameOf(incident.createdBy)} · via {SOURCE_LABEL[incident.source] ?? incident.source}
          {incident.labels.length > 0 && <> · Labels: {incident.labels.join(", ")}</>}
        </p>
      </header>

      {stale && (
        <Alert
          tone="warning"
          title="This incident changed since you loaded it"
          action={
            <Button variant="secondary" size="sm" onClick={reloadAll}>
              Reload
            </Button>
          }
        >
          Someone else updated it first. Reload to see the latest version, then try again.
        </Alert>
      )}
      <ErrorAlert error={actionError} />

      <Card className="p-4">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div className="flex flex-wrap items-start gap-2">
            <StatusActions incident={incident} busy={busy} onChange={update} />
            <PostmortemAction incident={incident} />
          </div>
          <div className="w-32">
            <SeverityControl incident={incident} busy={busy} onChange={update} />
          </div>
        </div>
        <div className="mt-4">
          <SlaTimers incident={incident} />
        </div>
      </Card>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card>
            <CardHeader title="Description" />
            <div className="p-4 text-slate-900 dark:text-slate-100">
              {incident.description.trim() ? <Markdown source={incident.description} /> : <p className="text-sm text-slate-600 dark:text-slate-400">No description.</p>}
            </div>
          </Card>
          <Card>
            <CardHeader title="Timeline" description="Every change and note, oldest first." />
            <div className="space-y-6 p-4">
              {timeline.loading ? (
                <Loading label="Loading timeline…" />
              ) : timeline.error && !timeline.data ? (
                <ErrorState error={timeline.error} onRetry={timeline.reload} />
              ) : (
                <Timeline entries={timeline.data ?? []} />
              )}
              <div className="border-t border-slate-200 pt-4 dark:border-slate-700">
                <NoteForm
                  onSubmit={async (text) => {
                    await api.addNote(org.id, number, text);
                    await timeline.reload();
                    return true;
                  }}
                />
              </div>
            </div>
          </Card>
        </div>
        <div className="h-fit space-y-6">
        {org.features.slaManagement && <SlaPanel base={incidentPath(org.id, incident.id)} stamp={incident.version} noun="incident" />}
        <Card>
          <CardHeader title="People" />
          <div className="p-4">
            <AssignPanel
              incident={incident}
              busy={busy}
              onAssign={(assignees) => update({ assignees })}
              onTeam={(team) => update({ team })}
              onHandoff={(to, note) =>
                act(async () => {
                  const updated = await api.handoff(org.id, number, to, note);
                  detail.setData({ value: updated, etag: `"${updated.version}"` });
                  return updated;
                })
              }
            />
          </div>
        </Card>
        <RelatedWork incident={incident} />
        {org.features.knowledgeBase && <MatchingKnowledge title={incident.title} />}
        <Card>
          <CardHeader title="Links" description="Problems, changes, articles and other incidents this one relates to." />
          <div className="p-4">
            <LinksPanel base={incidentPath(org.id, incident.id)} />
          </div>
        </Card>
        </div>
      </div>
    </div>
  );
}
