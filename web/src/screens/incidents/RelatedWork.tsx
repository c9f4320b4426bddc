"use client";
// On an incident's page, what the other modules know: known errors that
// cause it or match its title (with a way to record a problem from it),
// and changes completed lately on what it affects.

import { api, type Incident } from "@/lib/api";
import { formatWindow } from "@/screens/changes/shared";
import { useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { Link } from "@/lib/router";
import { ButtonLink } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";

function KnownErrors({ incident }: { incident: Incident }) {
  const { org, membership } = useOrg();
  const found = useResource(() => api.problems(org.id, { incident: incident.id, limit: 5 }).then((p) => p.data), [org.id, incident.id, incident.version]);
  return (
    <Card>
      <CardHeader
        title="Known errors"
        description="Workarounds for what may be behind this incident."
        action={
          <ButtonLink size="sm" variant="secondary" href={`/${membership.slug}/problems/new?incidents=${encodeURIComponent(incident.id)}`}>
            New problem
          </ButtonLink>
        }
      />
      <div className="p-4">
        {!found.data?.length ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{found.loading ? "Looking…" : "None found."}</p>
        ) : (
          <ul aria-label="Known errors" className="space-y-3">
            {found.data.map((p) => (
              <li key={p.id} className="text-sm">
                <Link href={`/${membership.slug}/problems/${p.number}`} className="font-medium text-brand-700 hover:underline dark:text-brand-300">
                  {p.number} {p.title}
                </Link>
                <p className="text-slate-800 dark:text-slate-200">Workaround: {p.workaround}</p>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}

function RecentChanges({ incident }: { incident: Incident }) {
  const { org, membership } = useOrg();
  const recent = useResource(() => api.recentChanges(org.id, incident.id), [org.id, incident.id, incident.version]);
  return (
    <Card>
      <CardHeader title="Recent changes" description="Completed lately on what this incident affects." />
      <div className="p-4">
        {!recent.data?.length ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{recent.loading ? "Looking…" : "None."}</p>
        ) : (
          <ul aria-label="Recent changes" className="space-y-2 text-sm">
            {recent.data.map((c) => (
              <li key={c.id}>
                <Link href={`/${membership.slug}/changes/${c.number}`} className="font-medium text-brand-700 hover:underline dark:text-brand-300">
                  {c.number} {c.title}
                </Link>{" "}
                <span className="text-slate-600 dark:text-slate-400">({formatWindow(c.window)})</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}

export function RelatedWork({ incident }: { incident: Incident }) {
  const { org } = useOrg();
  return (
    <>
      {org.features.problemManagement && <KnownErrors incident={incident} />}
      {org.features.changeManagement && <RecentChanges incident={incident} />}
    </>
  );
}
