"use client";

import { useEffect, useState } from "react";
import type { Incident } from "@/lib/api";
import { formatDateTime, formatDuration } from "@/lib/format";
import { slaClocks, type SlaClock } from "@/lib/incidents";
import { cx } from "@/components/ui/cx";

function useNow(intervalMs: number) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function describe(clock: SlaClock): { text: string; tone: "ok" | "warn" | "bad" | "done" } {
  if (clock.secondsLeft === null) {
    const took = formatDuration(clock.tookSeconds ?? 0);
    return clock.met ? { text: `Done in ${took} — within target`, tone: "done" } : { text: `Done in ${took} — target missed`, tone: "bad" };
  }
  if (clock.secondsLeft < 0) return { text: `Overdue by ${formatDuration(-clock.secondsLeft)}`, tone: "bad" };
  return { text: `${formatDuration(clock.secondsLeft)} left`, tone: clock.secondsLeft < 600 ? "warn" : "ok" };
}

const toneClass = {
  ok: "text-slate-900 dark:text-slate-100",
  warn: "text-amber-800 dark:text-amber-200",
  bad: "text-red-700 dark:text-red-300",
  done: "text-emerald-800 dark:text-emerald-300",
};

export function SlaTimers({ incident }: { incident: Incident }) {
  const now = useNow(15_000);
  const clocks = slaClocks(incident, now);
  const due = [incident.acknowledgeDueAt, incident.resolveDueAt];
  return (
    <dl className="grid gap-3 sm:grid-cols-2">
      {clocks.map((clock, i) => {
        const { text, tone } = describe(clock);
        return (
          <div key={clock.label} className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">{clock.label} SLA</dt>
            <dd className={cx("mt-1 text-sm font-semibold", toneClass[tone])} data-testid={`sla-${clock.label.toLowerCase()}`}>
              {text}
            </dd>
            <dd className="text-xs text-slate-600 dark:text-slate-400">Due {formatDateTime(due[i])}</dd>
          </div>
        );
      })}
    </dl>
  );
}
