"use client";

import { useState } from "react";
import { api, type AuditEvent, type ChainVerification } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { useOrg } from "@/lib/org";
import { useAction, useResource } from "@/lib/resource";
import { Alert, ErrorAlert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { EmptyState, ErrorState, Loading } from "@/components/ui/States";
import { TableHead } from "@/components/ui/Table";

function VerifyResult({ result }: { result: ChainVerification }) {
  return result.valid ? (
    <Alert tone="success" title="The audit log is intact">
      All {result.checked} events check out: every hash and link to its predecessor matches.
    </Alert>
  ) : (
    <Alert tone="error" title="The audit log has been tampered with">
      {result.checked} events check out; the chain breaks at event #{result.firstBrokenSeq} ({result.firstBrokenEvent}).
    </Alert>
  );
}

function Row({ event }: { event: AuditEvent }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <tr className="border-t border-slate-200 align-top dark:border-slate-700">
        <td className="whitespace-nowrap px-4 py-2 text-slate-700 dark:text-slate-300">{formatDateTime(event.createdAt)}</td>
        <td className="px-4 py-2 text-slate-900 dark:text-slate-100">{event.actor}</td>
        <td className="px-4 py-2 font-mono text-xs text-slate-900 dark:text-slate-100">{event.action}</td>
        <td className="hidden break-all px-4 py-2 font-mono text-xs text-slate-700 md:table-cell dark:text-slate-300">{event.target}</td>
        <td className="px-4 py-2 text-right">
          <Button size="sm" variant="ghost" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? "Hide" : "Details"}
          </Button>
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={5} className="px-4 pb-3">
            <pre className="overflow-x-auto rounded-md bg-slate-100 p-3 text-xs text-slate-900 dark:bg-slate-800 dark:text-slate-100">
              {JSON.stringify({ seq: event.seq, summary: event.summary, ip: event.ip, userAgent: event.userAgent, requestId: event.requestId, hash: event.hash }, null, 2)}
            </pre>
          </td>
        </tr>
      )}
    </>
  );
}

export default function Audit() {
  const { org } = useOrg();
  const [pages, setPages] = useState<AuditEvent[][]>([]);
  const first = useResource(() => api.audit(org.id, { limit: 50 }), [org.id]);
  const [cursor, setCursor] = useState<string | null | undefined>();
  const more = useAction((c: string) => api.audit(org.id, { cursor: c, limit: 50 }));
  const verify = useAction(() => api.verifyAudit(org.id));
  const [result, setResult] = useState<ChainVerification>();

  const nextCursor = pages.length ? cursor : first.data?.nextCursor;
  const events = [...(first.data?.data ?? []), ...pages.flat()];

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title="Audit log"
          description="Who did what, newest first. Each event is chained to the one before by its hash."
          action={
            <Button
              variant="secondary"
              pending={verify.pending}
              onClick={async () => {
                const r = await verify.run();
                if (r) setResult(r);
              }}
            >
              Verify integrity
            </Button>
          }
        />
        {result || verify.error ? (
          <div className="px-4 pt-4">
            {result && <VerifyResult result={result} />}
            <ErrorAlert error={verify.error} />
          </div>
        ) : null}
        {first.loading ? (
          <Loading label="Loading audit log…" />
        ) : !first.data ? (
          <ErrorState error={first.error} onRetry={first.reload} />
        ) : events.length === 0 ? (
          <EmptyState title="No events yet" />
        ) : (
          <div className="mt-2 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Audit events</caption>
              <TableHead
                columns={[
                  { label: "When" },
                  { label: "Actor" },
                  { label: "Action" },
                  { label: "Target", className: "hidden md:table-cell" },
                  { label: <span className="sr-only">Details</span> },
                ]}
              />
              <tbody>
                {events.map((e) => (
                  <Row key={e.id} event={e} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {nextCursor || more.error ? (
          <div className="border-t border-slate-200 p-3 text-center dark:border-slate-700">
            <ErrorAlert error={more.error} className="mb-2 text-left" />
            {nextCursor && (
              <Button
                variant="secondary"
                pending={more.pending}
                onClick={async () => {
                  const page = await more.run(nextCursor);
                  if (page) {
                    setPages((p) => [...p, page.data]);
                    setCursor(page.nextCursor);
                  }
                }}
              >
                Load older events
              </Button>
            )}
          </div>
        ) : null}
      </Card>
    </div>
  );
}
