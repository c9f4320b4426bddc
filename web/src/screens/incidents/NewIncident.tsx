"use client";

import { useState } from "react";
import { api, messageOf, SEVERITIES, type Severity } from "@/lib/api";
import { useForm } from "@/lib/form";
import { SEVERITY_LABEL } from "@/lib/format";
import { useFreshMembers, useOrg } from "@/lib/org";
import { navigate } from "@/lib/router";
import { Alert } from "@/components/ui/Alert";
import { Button, ButtonLink } from "@/components/ui/Button";
import { Card, PageHeader } from "@/components/ui/Card";
import { TextField } from "@/components/ui/Field";
import { MarkdownEditor } from "@/components/MarkdownEditor";
import { MemberPicker } from "@/components/MemberPicker";
import { cx } from "@/components/ui/cx";
import { MatchingKnowledge } from "./MatchingKnowledge";

const SEVERITY_HINT: Record<Severity, string> = {
  P1: "Service down or data at risk for many customers",
  P2: "Major feature broken, no workaround",
  P3: "Partial degradation, workaround exists",
  P4: "Minor issue or cosmetic",
};

function newKey(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export default function NewIncident() {
  const { org, membership } = useOrg();
  const members = useFreshMembers({ agentsOnly: true });
  const [title, setTitle] = useState("");
  const [severity, setSeverity] = useState<Severity>("P3");
  const [description, setDescription] = useState("");
  const [assignees, setAssignees] = useState<string[]>([]);
  const [labels, setLabels] = useState("");
  // One key per form: a retried submit cannot open the incident twice.
  const [idempotencyKey] = useState(newKey);
  const form = useForm(
    () =>
      api.createIncident(
        org.id,
        {
          title: title.trim(),
          severity,
          description,
          assignees,
          labels: labels.split(",").map((l) => l.trim()).filter(Boolean),
        },
        idempotencyKey,
      ),
    (incident) => navigate(`/${membership.slug}/incidents/${incident.number}`),
  );

  return (
    <>
      <PageHeader title="New incident" description="Open an incident; your team is notified and SLA timers start now." />
      <Card className="max-w-3xl p-4 sm:p-6">
        <form onSubmit={form.onSubmit} className="space-y-5" noValidate>
          {form.error ? (
            <Alert tone="error" title="The incident could not be opened">
              {form.formError ? messageOf(form.formError) : "Please correct the fields marked below."}
            </Alert>
          ) : null}
          <div>
            <TextField
              label="Title"
              name="title"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              placeholder="e.g. Checkout returns 500 errors"
              error={form.fieldError("title")}
              required
              autoFocus
            />
            <MatchingKnowledge title={title} />
          </div>
          <fieldset>
            <legend className="mb-2 text-sm font-medium text-slate-800 dark:text-slate-200">Severity</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {SEVERITIES.map((s) => (
                <label
                  key={s}
                  className={cx(
                    "flex cursor-pointer gap-3 rounded-md border p-3 text-sm",
                    severity === s
                      ? "border-brand-500 bg-brand-50 ring-1 ring-brand-500 dark:bg-slate-800"
                      : "border-slate-300 hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800",
                  )}
                >
                  <input type="radio" name="severity" value={s} checked={severity === s} onChange={() => setSeverity(s)} className="mt-0.5 h-4 w-4 text-brand-600 focus:ring-brand-500" />
                  <span>
                    <span className="block font-semibold text-slate-900 dark:text-white">{SEVERITY_LABEL[s]}</span>
                    <span className="block text-slate-600 dark:text-slate-400">{SEVERITY_HINT[s]}</span>
                  </span>
                </label>
              ))}
            </div>
            {form.fieldError("severity") && <p className="mt-1 text-sm text-red-700 dark:text-red-300">{form.fieldError("severity")}</p>}
          </fieldset>
          <MarkdownEditor
            label="Description"
            value={description}
            onChange={setDescription}
            placeholder="What is happening? Who is affected? What have you tried?"
            error={form.fieldError("description")}
          />
          <MemberPicker legend="Assignees" members={members.data} selected={assignees} onChange={setAssignees} error={form.fieldError("assignees")} />
          <TextField
            label="Labels"
            hint="Comma-separated, e.g. database, checkout"
            value={labels}
            onChange={(e) => setLabels(e.target.value)}
            error={form.fieldError("labels")}
          />
          <div className="flex flex-wrap gap-3">
            <Button type="submit" pending={form.pending}>
              Open incident
            </Button>
            <ButtonLink href={`/${membership.slug}/incidents`} variant="secondary">
              Cancel
            </ButtonLink>
          </div>
        </form>
      </Card>
    </>
  );
}
