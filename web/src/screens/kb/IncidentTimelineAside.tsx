"use client";
// Writing a postmortem with its incident's timeline beside the editor
// (read-only, scrolling on its own): side by side on wide screens, the
// timeline under the editor on narrow ones.

import type { ReactNode } from "react";
import { api } from "@/lib/api";
import { useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { Link } from "@/lib/router";
import { Card, CardHeader } from "@/components/ui/Card";
import { ErrorState, Loading } from "@/components/ui/States";
import { Timeline } from "@/components/records/Timeline";

function IncidentTimeline({ incidentId }: { incidentId: string }) {
  const { org, membership } = useOrg();
  const timeline = useResource(() => api.timeline(org.id, incidentId).then((t) => t.data), [org.id, incidentId]);
  return (
    <Card className="lg:sticky lg:top-4">
      <CardHeader
        title="Incident timeline"
        description={
          <>
            Every change and note, oldest first.{" "}
            <Link href={`/${membership.slug}/incidents/${incidentId}`} className="text-brand-700 underline dark:text-brand-300">
              Open the incident
            </Link>
          </>
        }
      />
      {/* Focusable, so that keyboards can scroll it too. */}
      <div role="region" aria-label="Incident timeline" tabIndex={0} className="max-h-96 overflow-y-auto p-4 focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-brand-500 lg:max-h-[calc(100vh-12rem)]">
        {timeline.loading ? (
          <Loading label="Loading the incident's timeline…" />
        ) : !timeline.data ? (
          <ErrorState error={timeline.error} onRetry={timeline.reload} />
        ) : (
          <Timeline entries={timeline.data} label="Incident timeline entries" />
        )}
      </div>
    </Card>
  );
}

/** The editor (`children`) with the incident's timeline beside it. */
export function BesideIncidentTimeline({ incidentId, children }: { incidentId: string; children: ReactNode }) {
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] lg:items-start xl:grid-cols-[minmax(0,1fr)_24rem]">
      <div className="min-w-0">{children}</div>
      <IncidentTimeline incidentId={incidentId} />
    </div>
  );
}
