"use client";
// Knowledge base settings (admins, module knowledgeBase): the sections a
// new postmortem starts with (required ones must be written before it is
// published) and the review articles go through before they are
// published (off, or one approval step).

import { useEffect, useRef, useState } from "react";
import { api, type ApprovalStep, type KbSettings } from "@/lib/api";
import { useForm } from "@/lib/form";
import { useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { Alert, FormError } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { Checkbox, TextField } from "@/components/ui/Field";
import { ErrorState, Loading } from "@/components/ui/States";
import { ApprovalStepEditor, newStep } from "@/components/records/ApprovalStepEditor";

interface DraftSection {
  key: number;
  title: string;
  required: boolean;
}

interface Draft {
  sections: DraftSection[];
  review: ApprovalStep | null;
}

const FIELDS = ["postmortemTemplate", "review"] as const;

export default function KnowledgeBaseSettings() {
  const { org } = useOrg();
  const loaded = useResource(() => api.kbSettings(org.id), [org.id]);
  const [draft, setDraft] = useState<Draft>();
  const [saved, setSaved] = useState(false);
  const nextKey = useRef(0);
  const fromSettings = (s: KbSettings): Draft => ({
    sections: s.postmortemTemplate.map((section) => ({ key: nextKey.current++, title: section.title, required: !!section.required })),
    review: s.review ?? null,
  });
  useEffect(() => {
    if (loaded.data) setDraft(fromSettings(loaded.data));
  }, [loaded.data]);
  const form = useForm(
    () => {
      setSaved(false);
      return api.setKbSettings(org.id, {
        postmortemTemplate: draft!.sections.map(({ title, required }) => ({ title: title.trim(), required })),
        review: draft!.review,
      });
    },
    (result) => {
      loaded.setData(result);
      setSaved(true);
    },
    { fields: FIELDS },
  );

  if (loaded.loading || (!draft && loaded.data)) return <Loading label="Loading knowledge base settings…" />;
  if (!draft) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;

  /** The server's message about the whole field (not one within it). */
  const exactError = (field: string) => form.apiError?.problem.errors?.find((e) => e.field === field)?.detail;
  const sections = draft.sections;
  const setSections = (next: DraftSection[], reordered = false) => {
    // The server's errors name sections by index: stale once sections move.
    if (reordered) form.setError(undefined);
    setDraft({ ...draft, sections: next });
  };
  const setSection = (i: number, section: DraftSection) => setSections(sections.map((s, j) => (j === i ? section : s)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...sections];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    setSections(next, true);
  };

  return (
    <form onSubmit={form.onSubmit} className="space-y-6" noValidate aria-label="Knowledge base settings">
      {saved && <Alert tone="success">Knowledge base settings saved.</Alert>}
      <FormError form={form} />
      <Card>
        <CardHeader
          title="Postmortem template"
          description="The sections a new postmortem starts with, in order. A required section must be written before the postmortem is published; postmortems already written keep their sections."
        />
        <div className="space-y-3 p-4">
          {exactError("postmortemTemplate") && <p className="text-sm text-red-700 dark:text-red-300">{exactError("postmortemTemplate")}</p>}
          {sections.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">No sections: postmortems start empty.</p>}
          <ol className="space-y-3" aria-label="Template sections">
            {sections.map((section, i) => (
              <li key={section.key} className="flex flex-wrap items-end gap-3 rounded-md border border-slate-200 p-3 dark:border-slate-700">
                <TextField
                  className="min-w-[14rem] flex-1"
                  label={`Section ${i + 1} title`}
                  value={section.title}
                  onChange={(e) => setSection(i, { ...section, title: e.target.value })}
                  error={form.errorUnder(`postmortemTemplate[${i}]`)}
                />
                <Checkbox className="mb-2" label="Required" checked={section.required} onChange={(e) => setSection(i, { ...section, required: e.target.checked })} />
                <div className="flex gap-1">
                  <Button size="sm" variant="secondary" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move section ${i + 1} up`}>
                    ↑ Up
                  </Button>
                  <Button size="sm" variant="secondary" disabled={i === sections.length - 1} onClick={() => move(i, 1)} aria-label={`Move section ${i + 1} down`}>
                    ↓ Down
                  </Button>
                  <Button size="sm" variant="secondary" onClick={() => setSections(sections.filter((_, j) => j !== i), true)} aria-label={`Remove section ${i + 1}`}>
                    Remove
                  </Button>
                </div>
              </li>
            ))}
          </ol>
          <Button size="sm" variant="secondary" onClick={() => setSections([...sections, { key: nextKey.current++, title: "", required: false }])}>
            Add a section
          </Button>
        </div>
      </Card>
      <Card>
        <CardHeader
          title="Review"
          description="With a review, articles are not published directly: they are submitted for review, and published when their approvers approve."
        />
        <div className="space-y-3 p-4">
          {exactError("review") && <p className="text-sm text-red-700 dark:text-red-300">{exactError("review")}</p>}
          <Checkbox
            label="Review articles before they are published"
            checked={draft.review !== null}
            onChange={(e) => setDraft({ ...draft, review: e.target.checked ? (loaded.data?.review ?? newStep("Review")) : null })}
          />
          {draft.review && (
            <ApprovalStepEditor
              label="Review step"
              step={draft.review}
              onChange={(review) => setDraft({ ...draft, review })}
              withGroups
              errorOf={(field) => form.errorUnder(`review.${field}`)}
            />
          )}
        </div>
      </Card>
      <Button type="submit" pending={form.pending}>
        Save knowledge base settings
      </Button>
    </form>
  );
}
