"use client";

import { useEffect, useState } from "react";
import { api, SEVERITIES, type Severity, type SlaTarget } from "@/lib/api";
import { useForm } from "@/lib/form";
import { formatDuration, SEVERITY_LABEL } from "@/lib/format";
import { useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { Alert, ErrorAlert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { TextField } from "@/components/ui/Field";
import { ErrorState, Loading } from "@/components/ui/States";

type Draft = Record<Severity, { ack: string; resolve: string }>;

const toMinutes = (s: number) => String(Math.round(s / 60));

export default function SlaTargets() {
  const { org } = useOrg();
  const targets = useResource(() => api.slaTargets(org.id), [org.id]);
  const [draft, setDraft] = useState<Draft>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!targets.data) return;
    const d = {} as Draft;
    for (const s of SEVERITIES) d[s] = { ack: toMinutes(targets.data[s].acknowledgeSeconds), resolve: toMinutes(targets.data[s].resolveSeconds) };
    setDraft(d);
  }, [targets.data]);
  const form = useForm(
    () => {
      setSaved(false);
      const body = {} as Record<Severity, SlaTarget>;
      for (const s of SEVERITIES) body[s] = { acknowledgeSeconds: Number(draft![s].ack) * 60, resolveSeconds: Number(draft![s].resolve) * 60 };
      return api.setSlaTargets(org.id, body);
    },
    (result) => {
      targets.setData(result);
      setSaved(true);
    },
  );

  if (targets.loading || (!draft && targets.data)) return <Loading label="Loading SLA targets…" />;
  if (!draft) return <ErrorState error={targets.error} onRetry={targets.reload} />;

  return (
    <Card>
      <CardHeader title="SLA targets" description="The default SLA policy: how quickly incidents of each severity must be acknowledged and resolved (in minutes), for those no other policy measures, and the targets the dashboard judges every incident by. New incidents use the new targets." />
      <form onSubmit={form.onSubmit} className="space-y-4 p-4">
        {saved && <Alert tone="success">SLA targets saved.</Alert>}
        <ErrorAlert error={form.error} />
        {SEVERITIES.map((s) => (
          <fieldset key={s} className="grid gap-3 sm:grid-cols-3 sm:items-end">
            <legend className="mb-2 text-sm font-semibold text-slate-900 sm:col-span-3 dark:text-white">{SEVERITY_LABEL[s]}</legend>
            <TextField
              label="Acknowledge within (minutes)"
              type="number"
              min={1}
              value={draft[s].ack}
              hint={formatDuration(Number(draft[s].ack) * 60)}
              error={form.fieldError(`${s}.acknowledgeSeconds`)}
              onChange={(e) => setDraft({ ...draft, [s]: { ...draft[s], ack: e.target.value } })}
            />
            <TextField
              label="Resolve within (minutes)"
              type="number"
              min={1}
              value={draft[s].resolve}
              hint={formatDuration(Number(draft[s].resolve) * 60)}
              error={form.fieldError(`${s}.resolveSeconds`)}
              onChange={(e) => setDraft({ ...draft, [s]: { ...draft[s], resolve: e.target.value } })}
            />
          </fieldset>
        ))}
        <Button type="submit" pending={form.pending}>
          Save targets
        </Button>
      </form>
    </Card>
  );
}
