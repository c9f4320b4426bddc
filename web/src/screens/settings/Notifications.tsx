"use client";
// Any member: how they are reached here — their phone number and, per
// severity, by email and/or SMS.

import { useEffect, useState } from "react";
import { api, SEVERITIES, type NotificationRules, type PersonalChannel } from "@/lib/api";
import { useForm } from "@/lib/form";
import { SEVERITY_LABEL } from "@/lib/format";
import { CHANNEL_LABEL, PERSONAL_CHANNELS } from "@/lib/oncall";
import { useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { Alert, FormError } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { Checkbox, TextField } from "@/components/ui/Field";
import { ErrorState, Loading } from "@/components/ui/States";

export default function Notifications() {
  const { org } = useOrg();
  const rules = useResource(() => api.myNotificationRules(org.id), [org.id]);
  const [draft, setDraft] = useState<NotificationRules>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (rules.data) setDraft({ phone: rules.data.phone, channels: { ...rules.data.channels } });
  }, [rules.data]);
  const phone = draft?.phone?.trim() ?? "";
  const form = useForm(
    () => {
      setSaved(false);
      return api.setMyNotificationRules(org.id, { phone: phone || null, channels: draft!.channels });
    },
    (result) => {
      rules.setData(result);
      setSaved(true);
    },
    { fields: ["phone", "channels"] },
  );

  if (rules.loading || (!draft && rules.data)) return <Loading label="Loading your notification rules…" />;
  if (!draft) return <ErrorState error={rules.error} onRetry={rules.reload} />;

  const usesSms = SEVERITIES.some((s) => draft.channels[s]?.includes("sms"));

  const toggle = (severity: (typeof SEVERITIES)[number], channel: PersonalChannel, on: boolean) => {
    const current = draft.channels[severity] ?? [];
    const next = on ? PERSONAL_CHANNELS.filter((c) => c === channel || current.includes(c)) : current.filter((c) => c !== channel);
    setDraft({ ...draft, channels: { ...draft.channels, [severity]: next } });
  };

  return (
    <Card>
      <CardHeader
        title="My notifications"
        description={`How ${org.name} reaches you when you are on call or an incident is escalated to you.`}
      />
      <form onSubmit={form.onSubmit} className="space-y-5 p-4" noValidate>
        {saved && <Alert tone="success">Your notification rules are saved.</Alert>}
        <FormError form={form} />
        <TextField
          label="Mobile phone number"
          type="tel"
          autoComplete="tel"
          placeholder="+4915112345678"
          value={draft.phone ?? ""}
          onChange={(e) => setDraft({ ...draft, phone: e.target.value })}
          hint="In international format, starting with + and the country code. Needed for SMS."
          error={form.fieldError("phone")}
          className="max-w-sm"
        />
        {usesSms && !phone && (
          <Alert tone="warning">SMS is chosen below but there is no phone number: add one, or untick SMS.</Alert>
        )}
        <div className="overflow-x-auto">
          <table className="w-full max-w-xl text-left text-sm">
            <caption className="mb-2 text-left text-sm font-medium text-slate-800 dark:text-slate-200">Channels per severity</caption>
            <thead className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-300">
              <tr>
                <th scope="col" className="py-2 pr-4">
                  Severity
                </th>
                {PERSONAL_CHANNELS.map((c) => (
                  <th key={c} scope="col" className="px-4 py-2">
                    {CHANNEL_LABEL[c]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-700">
              {SEVERITIES.map((s) => (
                <tr key={s}>
                  <th scope="row" className="py-2 pr-4 font-medium text-slate-900 dark:text-slate-100">
                    {SEVERITY_LABEL[s]}
                    {form.errorUnder(`channels.${s}`) && (
                      <span className="block text-sm font-normal text-red-700 dark:text-red-300">{form.errorUnder(`channels.${s}`)}</span>
                    )}
                  </th>
                  {PERSONAL_CHANNELS.map((c) => (
                    <td key={c} className="px-4 py-2">
                      <Checkbox
                        label={<span className="sr-only">{`${CHANNEL_LABEL[c]} for ${s}`}</span>}
                        checked={draft.channels[s]?.includes(c) ?? false}
                        onChange={(e) => toggle(s, c, e.target.checked)}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Button type="submit" pending={form.pending}>
          Save my notifications
        </Button>
      </form>
    </Card>
  );
}
