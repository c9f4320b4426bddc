"use client";
// Admins: the organisation's notification channels (Slack, SMS through
// Twilio, PagerDuty), signed webhooks, and the log of every delivery with its
// attempts. Channel settings go in and are never shown back.

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import {
  api,
  ApiError,
  WEBHOOK_EVENT_TYPES,
  type Delivery,
  type DeliveryStatus,
  type Integration,
  type IntegrationChannel,
  type TestResult,
  type Webhook,
} from "@/lib/api";
import { formatDateTime, formatRelative } from "@/lib/format";
import { CHANNEL_LABEL, DELIVERY_STATUS_LABEL, EVENT_TYPE_LABEL, INTEGRATION_CHANNELS } from "@/lib/oncall";
import { useMemberName, useOrg } from "@/lib/org";
import { useAction, useResource } from "@/lib/resource";
import { Alert, ErrorAlert } from "@/components/ui/Alert";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { Checkbox, SelectField, TextField } from "@/components/ui/Field";
import { cx } from "@/components/ui/cx";
import { EmptyState, ErrorState, Loading } from "@/components/ui/States";
import { TableHead } from "@/components/ui/Table";

interface SettingField {
  name: string;
  label: string;
  secret?: boolean;
  optional?: boolean;
  type?: string;
  placeholder?: string;
  hint?: string;
}

const CHANNELS: Record<IntegrationChannel, { title: string; description: string; fields: SettingField[] }> = {
  slack: {
    title: "Slack",
    description: "Posts incidents to a channel through an incoming webhook.",
    fields: [{ name: "webhookUrl", label: "Incoming webhook URL", secret: true, placeholder: "https://hooks.slack.com/services/…" }],
  },
  sms: {
    title: "SMS (Twilio)",
    description: "Texts members who chose SMS in their notification rules.",
    fields: [
      { name: "accountSid", label: "Account SID", placeholder: "AC…" },
      { name: "authToken", label: "Auth token", secret: true },
      { name: "fromNumber", label: "From number", type: "tel", placeholder: "+15551234567" },
      { name: "apiBase", label: "API base URL (optional)", optional: true, type: "url", hint: "A Twilio regional edge (on twilio.com); leave empty for Twilio's default." },
    ],
  },
  pagerduty: {
    title: "PagerDuty",
    description: "Triggers, acknowledges and resolves PagerDuty incidents (Events API v2).",
    fields: [
      { name: "routingKey", label: "Integration (routing) key", secret: true },
      { name: "apiBase", label: "API base URL (optional)", optional: true, type: "url", hint: "The EU region is https://events.eu.pagerduty.com; leave empty for the US." },
    ],
  },
};

const successTone = "bg-emerald-50 text-emerald-800 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-100 dark:ring-emerald-800";
const neutralTone = "bg-slate-50 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600";
const deadTone = "bg-red-50 text-red-800 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800";
const pendingTone = "bg-amber-50 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800";
const STATUS_TONE: Record<DeliveryStatus, string> = {
  pending: pendingTone,
  delivered: successTone,
  dead: deadTone,
  cancelled: neutralTone,
};

/** What a test message got back from the receiver. */
function TestOutcome({ result, onDismiss }: { result: TestResult; onDismiss: () => void }) {
  return (
    <Alert
      tone={result.delivered ? "success" : "error"}
      title={result.delivered ? "Test message delivered" : "Test message not delivered"}
      action={
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          Dismiss
        </Button>
      }
    >
      {result.statusCode ? `HTTP ${result.statusCode}` : "No HTTP answer"}
      {result.detail ? ` — ${result.detail}` : null}
    </Alert>
  );
}

