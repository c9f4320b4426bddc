"use client";
// The organisation's notification channels besides email: Slack, SMS through
// Twilio and PagerDuty. Their settings go in and are never shown back.

import { useState } from "react";
import { api, type Integration, type IntegrationChannel, type TestResult } from "@/lib/api";
import { useForm } from "@/lib/form";
import { formatDateTime } from "@/lib/format";
import { INTEGRATION_CHANNELS } from "@/lib/oncall";
import { useOrg } from "@/lib/org";
import { useAction, useResource } from "@/lib/resource";
import { Alert, ErrorAlert, FormError } from "@/components/ui/Alert";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { TextField } from "@/components/ui/Field";
import { ErrorState, Loading } from "@/components/ui/States";
import { TestOutcome } from "./TestOutcome";
import { neutralTone, successTone } from "./tones";

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

function ChannelCard({ integration, onChanged }: { integration: Integration; onChanged: () => void }) {
  const { org } = useOrg();
  const spec = CHANNELS[integration.channel];
  const [editing, setEditing] = useState(false);
  const [values, setValues] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [result, setResult] = useState<TestResult>();
  const form = useForm(
    () => {
      const settings: Record<string, string> = {};
      for (const f of spec.fields) {
        const v = (values[f.name] ?? "").trim();
        if (v || !f.optional) settings[f.name] = v;
      }
      return api.setIntegration(org.id, integration.channel, settings);
    },
    () => {
      setEditing(false);
      setValues({});
      setSaved(true);
      onChanged();
    },
    { fields: spec.fields.map((f) => f.name) },
  );
  const remove = useAction(() => api.removeIntegration(org.id, integration.channel));
  const test = useAction(() => api.testIntegration(org.id, integration.channel));
  const titleId = `integration-${integration.channel}`;

  const open = () => {
    setValues({});
    form.setError(undefined);
    setSaved(false);
    setEditing(true);
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
        <form onSubmit={form.onSubmit} className="mt-3 space-y-3" noValidate aria-label={`${spec.title} settings`}>
          <FormError form={form} />
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
              error={form.fieldError(f.name)}
              required={!f.optional}
            />
          ))}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" pending={form.pending}>
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

export function Channels() {
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
