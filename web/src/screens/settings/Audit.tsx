"use client";

import { useState } from "react";
import { api, type AuditEvent, type ChainVerification } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { useOrg } from "@/lib/org";
import { usePages } from "@/lib/pages";
import { useAction } from "@/lib/resource";
import { Alert, ErrorAlert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { EmptyState, ErrorState, LoadMore, Loading } from "@/components/ui/States";
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
  const events = usePages((cursor) => api.audit(org.id, { cursor, limit: 50 }), [org.id]);
  const verify = useAction(() => api.verifyAudit(org.id));
  const [result, setResult] = useState<ChainVerification>();

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
        {events.loading ? (
          <Loading label="Loading audit log…" />
        ) : !events.data ? (
          <ErrorState error={events.error} onRetry={events.reload} />
        ) : events.data.length === 0 ? (
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
                {events.data.map((e) => (
                  <Row key={e.id} event={e} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <LoadMore pages={events} label="Load older events" />
      </Card>
    </div>
  );
}
