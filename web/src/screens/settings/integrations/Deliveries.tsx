"use client";
// The log of every delivery (pages, texts, posts and webhook calls), newest
// first, looked at again while any are pending.

import { useEffect, useState } from "react";
import { api, type Delivery, type DeliveryStatus, type Webhook } from "@/lib/api";
import { formatDateTime, formatRelative } from "@/lib/format";
import { CHANNEL_LABEL, DELIVERY_STATUS_LABEL } from "@/lib/oncall";
import { useMemberName, useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { SelectField } from "@/components/ui/Field";
import { cx } from "@/components/ui/cx";
import { EmptyState, ErrorState, Loading } from "@/components/ui/States";
import { TableHead } from "@/components/ui/Table";
import { DeliveryDialog } from "./DeliveryDialog";
import { STATUS_TONE } from "./tones";

function useRecipientName(webhooks: Webhook[]) {
  const memberName = useMemberName();
  return (delivery: Delivery) => {
    if (delivery.recipient === "org") return "Organisation";
    if (delivery.channel === "webhook") return webhooks.find((w) => w.id === delivery.recipient)?.url ?? "Removed endpoint";
    return memberName(delivery.recipient);
  };
}

export function Deliveries({ webhooks }: { webhooks: Webhook[] }) {
  const { org } = useOrg();
  const [status, setStatus] = useState<DeliveryStatus | "">("");
  const deliveries = useResource(() => api.deliveries(org.id, { status: status || undefined, limit: 100 }), [org.id, status]);
  const [open, setOpen] = useState<string>();
  const recipient = useRecipientName(webhooks);
  // Pending deliveries change on their own: look again while any are waiting.
  const reload = deliveries.reload;
  const anyPending = deliveries.data?.some((d) => d.status === "pending");
  useEffect(() => {
    if (!anyPending) return;
    const timer = setInterval(() => void reload(), 5000);
    return () => clearInterval(timer);
  }, [anyPending, reload]);

  return (
    <Card>
      <CardHeader
        title="Delivery log"
        description="Every notification sent, newest first. Failed ones are retried with backoff; dead ones gave up and can be retried by hand; cancelled pages were not sent because the incident was acknowledged or resolved first."
        action={
          <div className="flex items-end gap-2">
            <SelectField label="Status" value={status} onChange={(e) => setStatus(e.target.value as DeliveryStatus | "")}>
              <option value="">All</option>
              <option value="pending">Pending</option>
              <option value="delivered">Delivered</option>
              <option value="dead">Dead</option>
              <option value="cancelled">Cancelled</option>
            </SelectField>
            <Button variant="secondary" onClick={() => void reload()}>
              Refresh
            </Button>
          </div>
        }
      />
      {deliveries.loading ? (
        <Loading label="Loading deliveries…" />
      ) : !deliveries.data ? (
        <ErrorState error={deliveries.error} onRetry={reload} />
      ) : deliveries.data.length === 0 ? (
        <EmptyState title={status ? `No ${DELIVERY_STATUS_LABEL[status].toLowerCase()} deliveries` : "No deliveries yet"}>
          Notifications appear here once incidents trigger them.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Deliveries</caption>
            <TableHead
              className="border-b border-slate-200 dark:border-slate-700"
              columns={[
                { label: "Created" },
                { label: "Channel" },
                { label: "Recipient", className: "hidden md:table-cell" },
                { label: "Status" },
                { label: "Attempts", className: "hidden sm:table-cell" },
                { label: "Last result", className: "hidden lg:table-cell" },
                { label: <span className="sr-only">Actions</span> },
              ]}
            />
            <tbody className="divide-y divide-slate-200 dark:divide-slate-700">
              {deliveries.data.map((d) => (
                <tr key={d.id} className={cx(d.status === "dead" && "bg-red-50 dark:bg-red-950/40")} data-status={d.status}>
                  <td className="whitespace-nowrap px-4 py-2" title={formatDateTime(d.createdAt)}>
                    {formatRelative(d.createdAt)}
                  </td>
                  <td className="px-4 py-2">{CHANNEL_LABEL[d.channel] ?? d.channel}</td>
                  <td className="hidden max-w-[16rem] truncate px-4 py-2 md:table-cell">{recipient(d)}</td>
                  <td className="px-4 py-2">
                    <Badge className={STATUS_TONE[d.status]}>{DELIVERY_STATUS_LABEL[d.status]}</Badge>
                  </td>
                  <td className="hidden px-4 py-2 sm:table-cell">{d.attempts}</td>
                  <td className="hidden max-w-[18rem] truncate px-4 py-2 text-slate-700 lg:table-cell dark:text-slate-300" title={d.lastError ?? undefined}>
                    {d.lastError ?? (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : d.status === "delivered" ? "OK" : "")}
                  </td>
                  <td className="px-4 py-2 text-right">
                    <Button size="sm" variant="secondary" aria-label={`Details of the ${CHANNEL_LABEL[d.channel] ?? d.channel} delivery to ${recipient(d)}`} onClick={() => setOpen(d.id)}>
                      Details
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open && <DeliveryDialog id={open} recipient={recipient} onClose={() => setOpen(undefined)} onRetried={() => void reload()} />}
    </Card>
  );
}
