"use client";
// A record's timeline with the form to add a note: the same on every
// record's page. `version` (or anything that changes with the record) reloads it after the record changes.

import { api, type TimelineEntry } from "@/lib/api";
import { useResource } from "@/lib/resource";
import { Card, CardHeader } from "@/components/ui/Card";
import { ErrorState, Loading } from "@/components/ui/States";
import { NoteForm, Timeline } from "./Timeline";

/** `comments`: the record's requester reads its notes too (a request), so they are comments. */
export function RecordActivity({ base, version, comments = false }: { base: string; version: number | string; comments?: boolean }) {
  const timeline = useResource<TimelineEntry[]>(() => api.records.timeline(base).then((t) => t.data), [base, version]);
  return (
    <Card>
      <CardHeader title="Timeline" />
      <div className="space-y-4 p-4">
        <NoteForm
          {...(comments ? { label: "Add a comment (the requester sees it)", submitLabel: "Add comment", placeholder: "What has been done? What is needed from them?" } : {})}
          onSubmit={async (text) => {
            await api.records.addNote(base, text);
            await timeline.reload();
            return true;
          }}
        />
        {timeline.loading ? <Loading label="Loading timeline…" /> : timeline.data ? <Timeline entries={timeline.data} {...(comments ? { noteVerb: "commented" } : {})} /> : <ErrorState error={timeline.error} onRetry={timeline.reload} />}
      </div>
    </Card>
  );
}
