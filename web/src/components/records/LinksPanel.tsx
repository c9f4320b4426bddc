"use client";
// A record's links to other records (both ends see them) and to things
// outside, for any kind of record: `base` is its API path.

import { useState } from "react";
import { api, LINK_RELATIONS, type Link, type LinkRelation } from "@/lib/api";
import { useForm } from "@/lib/form";
import { useOrg } from "@/lib/org";
import { useAction, useResource } from "@/lib/resource";
import { Link as RouteLink } from "@/lib/router";
import { ErrorAlert, FormError } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { SelectField, TextField } from "@/components/ui/Field";
import { ErrorState, Loading } from "@/components/ui/States";

const RELATION_LABEL: Record<string, string> = {
  caused_by: "Caused by",
  causes: "Causes",
  related: "Related to",
  resolves: "Resolves",
  resolved_by: "Resolved by",
  affects: "Affects",
  affected_by: "Affected by",
  duplicates: "Duplicates",
  duplicated_by: "Duplicated by",
};

/** What the form links to: `INC-3`, `KB-2`, or a bare incident number. */
async function resolveTarget(orgId: string, reference: string): Promise<string> {
  const text = reference.trim();
  const article = /^kb-(\d+)$/i.exec(text);
  if (article) return (await api.article(orgId, article[1])).value.id;
  const incident = /^(?:inc-)?(\d+)$/i.exec(text);
  if (incident) return (await api.incident(orgId, incident[1])).value.id;
  return text;
}

function hrefOf(slug: string, link: Link): string | undefined {
  const { kind, number } = link.record;
  const n = number.split("-").pop();
  if (kind === "incident") return `/${slug}/incidents/${n}`;
  if (kind === "article") return `/${slug}/kb/${link.record.id}`;
  if (kind === "request") return `/${slug}/requests/${number}`;
  return undefined;
}

function LinkRow({ base, link, onChanged }: { base: string; link: Link; onChanged: () => void }) {
  const { membership } = useOrg();
  const unlink = useAction(() => api.records.unlink(base, link.id));
  const href = hrefOf(membership.slug, link);
  const label = `${link.record.number} ${link.record.title}`;
  return (
    <li className="flex items-start gap-2 py-1.5 text-sm">
      <div className="min-w-0 flex-1">
        <span className="text-slate-600 dark:text-slate-400">{RELATION_LABEL[link.relation] ?? link.relation} </span>
        {href ? (
          <RouteLink href={href} className="font-medium text-brand-700 hover:underline dark:text-brand-300">
            {label}
          </RouteLink>
        ) : (
          <span className="font-medium text-slate-900 dark:text-white">{label}</span>
        )}
        <span className="text-slate-600 dark:text-slate-400"> · {link.record.status}</span>
        <ErrorAlert error={unlink.error} className="mt-1" />
      </div>
      <Button
        size="sm"
        variant="ghost"
        pending={unlink.pending}
        aria-label={`Unlink ${link.record.number}`}
        onClick={async () => {
          await unlink.run();
          onChanged();
        }}
      >
        Unlink
      </Button>
    </li>
  );
}

function LinkForm({ base, onLinked }: { base: string; onLinked: () => void }) {
  const { org } = useOrg();
  const [relation, setRelation] = useState<LinkRelation>("related");
  const [target, setTarget] = useState("");
  const form = useForm(
    async () => api.records.link(base, relation, await resolveTarget(org.id, target)),
    () => {
      setTarget("");
      onLinked();
    },
  );
  return (
    <form onSubmit={form.onSubmit} className="space-y-2" noValidate aria-label="Link a record">
      <FormError form={form} />
      <div className="flex flex-wrap items-end gap-2">
        <SelectField label="Relation" value={relation} onChange={(e) => setRelation(e.target.value as LinkRelation)}>
          {LINK_RELATIONS.map((r) => (
            <option key={r} value={r}>
              {RELATION_LABEL[r]}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Record"
          hint="INC-3, KB-2, or an id"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          error={form.fieldError("to")}
          className="min-w-[10rem] flex-1"
        />
        <Button type="submit" size="sm" pending={form.pending} disabled={!target.trim()}>
          Link
        </Button>
      </div>
    </form>
  );
}

/** The links of the record at `base`, with a form to add one. */
export function LinksPanel({ base }: { base: string }) {
  const links = useResource(() => api.records.links(base), [base]);
  return (
    <div className="space-y-3">
      {links.loading ? (
        <Loading label="Loading links…" />
      ) : links.error && !links.data ? (
        <ErrorState error={links.error} onRetry={links.reload} />
      ) : links.data?.length ? (
        <ul aria-label="Linked records" className="divide-y divide-slate-200 dark:divide-slate-700">
          {links.data.map((link) => (
            <LinkRow key={link.id} base={base} link={link} onChanged={links.reload} />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">Not linked to other records.</p>
      )}
      <LinkForm base={base} onLinked={links.reload} />
    </div>
  );
}

