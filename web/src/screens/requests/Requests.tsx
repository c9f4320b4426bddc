"use client";
// Request fulfilment for the people handling requests: every request
// (status filter, mine), the teams' task queue, and a request's page.

import { useState } from "react";
import { api, REQUEST_STATUSES, TASK_MOVES, type QueuedTask, type RequestStatus, type TaskChange, type TaskStatus } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { useMemberName, useOrg } from "@/lib/org";
import { usePages } from "@/lib/pages";
import { useAction, useResource } from "@/lib/resource";
import { Link } from "@/lib/router";
import { useMe } from "@/lib/session";
import { ErrorAlert } from "@/components/ui/Alert";
import { Button, ButtonLink } from "@/components/ui/Button";
import { Card, PageHeader } from "@/components/ui/Card";
import { Checkbox, SelectField } from "@/components/ui/Field";
import { EmptyState, ErrorState, LoadMore, Loading } from "@/components/ui/States";
import { TabNav } from "@/components/ui/TabNav";
import RequestDetail from "./RequestDetail";
import { REQUEST_STATUS_LABEL, RequestStatusBadge, TASK_STATUS_LABEL, TaskStatusBadge, taskProgress } from "./shared";

function RequestTabs() {
  const { membership, isAdmin, org } = useOrg();
  const base = `/${membership.slug}/requests`;
  const tabs = [
    { href: base, label: "All requests" },
    { href: `${base}/tasks`, label: "Task queue" },
  ];
  return (
    <TabNav label="Requests" tabs={tabs}>
      {isAdmin && org.features.serviceCatalog && (
        <Link href={`/${membership.slug}/settings/catalogue`} className="ml-auto text-sm font-medium text-brand-700 hover:underline dark:text-brand-300">
          Manage the catalogue
        </Link>
      )}
    </TabNav>
  );
}

function RequestList() {
  const { org, membership } = useOrg();
  const nameOf = useMemberName();
  const [status, setStatus] = useState<RequestStatus | "">("");
  const [mine, setMine] = useState(false);
  const requests = usePages((cursor) => api.requests(org.id, { status, mine, cursor }), [org.id, status, mine]);
  return (
    <>
      <PageHeader
        title="Requests"
        description="Requests raised from the service catalogue: approve them, work their tasks, fulfil them."
        actions={org.features.serviceCatalog ? <ButtonLink href={`/${membership.slug}/portal`} variant="secondary">Raise a request</ButtonLink> : undefined}
      />
      <RequestTabs />
      <div className="mb-4 flex flex-wrap items-end gap-4">
        <SelectField label="Status" value={status} onChange={(e) => setStatus(e.target.value as RequestStatus | "")} className="w-56">
          <option value="">Any</option>
          {REQUEST_STATUSES.map((s) => (
            <option key={s} value={s}>
              {REQUEST_STATUS_LABEL[s]}
            </option>
          ))}
        </SelectField>
        <Checkbox label="Raised by me" checked={mine} onChange={(e) => setMine(e.target.checked)} className="pb-2" />
      </div>
      {requests.loading ? (
        <Loading label="Loading requests…" />
      ) : !requests.data ? (
        <ErrorState error={requests.error} onRetry={requests.reload} />
      ) : requests.data.length === 0 ? (
        <Card>
          <EmptyState title="No requests">{status || mine ? "None match these filters." : "Requests raised from the catalogue show here."}</EmptyState>
        </Card>
      ) : (
        <Card>
          <ul className="divide-y divide-slate-200 dark:divide-slate-700" aria-label="Requests">
            {requests.data.map((r) => {
              const { done, total } = taskProgress(r);
              return (
                <li key={r.id} className="flex flex-wrap items-center gap-2 px-4 py-3">
                  <span className="font-mono text-sm text-slate-700 dark:text-slate-300">{r.number}</span>
                  <Link href={`/${membership.slug}/requests/${r.number}`} className="font-medium text-slate-900 hover:underline dark:text-white">
                    {r.title}
                  </Link>
                  <RequestStatusBadge status={r.status} />
                  <span className="w-full text-sm text-slate-600 dark:text-slate-400">
                    By {nameOf(r.requestedBy)} · {formatDateTime(r.createdAt)}
                    {total > 0 && ` · ${done} of ${total} tasks done`}
                    {r.dueAt && !r.closedAt && ` · due ${formatDateTime(r.dueAt)}`}
                  </span>
                </li>
              );
            })}
          </ul>
          <LoadMore pages={requests} label="Load more requests" />
        </Card>
      )}
    </>
  );
}

/** The next move offered for a task in the queue, by its status. */
const NEXT: Partial<Record<TaskStatus, { to: TaskStatus; label: string }>> = {
  open: { to: "in_progress", label: "Start" },
  waiting_on_requester: { to: "in_progress", label: "Resume" },
};

