"use client";
// One delivery in a dialog: where it went, its status, every attempt, and a
// retry by hand once it is dead.

import { useEffect, useId, useRef, useState } from "react";
import { api, type Delivery } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { CHANNEL_LABEL, DELIVERY_STATUS_LABEL } from "@/lib/oncall";
import { useOrg } from "@/lib/org";
import { useAction, useResource } from "@/lib/resource";
import { Alert, ErrorAlert } from "@/components/ui/Alert";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { ErrorState, Loading } from "@/components/ui/States";
import { TableHead } from "@/components/ui/Table";
import { STATUS_TONE } from "./tones";

export function DeliveryDialog({
  id,
  recipient,
  onClose,
  onRetried,
}: {
  id: string;
  recipient: (delivery: Delivery) => string;
  onClose: () => void;
  onRetried: () => void;
}) {
  const { org } = useOrg();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const detail = useResource(() => api.delivery(org.id, id), [org.id, id]);
  const retry = useAction(() => api.retryDelivery(org.id, id).then(() => true));
  const [retried, setRetried] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const d = detail.data;
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="w-[min(42rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <div className="flex items-start justify-between gap-3 border-b border-slate-200 px-4 py-3 dark:border-slate-700">
        <h2 id={titleId} className="text-base font-semibold">
          Delivery {id}
        </h2>
        <Button size="sm" variant="ghost" onClick={() => ref.current?.close()}>
          Close
        </Button>
      </div>
      <div className="max-h-[70vh] space-y-4 overflow-y-auto p-4 text-sm">
        {detail.loading ? (
          <Loading label="Loading delivery…" />
        ) : !d ? (
          <ErrorState error={detail.error} onRetry={detail.reload} />
        ) : (
          <>
            <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
              <div>
                <dt className="text-slate-600 dark:text-slate-400">Channel</dt>
                <dd className="font-medium">{CHANNEL_LABEL[d.channel] ?? d.channel}</dd>
              </div>
              <div>
                <dt className="text-slate-600 dark:text-slate-400">Recipient</dt>
                <dd className="break-all font-medium">{recipient(d)}</dd>
              </div>
              <div>
                <dt className="text-slate-600 dark:text-slate-400">Status</dt>
                <dd>
                  <Badge className={STATUS_TONE[d.status]}>{DELIVERY_STATUS_LABEL[d.status]}</Badge>
                </dd>
              </div>
              <div>
                <dt className="text-slate-600 dark:text-slate-400">{d.deliveredAt ? "Delivered" : d.nextAttemptAt ? "Next attempt" : "Created"}</dt>
                <dd className="font-medium">{formatDateTime(d.deliveredAt ?? d.nextAttemptAt ?? d.createdAt)}</dd>
              </div>
              <div className="sm:col-span-2">
                <dt className="text-slate-600 dark:text-slate-400">Event</dt>
                <dd className="break-all font-mono text-xs">{d.eventId}</dd>
              </div>
            </dl>
            {retried && <Alert tone="success">Queued for another attempt.</Alert>}
            <ErrorAlert error={retry.error} />
            {d.status === "dead" && !retried && (
              <Button
                variant="danger"
                pending={retry.pending}
                onClick={async () => {
                  if (await retry.run()) {
                    setRetried(true);
                    onRetried();
                    void detail.reload();
                  }
                }}
              >
                Retry delivery
              </Button>
            )}
            <div>
              <h3 className="mb-2 font-semibold">Attempts</h3>
              {d.attemptLog.length === 0 ? (
                <p className="text-slate-600 dark:text-slate-400">Not attempted yet.</p>
              ) : (
                <div className="overflow-x-auto">
                  <table className="w-full text-left text-sm">
                    <caption className="sr-only">Attempt log</caption>
                    <TableHead columns={[{ label: "#" }, { label: "When" }, { label: "HTTP" }, { label: "Outcome" }]} cellClassName="px-2" />
                    <tbody className="divide-y divide-slate-200 dark:divide-slate-700">
                      {d.attemptLog.map((a) => (
                        <tr key={a.attempt}>
                          <td className="px-2 py-2 align-top">{a.attempt}</td>
                          <td className="whitespace-nowrap px-2 py-2 align-top">{formatDateTime(a.attemptedAt)}</td>
                          <td className="px-2 py-2 align-top">{a.statusCode ?? "—"}</td>
                          <td className="break-all px-2 py-2 align-top">{a.outcome}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </div>
          </>
        )}
      </div>
    </dialog>
  );
}
