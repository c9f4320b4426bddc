"use client";
// A request's page for the people handling it: the answers, the approval
// (votes for pending approvers), the tasks stage by stage with their
// status and assignee, fulfil or cancel, links and the timeline (its
// comments reach the requester).

import dynamic from "next/dynamic";
import { useId, useState } from "react";
import { api, ApiError, requestPath, TASK_MOVES, type RequestTask, type ServiceRequest, type TaskChange, type TaskStatus, type Versioned } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { useFreshMembers, useMemberName, useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { Link, useDocumentTitle } from "@/lib/router";
import { Alert, ErrorAlert } from "@/components/ui/Alert";
import { Button, ButtonLink } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { inputClass } from "@/components/ui/Field";
import { ErrorState, Loading } from "@/components/ui/States";
import { ApprovalPanel } from "@/components/records/ApprovalPanel";
import { LinksPanel } from "@/components/records/LinksPanel";
import { RecordActivity } from "@/components/records/RecordActivity";
import { Answers, isOpen, RequestStatusBadge, TASK_STATUS_LABEL, TaskStatusBadge, taskProgress } from "./shared";

// The SLA clocks of the policy that applies (module slaManagement), loaded after the page.
const SlaPanel = dynamic(() => import("@/components/records/SlaPanel").then((m) => m.SlaPanel), { ssr: false });

const TO_DO: TaskStatus[] = ["pending", "open", "in_progress", "waiting_on_requester"];

function TaskRow({ task, team, movable, busy, onChange }: { task: RequestTask; team: string; movable: boolean; busy: boolean; onChange: (change: TaskChange) => void }) {
  const id = useId();
  const members = useFreshMembers({ agentsOnly: true });
  const nameOf = useMemberName();
  const live = movable && task.status !== "pending" && task.status !== "skipped" && task.status !== "cancelled";
  return (
    <li className="flex flex-wrap items-center gap-3 px-4 py-3">
      <div className="min-w-0 flex-1">
        <p className="font-medium text-slate-900 dark:text-white">{task.name}</p>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {team}
          {task.doneAt && ` · done ${formatDateTime(task.doneAt)}`}
        </p>
      </div>
      {live ? (
        <>
          <div>
            <label htmlFor={`${id}-status`} className="sr-only">
              Status of {task.name}
            </label>
            <select id={`${id}-status`} className={inputClass} value={task.status} disabled={busy} onChange={(e) => onChange({ status: e.target.value as TaskStatus })}>
              {TASK_MOVES.map((s) => (
                <option key={s} value={s}>
                  {TASK_STATUS_LABEL[s]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-assignee`} className="sr-only">
              Assignee of {task.name}
            </label>
            <select id={`${id}-assignee`} className={inputClass} value={task.assignee ?? ""} disabled={busy} onChange={(e) => onChange({ assignee: e.target.value || null })}>
              <option value="">Unassigned</option>
              {task.assignee && !members.data?.some((m) => m.userId === task.assignee) && <option value={task.assignee}>{nameOf(task.assignee)}</option>}
              {(members.data ?? []).map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.name || m.email}
                </option>
              ))}
            </select>
          </div>
          {task.status !== "done" && (
            <Button size="sm" disabled={busy} onClick={() => onChange({ status: "done" })} aria-label={`Mark done: ${task.name}`}>
              Mark done
            </Button>
          )}
        </>
      ) : (
        <>
          <TaskStatusBadge status={task.status} />
          {task.assignee && <span className="text-sm text-slate-700 dark:text-slate-300">{nameOf(task.assignee)}</span>}
        </>
      )}
    </li>
  );
}

function Tasks({
  request,
  teamName,
  busy,
  onChange,
}: {
  request: ServiceRequest;
  teamName: (id: string) => string;
  busy: boolean;
  onChange: (task: RequestTask, change: TaskChange) => void;
}) {
  const stages = [...new Set(request.tasks.map((t) => t.stage))].sort((a, b) => a - b);
  const { done, total } = taskProgress(request);
  return (
    <Card>
      <CardHeader title="Tasks" description={total ? `${done} of ${total} done. The last task of a stage opens the next; the last of all fulfils the request.` : "This item has no fulfilment plan."} />
      {stages.map((stage) => (
        <section key={stage} aria-label={`Stage ${stage + 1}`}>
          <h3 className="bg-slate-50 px-4 py-2 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:bg-slate-800/60 dark:text-slate-300">Stage {stage + 1}</h3>
          <ul className="divide-y divide-slate-200 dark:divide-slate-700">
            {request.tasks
              .filter((t) => t.stage === stage)
              .map((t) => (
                <TaskRow key={t.id} task={t} team={teamName(t.team)} movable={request.status === "in_progress"} busy={busy} onChange={(change) => onChange(t, change)} />
              ))}
          </ul>
        </section>
      ))}
    </Card>
  );
}

export default function RequestDetail({ number }: { number: string }) {
  const { org, membership } = useOrg();
  const nameOf = useMemberName();
  const detail = useResource<Versioned<ServiceRequest>>(() => api.request(org.id, number), [org.id, number]);
  const teams = useResource(() => api.teams(org.id), [org.id]);
  const teamName = (id: string) => teams.data?.find((t) => t.id === id)?.name ?? "…";
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [stale, setStale] = useState(false);
  const request = detail.data?.value;
  useDocumentTitle(request ? `${request.number} ${request.title}` : undefined);

  async function act(action: () => Promise<Versioned<ServiceRequest>>) {
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

  if (detail.loading) return <Loading label="Loading request…" />;
  if (!request) return <ErrorState error={detail.error} onRetry={detail.reload} />;
  const open = isOpen(request.status);
  // A task's move leaves the request's version as it is: what reloads the timeline and the clocks.
  const stamp = `${request.version}:${request.status}:${request.tasks.map((t) => `${t.status}/${t.assignee ?? ""}`).join(",")}`;
  const left = request.tasks.filter((t) => TO_DO.includes(t.status)).length;
  const canFulfil = (request.status === "approved" || request.status === "in_progress") && left === 0;
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/${membership.slug}/requests`} className="text-brand-700 hover:underline dark:text-brand-300">
          ← All requests
        </Link>
      </nav>
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-mono text-sm text-slate-700 dark:text-slate-300">{request.number}</span>
          <RequestStatusBadge status={request.status} />
        </div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900 dark:text-white">{request.title}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Raised {formatDateTime(request.createdAt)} by {nameOf(request.requestedBy)} · form version {request.formVersion}
          {request.closedAt ? ` · closed ${formatDateTime(request.closedAt)}` : request.dueAt ? ` · due ${formatDateTime(request.dueAt)}` : ""}
        </p>
      </header>
      {stale && (
        <Alert tone="warning" title="This request changed meanwhile" action={<Button size="sm" onClick={() => (setStale(false), void detail.reload())}>Reload</Button>}>
          Someone else moved it since you opened it; reload, then try again.
        </Alert>
      )}
      <ErrorAlert error={error} />
      {open && (
        <div className="flex flex-wrap gap-2" role="group" aria-label="Request status">
          {canFulfil && (
            <Button disabled={busy} onClick={() => void act(() => api.moveRequest(org.id, request.id, detail.data!.etag, "fulfilled"))}>
              Mark fulfilled
            </Button>
          )}
          <Button
            variant="secondary"
            disabled={busy}
            onClick={() => {
              if (window.confirm(`Cancel ${request.number}? Its open tasks are cancelled too.`)) void act(() => api.moveRequest(org.id, request.id, detail.data!.etag, "cancelled"));
            }}
          >
            Cancel request
          </Button>
          {org.features.serviceCatalog && (
            <ButtonLink variant="ghost" href={`/${membership.slug}/portal/requests/${request.number}`}>
              As the requester sees it
            </ButtonLink>
          )}
        </div>
      )}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card>
            <CardHeader title="Answers" />
            <div className="p-4">
              <Answers form={request.form} answers={request.answers} />
            </div>
          </Card>
          {request.tasks.length > 0 && (
            <Tasks request={request} teamName={teamName} busy={busy} onChange={(task, change) => void act(() => api.updateTask(org.id, request.id, task.id, change))} />
          )}
          <RecordActivity base={requestPath(org.id, request.id)} version={stamp} comments />
        </div>
        <div className="h-fit space-y-6">
          {org.features.slaManagement && (
            <SlaPanel base={requestPath(org.id, request.id)} stamp={stamp} noun="request" tasks={Object.fromEntries(request.tasks.map((t) => [t.id, `${t.name} · ${teamName(t.team)}`]))} />
          )}
          <ApprovalPanel
            approval={request.approval}
            busy={busy}
            onVote={(decision, comment) => void act(() => api.voteOnRequest(org.id, request.id, decision, comment))}
            empty="This item needs no approval."
          />
          <Card className="p-4">
            <h2 className="mb-3 text-base font-semibold text-slate-900 dark:text-white">Links</h2>
            <LinksPanel base={requestPath(org.id, request.id)} />
          </Card>
        </div>
      </div>
    </div>
  );
}