function ChannelCard({ integration, onChanged }: { integration: Integration; onChanged: () => void }) {
  const { org } = useOrg();
  const spec = CHANNELS[integration.channel];
  const [editing, setEditing] = useState(false);
  const [values, setValues] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [result, setResult] = useState<TestResult>();
  const save = useAction((settings: Record<string, string>) => api.setIntegration(org.id, integration.channel, settings).then(() => true));
  const remove = useAction(() => api.removeIntegration(org.id, integration.channel));
  const test = useAction(() => api.testIntegration(org.id, integration.channel));
  const problem = save.error instanceof ApiError ? save.error : undefined;
  const fieldErrors = problem?.problem.errors ?? [];
  const unnamed = problem && (!fieldErrors.length || fieldErrors.some((e) => !spec.fields.some((f) => f.name === e.field)));
  const titleId = `integration-${integration.channel}`;

  const open = () => {
    setValues({});
    save.setError(undefined);
    setSaved(false);
    setEditing(true);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const settings: Record<string, string> = {};
    for (const f of spec.fields) {
      const v = (values[f.name] ?? "").trim();
      if (v || !f.optional) settings[f.name] = v;
    }
    if (await save.run(settings)) {
      setEditing(false);
      setValues({});
      setSaved(true);
      onChanged();
    }
  };

  return (
    <li aria-labelledby={titleId} className="flex flex-col rounded-lg border border-slate-200 p-4 dark:border-slate-700">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={titleId} className="text-base font-semibold text-slate-900 dark:text-white">
          {spec.title}
        </h3>
        <Badge className={integration.configured ? successTone : neutralTone}>{integration.configured ? "Configured" : "Not configured"}</Badge>
      </div>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{spec.description}</p>
      {integration.configured && integration.updatedAt && (
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">Last changed {formatDateTime(integration.updatedAt)}</p>
      )}
      <div className="mt-3 space-y-3">
        {saved && !editing && <Alert tone="success">{spec.title} settings saved.</Alert>}
        {result && <TestOutcome result={result} onDismiss={() => setResult(undefined)} />}
        <ErrorAlert error={test.error || remove.error} />
      </div>
      {editing ? (
        <form onSubmit={submit} className="mt-3 space-y-3" noValidate aria-label={`${spec.title} settings`}>
          {unnamed && <ErrorAlert error={problem} />}
          {integration.configured && (
            <p className="text-sm text-slate-600 dark:text-slate-400">The saved settings are never shown. Enter them all again to replace them.</p>
          )}
          {spec.fields.map((f) => (
            <TextField
              key={f.name}
              label={f.label}
              type={f.secret ? "password" : f.type ?? "text"}
              autoComplete={f.secret ? "new-password" : "off"}
              placeholder={f.placeholder}
              hint={f.hint}
              value={values[f.name] ?? ""}
              onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
              error={problem?.fieldError(f.name)}
              required={!f.optional}
            />
          ))}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" pending={save.pending}>
              Save {spec.title} settings
            </Button>
            <Button variant="ghost" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <div className="mt-4 flex flex-wrap gap-2">
          <Button size="sm" variant={integration.configured ? "secondary" : "primary"} onClick={open}>
            {integration.configured ? `Replace ${spec.title} settings` : `Configure ${spec.title}`}
          </Button>
          {integration.configured && (
            <>
              <Button
                size="sm"
                variant="secondary"
                pending={test.pending}
                onClick={async () => {
                  setResult(undefined);
                  const r = await test.run();
                  if (r) setResult(r);
                }}
              >
                Send test
              </Button>
              <Button
                size="sm"
                variant="ghost"
                pending={remove.pending}
                onClick={async () => {
                  if (!window.confirm(`Remove the ${spec.title} settings? Nothing more is sent through ${spec.title}.`)) return;
                  setResult(undefined);
                  setSaved(false);
                  await remove.run();
                  onChanged();
                }}
              >
                Remove
              </Button>
            </>
          )}
        </div>
      )}
      {integration.channel === "sms" && integration.configured && (
        <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">The test goes to your own phone number from “My notifications”.</p>
      )}
    </li>
  );
}

