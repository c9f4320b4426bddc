"use client";
// On an incident's page (knowledge base on): a link to its postmortem when
// it has one, or, once it is resolved, the button that writes it (a draft
// prefilled from the incident) and opens it.

import { useState } from "react";
import { api, ApiError, type Article, type Incident } from "@/lib/api";
import { useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { navigate } from "@/lib/router";
import { ErrorAlert } from "@/components/ui/Alert";
import { Button, ButtonLink } from "@/components/ui/Button";

export function PostmortemAction({ incident }: { incident: Incident }) {
  const { org, membership } = useOrg();
  const on = !!org.features.knowledgeBase;
  const found = useResource<Article | null>(
    on
      ? () =>
          api.postmortemOf(org.id, incident.id).then(
            (p) => p.value,
            (e) => {
              if (e instanceof ApiError && e.status === 404) return null;
              throw e;
            },
          )
      : null,
    [org.id, incident.id, incident.status, on],
  );
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>();
  if (!on || found.loading || found.data === undefined) return null;
  const href = (a: Article) => `/${membership.slug}/kb/${a.number}`;
  if (found.data) {
    return (
      <ButtonLink href={href(found.data)} variant="secondary">
        Postmortem {found.data.number}
      </ButtonLink>
    );
  }
  if (incident.status !== "resolved") return null;
  const write = async () => {
    setPending(true);
    setError(undefined);
    try {
      navigate(href(await api.writePostmortem(org.id, incident.id)));
    } catch (e) {
      setError(e);
      setPending(false);
    }
  };
  return (
    <div className="space-y-2">
      <Button variant="secondary" pending={pending} onClick={() => void write()}>
        Write postmortem
      </Button>
      <ErrorAlert error={error} />
    </div>
  );
}
