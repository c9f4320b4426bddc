"use client";
// Signed webhooks: the endpoints, each with the events it gets, its test,
// and its signing secret (shown once, after creating or rotating).

import { useEffect, useState } from "react";
import { api, WEBHOOK_EVENT_TYPES, type TestResult, type Webhook } from "@/lib/api";
import { useForm } from "@/lib/form";
import { formatDateTime } from "@/lib/format";
import { EVENT_TYPE_LABEL } from "@/lib/oncall";
import { useOrg } from "@/lib/org";
import { useAction, useResource } from "@/lib/resource";
import { Alert, ErrorAlert, FormError } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { Checkbox, TextField } from "@/components/ui/Field";
import { EmptyState, ErrorState, Loading } from "@/components/ui/States";
import { TestOutcome } from "./TestOutcome";

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
  const form = useForm(
    () => api.createWebhook(org.id, { url: url.trim(), eventTypes: events }),
    (webhook) => {
      setUrl("");
      setEvents(["*"]);
      onCreated(webhook);
    },
  );
  const eventsError = form.fieldError("eventTypes");
  return (
    <form onSubmit={form.onSubmit} className="space-y-3 p-4" noValidate aria-label="New webhook">
      <FormError form={form} />
      <TextField
        label="Endpoint URL"
        type="url"
        placeholder="https://example.com/hooks/simplicity"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        error={form.fieldError("url")}
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
      <Button type="submit" pending={form.pending} disabled={!url.trim() || events.length === 0}>
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

export function Webhooks({ onLoaded }: { onLoaded: (webhooks: Webhook[]) => void }) {
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
