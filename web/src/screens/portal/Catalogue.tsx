"use client";
// The catalogue: what the signed-in person may request, grouped by
// category (in the categories' order), each a card opening its form.

import { useState } from "react";
import { api, type CatalogCategory, type CatalogItem } from "@/lib/api";
import { useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { Link } from "@/lib/router";
import { Badge } from "@/components/ui/Badge";
import { ButtonLink } from "@/components/ui/Button";
import { Card, PageHeader } from "@/components/ui/Card";
import { TextField } from "@/components/ui/Field";
import { EmptyState, ErrorState, Loading } from "@/components/ui/States";
import { formatTarget } from "@/screens/requests/shared";
import { ItemIcon, plainText } from "./shared";

function ItemCard({ item }: { item: CatalogItem }) {
  const { membership } = useOrg();
  const target = formatTarget(item.targetMinutes);
  return (
    <li>
      <Link
        href={`/${membership.slug}/portal/items/${item.id}`}
        className="flex h-full gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-400 hover:shadow dark:border-slate-700 dark:bg-slate-900 dark:hover:border-brand-400"
      >
        <ItemIcon icon={item.icon} />
        <span className="min-w-0 flex-1 space-y-1">
          <span className="block font-semibold text-slate-900 dark:text-white">{item.name}</span>
          {item.description && <span className="line-clamp-3 block text-sm text-slate-700 dark:text-slate-300">{plainText(item.description)}</span>}
          <span className="flex flex-wrap gap-2 pt-1">
            {item.needsApproval && (
              <Badge className="bg-amber-50 text-amber-900 ring-amber-200 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800">Needs approval</Badge>
            )}
            {target && <Badge className="bg-slate-50 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600">{target}</Badge>}
          </span>
        </span>
      </Link>
    </li>
  );
}

interface Group {
  id: string;
  name: string;
  description: string;
  items: CatalogItem[];
}

/** The items by category, in the categories' order; those without one (or with a deleted one) last, under “Other”. */
function grouped(categories: CatalogCategory[], items: CatalogItem[]): Group[] {
  const sorted = [...categories].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
  const groups: Group[] = sorted.map((c) => ({ id: c.id, name: c.name, description: c.description, items: [] }));
  const other: Group = { id: "", name: "Other", description: "", items: [] };
  for (const item of [...items].sort((a, b) => a.name.localeCompare(b.name))) {
    (groups.find((g) => g.id === item.category) ?? other).items.push(item);
  }
  return [...groups, other].filter((g) => g.items.length > 0);
}

export default function Catalogue() {
  const { org, membership, isAdmin, isRequester } = useOrg();
  const catalog = useResource(() => api.catalog(org.id), [org.id]);
  const [filter, setFilter] = useState("");
  const words = filter.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (item: CatalogItem) => words.every((w) => `${item.name} ${item.description}`.toLowerCase().includes(w));
  const groups = catalog.data ? grouped(catalog.data.categories, catalog.data.items.filter(matches)) : [];
  return (
    <>
      <PageHeader
        title="Service catalogue"
        description={`What you can ask ${membership.name} for. Pick an item, answer its questions, and follow your request.`}
        actions={
          <>
            {org.features.requestFulfillment && (
              <ButtonLink href={`/${membership.slug}/portal/requests`} variant="secondary">
                My requests
              </ButtonLink>
            )}
            {isAdmin && <ButtonLink href={`/${membership.slug}/settings/catalogue`}>Manage catalogue</ButtonLink>}
          </>
        }
      />
      {catalog.loading ? (
        <Loading label="Loading the catalogue…" />
      ) : !catalog.data ? (
        <ErrorState error={catalog.error} onRetry={catalog.reload} />
      ) : catalog.data.items.length === 0 ? (
        <Card>
          <EmptyState
            title="Nothing to request yet"
            action={isAdmin ? <ButtonLink href={`/${membership.slug}/settings/catalogue`}>Add an item</ButtonLink> : undefined}
          >
            {isRequester || !isAdmin ? "Nothing has been published for you to request yet." : "Publish catalogue items to offer them here."}
          </EmptyState>
        </Card>
      ) : (
        <div className="space-y-8">
          <form role="search" aria-label="Find in the catalogue" className="max-w-md" onSubmit={(e) => e.preventDefault()}>
            <TextField label="Find an item" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="e.g. laptop, access" autoComplete="off" />
          </form>
          {groups.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">Nothing matches “{filter.trim()}”.</p>}
          {groups.map((group) => (
            <section key={group.id || "other"} aria-labelledby={`category-${group.id || "other"}`}>
              <h2 id={`category-${group.id || "other"}`} className="text-lg font-semibold text-slate-900 dark:text-white">
                {group.name}
              </h2>
              {group.description && <p className="text-sm text-slate-600 dark:text-slate-400">{group.description}</p>}
              <ul className="mt-3 grid gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-label={group.name}>
                {group.items.map((item) => (
                  <ItemCard key={item.id} item={item} />
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </>
  );
}
