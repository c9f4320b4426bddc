"use client";
// A record's timeline with the form to add a note: the same on every
// record's page. `version` reloads it after the record changes.

import { api, type TimelineEntry } from "@/lib/api";
import { useResource } from "@/lib/resource";
import { Card, CardHeader } from "@/components/ui/Card";
import { ErrorState, Loading } from "@/components/ui/States";
import { NoteForm, Timeline } from "./Timeline";

export function RecordActivity({ base, version }: { base: string; version: number }) {
  const timeline = useResource<TimelineEntry[]>(() => api.records.timeline(base).then((t) => t.data), [base, version]);
  return (
    <Card>
      <CardHeader title="Timeline" />
      <div className="space-y-4 p-4">
        <NoteForm
          onSubmit={async (text) => {
            await api.records.addNote(base, text);
            await timeline.reload();
            return true;
          }}
        />
        {timeline.loading ? <Loading label="Loading timeline…" /> : timeline.data ? <Timeline entries={timeline.data} /> : <ErrorState error={timeline.error} onRetry={timeline.reload} />}
      </div>
    </Card>
  );
}