function Channels() {
  const { org } = useOrg();
  const integrations = useResource(() => api.integrations(org.id), [org.id]);
  return (
    <Card>
      <CardHeader title="Channels" description="Where incident notifications go besides email. Secrets are stored encrypted and never shown again." />
      {integrations.loading ? (
        <Loading label="Loading channels…" />
      ) : !integrations.data ? (
        <ErrorState error={integrations.error} onRetry={integrations.reload} />
      ) : (
        <ul className="grid gap-4 p-4 lg:grid-cols-3" aria-label="Channels">
          {INTEGRATION_CHANNELS.map((channel) => {
            const integration = integrations.data!.find((i) => i.channel === channel) ?? { channel, configured: false };
            return <ChannelCard key={channel} integration={integration} onChanged={integrations.reload} />;
          })}
        </ul>
      )}
    </Card>
  );
}

/** A signing secret, shown once after creating or rotating. */
function OneTimeSecret({ webhook, rotated, onDone }: { webhook: Webhook; rotated: boolean; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <Alert
      tone="success"
      title={rotated ? "New signing secret" : "Webhook created"}
      action={
        <Button size="sm" variant="secondary" onClick={onDone}>
          Done
        </Button>
      }
    >
      <p>
        Copy the signing secret for {webhook.url} now — <strong>you will not see it again</strong>.
        {rotated && " The previous secret keeps signing beside it for 24 hours."}
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code className="break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900 dark:bg-slate-900 dark:text-slate-100" data-testid="webhook-secret">
          {webhook.secret}
        </code>
        <Button
          size="sm"
          variant="secondary"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(webhook.secret ?? "");
              setCopied(true);
            } catch {
              setCopied(false);
            }
          }}
        >
          {copied ? "Copied" : "Copy secret"}
        </Button>
      </div>
    </Alert>
  );
}

function WebhookForm({ onCreated }: { onCreated: (webhook: Webhook) => void }) {
  const { org } = useOrg();
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<string[]>(["*"]);
  const create = useAction(() => api.createWebhook(org.id, { url: url.trim(), eventTypes: events }));
  const problem = create.error instanceof ApiError ? create.error : undefined;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const webhook = await create.run();
    if (webhook) {
      setUrl("");
      setEvents(["*"]);
      onCreated(webhook);
    }
  };
  const eventsError = problem?.fieldError("eventTypes");
  return (
    <form onSubmit={submit} className="space-y-3 p-4" noValidate aria-label="New webhook">
      {problem && !problem.problem.errors?.length && <ErrorAlert error={problem} />}
      <TextField
        label="Endpoint URL"
        type="url"
        placeholder="https://example.com/hooks/simplicity"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        error={problem?.fieldError("url")}
        required
      />
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">Events</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <Checkbox
              key={type}
              label={EVENT_TYPE_LABEL[type]}
              checked={events.includes(type)}
              onChange={(e) => setEvents(e.target.checked ? [...events, type] : events.filter((t) => t !== type))}
            />
          ))}
        </div>
        {eventsError && <p className="mt-1 text-sm text-red-700 dark:text-red-300">{eventsError}</p>}
      </fieldset>
      <Button type="submit" pending={create.pending} disabled={!url.trim() || events.length === 0}>
        Add webhook
      </Button>
    </form>
  );
}

