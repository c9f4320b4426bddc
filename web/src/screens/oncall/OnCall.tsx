"use client";
// On-call: every schedule with who is on call now and the coming week (in
// the schedule's own time zone), and the escalation policies. Everyone
// reads; admins create, edit and delete.

import dynamic from "next/dynamic";
import { useMemo, useState } from "react";
import { api, type EscalationPolicy, type Schedule, type Shift } from "@/lib/api";
import { formatDuration, SEVERITY_LABEL } from "@/lib/format";
import { clockIn, rotationLabel, weekDays } from "@/lib/oncall";
import { useMemberName, useOrg } from "@/lib/org";
import { useAction, useResource } from "@/lib/resource";
import { ErrorAlert } from "@/components/ui/Alert";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Card, CardHeader, PageHeader } from "@/components/ui/Card";
import { cx } from "@/components/ui/cx";
import { EmptyState, ErrorState, Loading } from "@/components/ui/States";

const ScheduleForm = dynamic(() => import("./ScheduleForm").then((m) => m.ScheduleForm), { loading: () => <Loading /> });
const PolicyForm = dynamic(() => import("./PolicyForm").then((m) => m.PolicyForm), { loading: () => <Loading /> });

const PALETTE = [
  "bg-brand-100 text-brand-900 border-brand-300 dark:bg-slate-800 dark:text-brand-100 dark:border-brand-700",
  "bg-emerald-100 text-emerald-900 border-emerald-300 dark:bg-emerald-950 dark:text-emerald-100 dark:border-emerald-700",
  "bg-amber-100 text-amber-900 border-amber-300 dark:bg-amber-950 dark:text-amber-100 dark:border-amber-700",
  "bg-fuchsia-100 text-fuchsia-900 border-fuchsia-300 dark:bg-fuchsia-950 dark:text-fuchsia-100 dark:border-fuchsia-700",
  "bg-sky-100 text-sky-900 border-sky-300 dark:bg-sky-950 dark:text-sky-100 dark:border-sky-700",
  "bg-rose-100 text-rose-900 border-rose-300 dark:bg-rose-950 dark:text-rose-100 dark:border-rose-700",
];

function OnCallNow({ schedule }: { schedule: Schedule }) {
  const { org } = useOrg();
  const name = useMemberName();
  const now = useResource(() => api.onCall(org.id, schedule.id), [org.id, schedule.id, schedule.updatedAt]);
  return (
    <div className="rounded-md bg-slate-50 px-3 py-2 text-sm dark:bg-slate-800" data-testid="on-call-now">
      <span className="text-slate-600 dark:text-slate-400">On call now: </span>
      <strong className="font-semibold text-slate-900 dark:text-white">
        {now.loading ? "…" : now.error ? "unknown" : now.data?.user ? name(now.data.user) : "nobody"}
      </strong>
    </div>
  );
}

