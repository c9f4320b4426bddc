"use client";
// Settings → Catalogue (admins, module serviceCatalog): the categories,
// every item with its status, and an item's editor.

import { api, CATALOG_ITEM_STATUSES, type CatalogItemStatus } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { Link } from "@/lib/router";
import { useState } from "react";
import { ButtonLink } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { SelectField } from "@/components/ui/Field";
import { EmptyState, ErrorState, Loading } from "@/components/ui/States";
import { ItemIcon } from "@/screens/portal/shared";
import Categories from "./Categories";
import ItemEditorPage from "./ItemEditor";
import { ITEM_STATUS_LABEL, ItemStatusBadge } from "./shared";

function Items() {
  const { org, membership } = useOrg();
  const [status, setStatus] = useState<CatalogItemStatus | "">("");
  const items = useResource(() => api.catalogItems(org.id, status || undefined), [org.id, status]);
  const categories = useResource(() => api.catalog(org.id).then((c) => c.categories), [org.id]);
  const categoryName = (id: string | null | undefined) => (id ? categories.data?.find((c) => c.id === id)?.name ?? "…" : "No category");
  const newHref = `/${membership.slug}/settings/catalogue/new`;
  return (
    <Card>
      <CardHeader
        title="Items"
        description="What people may request: each with its form, approval and fulfilment plan. Only published items show in the portal."
        action={<ButtonLink href={newHref} size="sm">New item</ButtonLink>}
      />
      <div className="border-b border-slate-200 p-4 dark:border-slate-700">
        <SelectField label="Status" value={status} onChange={(e) => setStatus(e.target.value as CatalogItemStatus | "")} className="max-w-xs">
          <option value="">Any</option>
          {CATALOG_ITEM_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ITEM_STATUS_LABEL[s]}
            </option>
          ))}
        </SelectField>
      </div>
      {items.loading ? (
        <Loading label="Loading items…" />
      ) : !items.data ? (
        <ErrorState error={items.error} onRetry={items.reload} />
      ) : items.data.length === 0 ? (
        <EmptyState title={status ? "No items with this status" : "No items yet"} action={status ? undefined : <ButtonLink href={newHref}>Add the first item</ButtonLink>}>
          {status ? "Pick another status." : "Add an item, give it a form, and publish it to the portal."}
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 dark:divide-slate-700" aria-label="Catalogue items">
          {items.data.map((item) => (
            <li key={item.id} className="flex items-center gap-3 px-4 py-3">
              <ItemIcon icon={item.icon} />
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={`/${membership.slug}/settings/catalogue/${item.id}`} className="font-medium text-slate-900 hover:underline dark:text-white">
                    {item.name}
                  </Link>
                  <ItemStatusBadge status={item.status} />
                </div>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  {categoryName(item.category)} · form version {item.formVersion}
                  {item.needsApproval && " · needs approval"}
                  {item.setup && ` · updated ${formatDateTime(item.setup.updatedAt)}`}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** `view`: "" (categories and items), "new", or an item's id. */
export default function CatalogueAdmin({ view }: { view: string }) {
  const { membership } = useOrg();
  if (view === "") {
    return (
      <div className="space-y-6">
        <p className="text-sm text-slate-700 dark:text-slate-300">
          The portal shows published items by category.{" "}
          <Link href={`/${membership.slug}/portal`} className="font-medium text-brand-700 hover:underline dark:text-brand-300">
            Open the portal
          </Link>
        </p>
        <Items />
        <Categories />
      </div>
    );
  }
  return <ItemEditorPage key={view} itemId={view === "new" ? undefined : view} />;
}