function WebhookRow({ webhook, onChanged, onSecret }: { webhook: Webhook; onChanged: () => void; onSecret: (webhook: Webhook) => void }) {
  const { org } = useOrg();
  const [result, setResult] = useState<TestResult>();
  const test = useAction(() => api.testWebhook(org.id, webhook.id));
  const rotate = useAction(() => api.rotateWebhook(org.id, webhook.id));
  const remove = useAction(() => api.deleteWebhook(org.id, webhook.id));
  return (
    <li className="space-y-2 px-4 py-3 text-sm">
      <div className="flex flex-wrap items-center gap-3">
        <div className="min-w-0 flex-1">
          <p className="break-all font-medium text-slate-900 dark:text-white">{webhook.url}</p>
          <p className="text-slate-600 dark:text-slate-400">
            {webhook.eventTypes.map((t) => EVENT_TYPE_LABEL[t] ?? t).join(", ")} · added {formatDateTime(webhook.createdAt)}
            {webhook.previousSecretValidUntil && Date.parse(webhook.previousSecretValidUntil) > Date.now() && (
              <> · previous secret valid until {formatDateTime(webhook.previousSecretValidUntil)}</>
            )}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button
            size="sm"
            variant="secondary"
            pending={test.pending}
            aria-label={`Send test to ${webhook.url}`}
            onClick={async () => {
              setResult(undefined);
              const r = await test.run();
              if (r) setResult(r);
            }}
          >
            Send test
          </Button>
          <Button
            size="sm"
            variant="secondary"
            pending={rotate.pending}
            aria-label={`Rotate secret of ${webhook.url}`}
            onClick={async () => {
              if (!window.confirm("Rotate the signing secret? The old one keeps working for 24 hours.")) return;
              const rotated = await rotate.run();
              if (rotated) {
                onSecret(rotated);
                onChanged();
              }
            }}
          >
            Rotate secret
          </Button>
          <Button
            size="sm"
            variant="ghost"
            pending={remove.pending}
            aria-label={`Delete webhook ${webhook.url}`}
            onClick={async () => {
              if (!window.confirm(`Delete the webhook to ${webhook.url}?`)) return;
              await remove.run();
              onChanged();
            }}
          >
            Delete
          </Button>
        </div>
      </div>
      {result && <TestOutcome result={result} onDismiss={() => setResult(undefined)} />}
      <ErrorAlert error={test.error || rotate.error || remove.error} />
    </li>
  );
}

function Webhooks({ onLoaded }: { onLoaded: (webhooks: Webhook[]) => void }) {
  const { org } = useOrg();
  const webhooks = useResource(() => api.webhooks(org.id), [org.id]);
  const [secret, setSecret] = useState<{ webhook: Webhook; rotated: boolean }>();
  useEffect(() => {
    if (webhooks.data) onLoaded(webhooks.data);
  }, [webhooks.data, onLoaded]);
  return (
    <Card>
      <CardHeader
        title="Webhooks"
        description="Signed JSON events for your own systems. Each request carries a signature made with the endpoint's secret."
      />
      {secret && (
        <div className="px-4 pt-4">
          <OneTimeSecret webhook={secret.webhook} rotated={secret.rotated} onDone={() => setSecret(undefined)} />
        </div>
      )}
      <WebhookForm
        onCreated={(webhook) => {
          setSecret({ webhook, rotated: false });
          void webhooks.reload();
        }}
      />
      <div className="border-t border-slate-200 dark:border-slate-700">
        {webhooks.loading ? (
          <Loading label="Loading webhooks…" />
        ) : !webhooks.data ? (
          <ErrorState error={webhooks.error} onRetry={webhooks.reload} />
        ) : webhooks.data.length === 0 ? (
          <EmptyState title="No webhooks">Add an endpoint above to receive incident events.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200 dark:divide-slate-700" aria-label="Webhook endpoints">
            {webhooks.data.map((w) => (
              <WebhookRow key={w.id} webhook={w} onChanged={webhooks.reload} onSecret={(webhook) => setSecret({ webhook, rotated: true })} />
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}

function useRecipientName(webhooks: Webhook[]) {
  const memberName = useMemberName();
  return (delivery: Delivery) => {
    if (delivery.recipient === "org") return "Organisation";
    if (delivery.channel === "webhook") return webhooks.find((w) => w.id === delivery.recipient)?.url ?? "Removed endpoint";
    return memberName(delivery.recipient);
  };
}

function DeliveryDialog({
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

function DeliveryLog({ webhooks }: { webhooks: Webhook[] }) {
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

export default function Integrations() {
  const [webhooks, setWebhooks] = useState<Webhook[]>([]);
  return (
    <div className="space-y-6">
      <Channels />
      <Webhooks onLoaded={setWebhooks} />
      <DeliveryLog webhooks={webhooks} />
    </div>
  );
}