function WeekView({ schedule }: { schedule: Schedule }) {
  const { org } = useOrg();
  const name = useMemberName();
  const tz = schedule.definition.timeZone;
  const days = useMemo(() => weekDays(tz), [tz]);
  const from = new Date(days[0].start).toISOString();
  const to = new Date(days[6].end).toISOString();
  const shifts = useResource(() => api.shifts(org.id, schedule.id, { from, to }), [org.id, schedule.id, schedule.updatedAt, from, to]);
  const colour = useMemo(() => {
    const order: string[] = [];
    for (const l of schedule.definition.layers) for (const p of l.participants) if (!order.includes(p)) order.push(p);
    return (user: string) => {
      let i = order.indexOf(user);
      if (i < 0) {
        order.push(user);
        i = order.length - 1;
      }
      return PALETTE[i % PALETTE.length];
    };
  }, [schedule.definition.layers]);

  if (shifts.loading) return <Loading label="Loading shifts…" />;
  if (!shifts.data) return <ErrorState error={shifts.error} onRetry={shifts.reload} />;
  const list: Shift[] = shifts.data;

  return (
    <div>
      <h3 className="mb-2 text-sm font-semibold text-slate-900 dark:text-white">
        Next 7 days <span className="font-normal text-slate-600 dark:text-slate-400">({tz.replace(/_/g, " ")} time)</span>
      </h3>
      <ol className="grid gap-2 sm:grid-cols-2 lg:grid-cols-7" aria-label={`Week of ${schedule.name}`}>
        {days.map((day) => {
          const length = day.end - day.start;
          const today = list.filter((s) => Date.parse(s.startsAt) < day.end && Date.parse(s.endsAt) > day.start);
          return (
            <li key={day.key} className="min-w-0 rounded-md border border-slate-200 p-2 dark:border-slate-700" aria-label={day.label}>
              <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-700 dark:text-slate-300">{day.label}</p>
              {today.length === 0 ? (
                <p className="text-xs text-slate-600 dark:text-slate-400">Nobody</p>
              ) : (
                <ul className="space-y-1">
                  {today.map((s, i) => {
                    const start = Math.max(Date.parse(s.startsAt), day.start);
                    const end = Math.min(Date.parse(s.endsAt), day.end);
                    const range = `${clockIn(tz, start)}–${end === day.end ? "24:00" : clockIn(tz, end)}`;
                    return (
                      <li key={i} className={cx("rounded border px-1.5 py-1 text-xs", colour(s.user))} data-testid="shift">
                        <span className="block truncate font-semibold">{name(s.user)}</span>
                        <span className="block">
                          {range}
                          {s.source.type === "override" && " · override"}
                        </span>
                        <span className="mt-1 block h-1 rounded-full bg-black/10 dark:bg-white/15" aria-hidden="true">
                          <span
                            className="block h-1 rounded-full bg-current opacity-60"
                            style={{ marginLeft: `${((start - day.start) / length) * 100}%`, width: `${((end - start) / length) * 100}%` }}
                          />
                        </span>
                      </li>
                    );
                  })}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function ScheduleCard({ schedule, onEdit, onDeleted }: { schedule: Schedule; onEdit: () => void; onDeleted: () => void }) {
  const { org, isAdmin } = useOrg();
  const name = useMemberName();
  const remove = useAction(() => api.deleteSchedule(org.id, schedule.id).then(() => true));
  const titleId = `schedule-${schedule.id}`;
  return (
    <section aria-labelledby={titleId} className="rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-700 dark:bg-slate-900">
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-4 py-3 dark:border-slate-700">
        <div className="min-w-0">
          <h2 id={titleId} className="text-base font-semibold text-slate-900 dark:text-white">
            {schedule.name}
          </h2>
          <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">
            {schedule.definition.timeZone.replace(/_/g, " ")} ·{" "}
            {schedule.definition.layers
              .map((l) => `${l.name || "Layer"}: ${rotationLabel(l.rotation).toLowerCase()}, ${l.participants.map((p) => name(p)).join(" → ") || "nobody"}`)
              .join("; ")}
            {schedule.definition.overrides.length > 0 && ` · ${schedule.definition.overrides.length} override${schedule.definition.overrides.length === 1 ? "" : "s"}`}
          </p>
        </div>
        {isAdmin && (
          <div className="flex gap-2">
            <Button size="sm" variant="secondary" aria-label={`Edit ${schedule.name}`} onClick={onEdit}>
              Edit
            </Button>
            <Button
              size="sm"
              variant="ghost"
              pending={remove.pending}
              aria-label={`Delete ${schedule.name}`}
              onClick={async () => {
                if (!window.confirm(`Delete the schedule “${schedule.name}”? Escalation policies that use it stop reaching it.`)) return;
                if (await remove.run()) onDeleted();
              }}
            >
              Delete
            </Button>
          </div>
        )}
      </div>
      <div className="space-y-4 p-4">
        <ErrorAlert error={remove.error} />
        <OnCallNow schedule={schedule} />
        <WeekView schedule={schedule} />
      </div>
    </section>
  );
}

function PolicyRow({ policy, schedules, onEdit, onDeleted }: { policy: EscalationPolicy; schedules: Schedule[]; onEdit: () => void; onDeleted: () => void }) {
  const { org, isAdmin } = useOrg();
  const name = useMemberName();
  const remove = useAction(() => api.deletePolicy(org.id, policy.id).then(() => true));
  const d = policy.definition;
  const target = (t: { type: string; id: string }) =>
    t.type === "schedule" ? `${schedules.find((s) => s.id === t.id)?.name ?? "Removed schedule"} (schedule)` : name(t.id);
  return (
    <li className="space-y-2 px-4 py-3 text-sm">
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900 dark:text-white">
            {policy.name}
            {d.severities.length === 0 ? (
              <Badge className="bg-brand-50 text-brand-800 ring-brand-300 dark:bg-slate-800 dark:text-brand-200 dark:ring-brand-700">Default</Badge>
            ) : (
              d.severities.map((s) => (
                <Badge key={s} className="bg-slate-50 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600">
                  <span className="sr-only">{SEVERITY_LABEL[s]}</span>
                  <span aria-hidden="true">{s}</span>
                </Badge>
              ))
            )}
          </p>
          <ol className="mt-1 list-inside list-decimal space-y-0.5 text-slate-700 dark:text-slate-300">
            {d.levels.map((l, i) => (
              <li key={i}>
                {l.targets.map(target).join(", ") || "nobody"}
                <span className="text-slate-600 dark:text-slate-400"> — escalates after {formatDuration(l.delaySeconds)}</span>
              </li>
            ))}
          </ol>
          <p className="mt-1 text-slate-600 dark:text-slate-400">{d.repeat ? `Repeats ${d.repeat} time${d.repeat === 1 ? "" : "s"}` : "Does not repeat"}</p>
        </div>
        {isAdmin && (
          <div className="flex gap-2">
            <Button size="sm" variant="secondary" aria-label={`Edit ${policy.name}`} onClick={onEdit}>
              Edit
            </Button>
            <Button
              size="sm"
              variant="ghost"
              pending={remove.pending}
              aria-label={`Delete ${policy.name}`}
              onClick={async () => {
                if (!window.confirm(`Delete the escalation policy “${policy.name}”?`)) return;
                if (await remove.run()) onDeleted();
              }}
            >
              Delete
            </Button>
          </div>
        )}
      </div>
      <ErrorAlert error={remove.error} />
    </li>
  );
}

type Editing = { kind: "schedule"; item?: Schedule } | { kind: "policy"; item?: EscalationPolicy };

export default function OnCall() {
  const { org, isAdmin } = useOrg();
  const schedules = useResource(() => api.schedules(org.id), [org.id]);
  const policies = useResource(() => api.policies(org.id), [org.id]);
  const [editing, setEditing] = useState<Editing>();

  const start = (next: Editing) => {
    setEditing(next);
    window.scrollTo(0, 0);
  };

  return (
    <div>
      <PageHeader
        title="On-call"
        description={isAdmin ? "Schedules say who is on call; escalation policies say who is notified, and who next." : "Who is on call, and who is notified about incidents. Only admins can change these."}
        actions={
          isAdmin && !editing ? (
            <>
              <Button onClick={() => start({ kind: "schedule" })}>New schedule</Button>
              <Button variant="secondary" onClick={() => start({ kind: "policy" })}>
                New escalation policy
              </Button>
            </>
          ) : undefined
        }
      />
      {isAdmin && editing?.kind === "schedule" && (
        <div className="mb-6">
          <ScheduleForm
            key={editing.item?.id ?? "new"}
            schedule={editing.item}
            onCancel={() => setEditing(undefined)}
            onSaved={() => {
              setEditing(undefined);
              void schedules.reload();
            }}
          />
        </div>
      )}
      {isAdmin && editing?.kind === "policy" && (
        <div className="mb-6">
          <PolicyForm
            key={editing.item?.id ?? "new"}
            policy={editing.item}
            schedules={schedules.data ?? []}
            onCancel={() => setEditing(undefined)}
            onSaved={() => {
              setEditing(undefined);
              void policies.reload();
            }}
          />
        </div>
      )}

      <div className="space-y-6">
        {schedules.loading ? (
          <Loading label="Loading schedules…" />
        ) : !schedules.data ? (
          <ErrorState error={schedules.error} onRetry={schedules.reload} />
        ) : schedules.data.length === 0 ? (
          <Card>
            <EmptyState
              title="No schedules yet"
              action={isAdmin && !editing ? <Button onClick={() => start({ kind: "schedule" })}>Create a schedule</Button> : undefined}
            >
              {isAdmin ? "Create one to say who is on call, in rotation." : "An admin can create one to say who is on call."}
            </EmptyState>
          </Card>
        ) : (
          schedules.data.map((s) => (
            <ScheduleCard key={s.id} schedule={s} onEdit={() => start({ kind: "schedule", item: s })} onDeleted={schedules.reload} />
          ))
        )}

        <Card>
          <CardHeader title="Escalation policies" description="A policy with no severities is the default, for every severity without its own." />
          {policies.loading ? (
            <Loading label="Loading escalation policies…" />
          ) : !policies.data ? (
            <ErrorState error={policies.error} onRetry={policies.reload} />
          ) : policies.data.length === 0 ? (
            <EmptyState title="No escalation policies">
              {isAdmin ? "Create one to decide who is notified about new incidents, and who next." : "An admin can set one up."}
            </EmptyState>
          ) : (
            <ul className="divide-y divide-slate-200 dark:divide-slate-700" aria-label="Escalation policies">
              {policies.data.map((p) => (
                <PolicyRow key={p.id} policy={p} schedules={schedules.data ?? []} onEdit={() => start({ kind: "policy", item: p })} onDeleted={policies.reload} />
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
