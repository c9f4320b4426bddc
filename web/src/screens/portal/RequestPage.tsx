"use client";
// One of my requests (`/{slug}/portal/requests/3`, where the status emails
// link): where it is (approval, then tasks stage by stage), my answers,
// and the conversation with the people fulfilling it; cancel while open.

import { useState } from "react";
import { api, ApiError, type Approval, type ServiceRequest, type Versioned } from "@/lib/api";
import { formatDateTime, titleCase } from "@/lib/format";
import { useMemberName, useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { Link, useDocumentTitle, useLocation } from "@/lib/router";
import { Alert, ErrorAlert } from "@/components/ui/Alert";
import { Badge } from "@/components/ui/Badge";
import { Button, ButtonLink } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { ErrorState, Loading } from "@/components/ui/States";
import { NoteForm, Timeline } from "@/components/records/Timeline";
import { Answers, isOpen, RequestStatusBadge, TaskStatusBadge, taskProgress } from "@/screens/requests/shared";

const stepTone: Record<string, string> = {
  approved: "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-100 dark:ring-emerald-800",
  rejected: "bg-red-50 text-red-800 ring-red-200 dark:bg-red-950 dark:text-red-200 dark:ring-red-800",
  pending: "bg-amber-50 text-amber-900 ring-amber-200 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800",
};

/** The approval as the requester follows it: each step's outcome and the approvers' comments. */
function ApprovalSummary({ approval }: { approval: Approval }) {
  const { isRequester } = useOrg();
  const nameOf = useMemberName();
  // A requester does not see the organisation's members.
  const who = (userId: string) => (isRequester ? "An approver" : nameOf(userId));
  return (
    <section aria-label="Approval" className="space-y-2">
      <h3 className="text-sm font-semibold text-slate-900 dark:text-white">
        Approval: <span className="font-normal">{titleCase(approval.status)}</span>
      </h3>
      <ol className="space-y-2">
        {approval.steps.map((step, i) => (
          <li key={i} className="text-sm">
            <span className="text-slate-900 dark:text-slate-100">
              {i + 1}. {step.name}
            </span>{" "}
            <Badge className={stepTone[step.status] ?? stepTone.pending}>{titleCase(step.status)}</Badge>
            {step.votes
              .filter((v) => v.comment)
              .map((v) => (
                <p key={v.user} className="mt-1 text-slate-700 dark:text-slate-300">
                  {who(v.user)} {v.decision === "approve" ? "approved" : "rejected"}: “{v.comment}”
                </p>
              ))}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Progress({ request }: { request: ServiceRequest }) {
  const stages = [...new Set(request.tasks.map((t) => t.stage))].sort((a, b) => a - b);
  const { done, total } = taskProgress(request);
  return (
    <Card>
      <CardHeader title="Progress" description={total ? `${done} of ${total} tasks done` : undefined} />
      <div className="space-y-4 p-4">
        {request.approval && <ApprovalSummary approval={request.approval} />}
        {stages.length > 0 ? (
          <section aria-label="Tasks" className="space-y-3">
            <h3 className="text-sm font-semibold text-slate-900 dark:text-white">Tasks</h3>
            {stages.map((stage) => (
              <div key={stage}>
                {stages.length > 1 && <p className="text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">Step {stage + 1}</p>}
                <ul className="mt-1 space-y-1">
                  {request.tasks
                    .filter((t) => t.stage === stage)
                    .map((t) => (
                      <li key={t.id} className="flex flex-wrap items-center gap-2 text-sm text-slate-900 dark:text-slate-100">
                        {t.name} <TaskStatusBadge status={t.status} />
                      </li>
                    ))}
                </ul>
              </div>
            ))}
          </section>
        ) : (
          !request.approval && <p className="text-sm text-slate-600 dark:text-slate-400">Nothing to show yet.</p>
        )}
      </div>
    </Card>
  );
}

function Conversation({ request }: { request: ServiceRequest }) {
  const { org } = useOrg();
  const timeline = useResource(() => api.requestTimeline(org.id, request.id), [org.id, request.id, request.version]);
  return (
    <Card>
      <CardHeader title="Conversation" description="Everything that happened, and your messages with the people handling it." />
      <div className="space-y-6 p-4">
        {timeline.loading ? (
          <Loading label="Loading…" />
        ) : !timeline.data ? (
          <ErrorState error={timeline.error} onRetry={timeline.reload} />
        ) : (
          <Timeline entries={timeline.data} label="Conversation" noteVerb="commented" />
        )}
        <div className="border-t border-slate-200 pt-4 dark:border-slate-700">
          <NoteForm
            label="Add a comment"
            submitLabel="Send comment"
            placeholder="A question, or what they asked you for"
            onSubmit={async (text) => {
              await api.addRequestComment(org.id, request.id, text);
              await timeline.reload();
              return true;
            }}
          />
        </div>
      </div>
    </Card>
  );
}

export default function RequestPage({ number }: { number: string }) {
  const { org, membership, isRequester } = useOrg();
  const { search } = useLocation();
  const detail = useResource<Versioned<ServiceRequest>>(() => api.request(org.id, number), [org.id, number]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [stale, setStale] = useState(false);
  const request = detail.data?.value;
  useDocumentTitle(request ? `${request.number} ${request.title}` : undefined);

  async function cancel() {
    if (!request || !window.confirm(`Cancel ${request.number}?`)) return;
    setBusy(true);
    setError(undefined);
    try {
      detail.setData(await api.moveRequest(org.id, request.id, detail.data!.etag, "cancelled"));
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) setStale(true);
      else setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (detail.loading) return <Loading label="Loading your request…" />;
  if (!request) return <ErrorState error={detail.error} onRetry={detail.reload} />;
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/${membership.slug}/portal/requests`} className="text-brand-700 hover:underline dark:text-brand-300">
          ← My requests
        </Link>
      </nav>
      {search.get("raised") && (
        <Alert tone="success" title={`Request ${request.number} submitted`}>
          We email you as it moves on; you can follow it here too.
        </Alert>
      )}
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-mono text-sm text-slate-700 dark:text-slate-300">{request.number}</span>
          <RequestStatusBadge status={request.status} />
        </div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900 dark:text-white">{request.title}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Raised {formatDateTime(request.createdAt)}
          {request.closedAt ? ` · closed ${formatDateTime(request.closedAt)}` : request.dueAt ? ` · expected by ${formatDateTime(request.dueAt)}` : ""}
        </p>
      </header>
      {stale && (
        <Alert tone="warning" title="This request changed meanwhile" action={<Button size="sm" onClick={() => (setStale(false), void detail.reload())}>Reload</Button>}>
          It moved on since you opened it; reload, then try again.
        </Alert>
      )}
      <ErrorAlert error={error} />
      {(isOpen(request.status) || !isRequester) && (
        <div className="flex flex-wrap gap-2">
          {isOpen(request.status) && (
            <Button variant="secondary" disabled={busy} onClick={() => void cancel()}>
              Cancel request
            </Button>
          )}
          {!isRequester && org.features.requestFulfillment && (
            <ButtonLink variant="ghost" href={`/${membership.slug}/requests/${request.number}`}>
              Open as an agent
            </ButtonLink>
          )}
        </div>
      )}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card>
            <CardHeader title="Your answers" />
            <div className="p-4">
              <Answers form={request.form} answers={request.answers} />
            </div>
          </Card>
          <Conversation request={request} />
        </div>
        <div className="h-fit space-y-6">
          <Progress request={request} />
        </div>
      </div>
    </div>
  );
}
