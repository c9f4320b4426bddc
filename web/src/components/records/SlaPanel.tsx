"use client";
// A record's SLA clocks (module slaManagement), on the incident and the
// agents' request page, loaded after the page: each clock's business time
// used against its target, what is left (or since when it is breached),
// its due time, its status (a pause says why) and the server's account of
// how its figures came about. A request's page also shows the clocks of
// its fulfilment tasks (OLAs), each named by its task and team. Reloaded
// when the record changes (`stamp`) and every half minute while a clock runs.

import { useEffect, useState } from "react";
import { api, type ClockEvent, type ClockStatus, type SlaClockView } from "@/lib/api";
import { formatDateTime, formatDuration, formatRelative, METRIC_LABEL } from "@/lib/format";
import { useResource } from "@/lib/resource";
import { Badge } from "@/components/ui/Badge";
import { Card, CardHeader } from "@/components/ui/Card";
import { cx } from "@/components/ui/cx";
import { ErrorAlert } from "@/components/ui/Alert";

export const CLOCK_STATUS_LABEL: Record<ClockStatus, string> = {
  running: "Running",
  paused: "Paused",
  met: "Met",
  breached: "Breached",
  cancelled: "Cancelled",
};

const badgeTone: Record<ClockStatus, string> = {
  running: "bg-sky-50 text-sky-900 ring-sky-200 dark:bg-sky-950 dark:text-sky-100 dark:ring-sky-800",
  paused: "bg-amber-50 text-amber-900 ring-amber-200 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800",
  met: "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-100 dark:ring-emerald-800",
  breached: "bg-red-50 text-red-800 ring-red-200 dark:bg-red-950 dark:text-red-200 dark:ring-red-800",
  cancelled: "bg-slate-50 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600",
};

const REFRESH_MS = 30_000;

function useNow(intervalMs: number) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Why a paused clock waits: its last pause's reason ("waiting on requester"). */
function pauseReason(events: ClockEvent[]): string | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (event.type === "paused") return event.reason;
    if (event.type === "resumed") return undefined;
  }
  return undefined;
}

function barTone(clock: SlaClockView, used: number): string {
  if (clock.status === "breached") return "bg-red-600 dark:bg-red-500";
  if (clock.status === "met") return "bg-emerald-600 dark:bg-emerald-500";
  if (clock.status === "cancelled") return "bg-slate-400 dark:bg-slate-500";
  if (clock.status === "paused") return "bg-amber-500 dark:bg-amber-400";
  return used >= 75 ? "bg-amber-500 dark:bg-amber-400" : "bg-brand-600 dark:bg-brand-400";
}

/** What to say first about a clock: time left, since when breached, met. */
function headline(clock: SlaClockView, now: number): string {
  const left = formatDuration(clock.remainingSeconds);
  switch (clock.status) {
    case "running":
      return `${left} left`;
    case "paused": {
      const why = pauseReason(clock.events);
      return `Paused${why ? `: ${why}` : ""} · ${left} left`;
    }
    case "breached":
      return clock.breachedAt ? `Breached ${formatRelative(clock.breachedAt, now)}` : `Breached by ${formatDuration(-clock.remainingSeconds)}`;
    case "met":
      return `Met · ${formatDuration(clock.elapsedSeconds)} of ${formatDuration(clock.targetSeconds)} used`;
    case "cancelled":
      return "Cancelled: no longer counted";
  }
}

/** `ola`: what a task's clock measures ("OLA · Cable · Network"); undefined for the record's own. */
function Clock({ clock, now, ola }: { clock: SlaClockView; now: number; ola?: string }) {
  const metric = METRIC_LABEL[clock.metric];
  const used = clock.targetSeconds > 0 ? Math.min(100, Math.round((clock.elapsedSeconds / clock.targetSeconds) * 100)) : 100;
  return (
    <li className="space-y-2 px-4 py-3" aria-label={ola ? `${ola}: ${metric} clock` : `${metric} clock`}>
      {ola && <p className="text-xs font-medium text-slate-600 dark:text-slate-400">{ola}</p>}
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold text-slate-900 dark:text-white">{metric}</h3>
        <Badge className={badgeTone[clock.status]}>{CLOCK_STATUS_LABEL[clock.status]}</Badge>
      </div>
      <div
        role="progressbar"
        aria-label={`${metric}: business time used of the target`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={used}
        aria-valuetext={`${formatDuration(clock.elapsedSeconds)} of ${formatDuration(clock.targetSeconds)} (${used} %)`}
        className="h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
      >
        <div className={cx("h-full rounded-full", barTone(clock, used))} style={{ width: `${used}%` }} />
      </div>
      <p className={cx("text-sm font-medium", clock.status === "breached" ? "text-red-700 dark:text-red-300" : "text-slate-900 dark:text-slate-100")}>
        {headline(clock, now)}
      </p>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {formatDuration(clock.elapsedSeconds)} of {formatDuration(clock.targetSeconds)} business time used
        {clock.dueAt && clock.status !== "met" && clock.status !== "cancelled" && <> · due {formatDateTime(clock.dueAt)}</>}
        {clock.status === "paused" && " · no due time while paused"}
        {clock.pausedSeconds > 0 && ` · paused ${formatDuration(clock.pausedSeconds)} in all`}
      </p>
      {clock.explanation.length > 0 && (
        <ul className="list-disc space-y-0.5 pl-5 text-xs text-slate-700 dark:text-slate-300" aria-label={`How the ${metric.toLowerCase()} clock counts`}>
          {clock.explanation.map((sentence, i) => (
            <li key={i}>{sentence}</li>
          ))}
        </ul>
      )}
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Policy {clock.policyName} (revision {clock.policyRevision})
      </p>
    </li>
  );
}

/**
 * `base`: the record's API path (`…/incidents/{id}`, `…/requests/{id}`);
 * `stamp`: anything that changes with the record (its version; a request's
 * tasks move without one), to reload the clocks; `tasks`: a request's
 * tasks by id, as "Cable · Network", to name their clocks.
 */
export function SlaPanel({ base, stamp, noun, tasks }: { base: string; stamp: string | number; noun: string; tasks?: Record<string, string> }) {
  const clocks = useResource(() => api.recordSla(base), [base, stamp]);
  const now = useNow(REFRESH_MS);
  const counting = clocks.data?.some((c) => c.status === "running" || c.status === "paused");
  const { reload } = clocks;
  useEffect(() => {
    if (!counting) return;
    const timer = setInterval(() => void reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [counting, reload]);

  return (
    <Card>
      <CardHeader title="SLA" description="Business time against the targets of the policy that applies." />
      <div aria-live="polite">
        {clocks.loading ? (
          <p className="p-4 text-sm text-slate-600 dark:text-slate-400">Loading the clocks…</p>
        ) : !clocks.data ? (
          <div className="p-4">
            <ErrorAlert error={clocks.error} />
          </div>
        ) : clocks.data.length === 0 ? (
          <p className="p-4 text-sm text-slate-600 dark:text-slate-400">No SLA policy applies to this {noun}.</p>
        ) : (
          <ul className="divide-y divide-slate-200 dark:divide-slate-700" aria-label="SLA clocks">
            {clocks.data.map((clock) => (
              <Clock key={clock.id} clock={clock} now={now} ola={clock.task ? `OLA · ${tasks?.[clock.task] ?? "a fulfilment task"}` : undefined} />
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
