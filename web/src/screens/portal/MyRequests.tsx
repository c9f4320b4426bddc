"use client";
// My requests: the signed-in person's own, newest first, with their status
// and how far along their tasks are.

import { useState } from "react";
import { api, REQUEST_STATUSES, type RequestStatus } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { useOrg } from "@/lib/org";
import { usePages } from "@/lib/pages";
import { Link } from "@/lib/router";
import { ButtonLink } from "@/components/ui/Button";
import { Card, PageHeader } from "@/components/ui/Card";
import { SelectField } from "@/components/ui/Field";
import { EmptyState, ErrorState, LoadMore, Loading } from "@/components/ui/States";
import { REQUEST_STATUS_LABEL, RequestStatusBadge, taskProgress } from "@/screens/requests/shared";

export default function MyRequests() {
  const { org, membership } = useOrg();
  const [status, setStatus] = useState<RequestStatus | "">("");
  const requests = usePages((cursor) => api.requests(org.id, { mine: true, status, cursor }), [org.id, status]);
  const catalogue = `/${membership.slug}/portal`;
  return (
    <>
      <PageHeader
        title="My requests"
        description="What you have asked for, and where each one is."
        actions={org.features.serviceCatalog ? <ButtonLink href={catalogue}>New request</ButtonLink> : undefined}
      />
      <div className="mb-4 max-w-xs">
        <SelectField label="Status" value={status} onChange={(e) => setStatus(e.target.value as RequestStatus | "")}>
          <option value="">Any</option>
          {REQUEST_STATUSES.map((s) => (
            <option key={s} value={s}>
              {REQUEST_STATUS_LABEL[s]}
            </option>
          ))}
        </SelectField>
      </div>
      {requests.loading ? (
        <Loading label="Loading your requests…" />
      ) : !requests.data ? (
        <ErrorState error={requests.error} onRetry={requests.reload} />
      ) : requests.data.length === 0 ? (
        <Card>
          <EmptyState title={status ? "No requests with this status" : "No requests yet"} action={org.features.serviceCatalog && !status ? <ButtonLink href={catalogue}>Browse the catalogue</ButtonLink> : undefined}>
            {status ? "Pick another status to see the rest." : "Ask for something from the catalogue and follow it here."}
          </EmptyState>
        </Card>
      ) : (
        <Card>
          <ul className="divide-y divide-slate-200 dark:divide-slate-700" aria-label="My requests">
            {requests.data.map((r) => {
              const { done, total } = taskProgress(r);
              return (
                <li key={r.id} className="flex flex-wrap items-center gap-2 px-4 py-3">
                  <span className="font-mono text-sm text-slate-700 dark:text-slate-300">{r.number}</span>
                  <Link href={`/${membership.slug}/portal/requests/${r.number}`} className="font-medium text-slate-900 hover:underline dark:text-white">
                    {r.title}
                  </Link>
                  <RequestStatusBadge status={r.status} />
                  <span className="w-full text-sm text-slate-600 dark:text-slate-400">
                    Raised {formatDateTime(r.createdAt)}
                    {total > 0 && ` · ${done} of ${total} tasks done`}
                    {r.dueAt && !r.closedAt && ` · expected by ${formatDateTime(r.dueAt)}`}
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