function QueueRow({ task, onChanged }: { task: QueuedTask; onChanged: () => void }) {
  const { org, membership } = useOrg();
  const me = useMe().user.id;
  const nameOf = useMemberName();
  const update = useAction((change: TaskChange) => api.updateTask(org.id, task.request, task.id, change));
  const run = async (change: TaskChange) => {
    if (await update.run(change)) onChanged();
  };
  const next = NEXT[task.status];
  const label = `${task.name} (${task.requestNumber})`;
  return (
    <li className="flex flex-wrap items-center gap-2 px-4 py-3">
      <span className="font-medium text-slate-900 dark:text-white">{task.name}</span>
      <TaskStatusBadge status={task.status} />
      <span className="text-sm text-slate-700 dark:text-slate-300">
        for{" "}
        <Link href={`/${membership.slug}/requests/${task.requestNumber}`} className="font-medium text-brand-700 hover:underline dark:text-brand-300">
          {task.requestNumber} {task.requestTitle}
        </Link>
      </span>
      <span className="text-sm text-slate-600 dark:text-slate-400">· {task.assignee ? `Assigned to ${task.assignee === me ? "you" : nameOf(task.assignee)}` : "Unassigned"}</span>
      <span className="ml-auto flex flex-wrap gap-2" role="group" aria-label={`Actions for ${label}`}>
        {task.assignee !== me && (
          <Button size="sm" variant="ghost" disabled={update.pending} onClick={() => void run({ assignee: me })} aria-label={`Assign to me: ${label}`}>
            Assign to me
          </Button>
        )}
        {next && (
          <Button size="sm" variant="secondary" disabled={update.pending} onClick={() => void run({ status: next.to })}>
            {next.label}
          </Button>
        )}
        {task.status !== "done" && task.status !== "pending" && (
          <Button size="sm" disabled={update.pending} onClick={() => void run({ status: "done" })} aria-label={`Mark done: ${label}`}>
            Mark done
          </Button>
        )}
      </span>
      <ErrorAlert error={update.error} className="w-full" />
    </li>
  );
}

function TaskQueue() {
  const { org } = useOrg();
  const teams = useResource(() => api.teams(org.id), [org.id]);
  const [team, setTeam] = useState("");
  const [mine, setMine] = useState(false);
  const [status, setStatus] = useState<TaskStatus | "">("");
  const queue = useResource(() => api.taskQueue(org.id, { team: team || undefined, mine, status }), [org.id, team, mine, status]);
  const teamName = (id: string) => teams.data?.find((t) => t.id === id)?.name ?? "a team";
  const groups = queue.data ? [...new Set(queue.data.map((t) => t.team))] : [];
  return (
    <>
      <PageHeader title="Task queue" description="The fulfilment tasks waiting for your teams, oldest first." />
      <RequestTabs />
      <div className="mb-4 flex flex-wrap items-end gap-4">
        <SelectField label="Team" value={team} onChange={(e) => setTeam(e.target.value)} className="w-56">
          <option value="">Every team</option>
          {(teams.data ?? []).map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Status" value={status} onChange={(e) => setStatus(e.target.value as TaskStatus | "")} className="w-56">
          <option value="">Still to do</option>
          {TASK_MOVES.map((s) => (
            <option key={s} value={s}>
              {TASK_STATUS_LABEL[s]}
            </option>
          ))}
        </SelectField>
        <Checkbox label="Assigned to me" checked={mine} onChange={(e) => setMine(e.target.checked)} className="pb-2" />
      </div>
      {queue.loading ? (
        <Loading label="Loading tasks…" />
      ) : !queue.data ? (
        <ErrorState error={queue.error} onRetry={queue.reload} />
      ) : queue.data.length === 0 ? (
        <Card>
          <EmptyState title="Nothing in the queue">No task matches: approved requests bring their tasks here.</EmptyState>
        </Card>
      ) : (
        <div className="space-y-6">
          {groups.map((id) => (
            <Card key={id}>
              <h2 className="border-b border-slate-200 px-4 py-3 text-base font-semibold text-slate-900 dark:border-slate-700 dark:text-slate-100">{teamName(id)}</h2>
              <ul className="divide-y divide-slate-200 dark:divide-slate-700" aria-label={`Tasks of ${teamName(id)}`}>
                {queue.data!
                  .filter((t) => t.team === id)
                  .map((t) => (
                    <QueueRow key={t.id} task={t} onChanged={() => void queue.reload()} />
                  ))}
              </ul>
            </Card>
          ))}
        </div>
      )}
    </>
  );
}

export default function Requests({ view }: { view: string }) {
  if (view === "") return <RequestList />;
  if (view === "tasks") return <TaskQueue />;
  return <RequestDetail key={view} number={view.replace(/^REQ-/i, "")} />;
}
