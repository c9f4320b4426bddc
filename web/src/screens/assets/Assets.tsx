"use client";
// Asset management: the item list (filters, search), a new item, the
// import page (dry run first), type schemas, and an item's page.

import { useState } from "react";
import { api, CI_STATUSES, CRITICALITIES, type CiStatus, type Criticality } from "@/lib/api";
import { titleCase } from "@/lib/format";
import { useForm } from "@/lib/form";
import { useOrg } from "@/lib/org";
import { usePages } from "@/lib/pages";
import { useResource } from "@/lib/resource";
import { Link, navigate } from "@/lib/router";
import { FormError } from "@/components/ui/Alert";
import { Button, ButtonLink } from "@/components/ui/Button";
import { Card, PageHeader } from "@/components/ui/Card";
import { SelectField, TextArea, TextField } from "@/components/ui/Field";
import { EmptyState, ErrorState, LoadMore, Loading } from "@/components/ui/States";
import AssetImport from "./AssetImport";
import ItemDetail from "./ItemDetail";
import ItemTypes from "./ItemTypes";

function AssetTabs() {
  const { membership } = useOrg();
  const base = `/${membership.slug}/assets`;
  return (
    <div className="mb-4 flex flex-wrap gap-2">
      <ButtonLink href={`${base}/new`}>New item</ButtonLink>
      <ButtonLink href={`${base}/import`} variant="secondary">
        Import
      </ButtonLink>
      <ButtonLink href={`${base}/types`} variant="secondary">
        Types
      </ButtonLink>
      <a href={api.exportUrl(useOrg().org.id)} className="self-center text-sm text-brand-700 hover:underline dark:text-brand-300" download="items.csv">
        Export CSV
      </a>
    </div>
  );
}

function ItemList() {
  const { org, membership } = useOrg();
  const types = useResource(() => api.itemTypes(org.id), [org.id]);
  const [type, setType] = useState("");
  const [status, setStatus] = useState("");
  const [q, setQ] = useState("");
  const [search, setSearch] = useState("");
  const items = usePages((cursor) => api.items(org.id, { type, status, q: search, cursor }), [org.id, type, status, search]);
  return (
    <>
      <PageHeader title="Configuration items" description="Services, applications, servers and what they depend on." />
      <AssetTabs />
      <Card className="mb-4 p-4">
        <form
          className="flex flex-wrap items-end gap-4"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            setSearch(q.trim());
          }}
        >
          <SelectField label="Type" value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">Any</option>
            {(types.data ?? []).map((t) => (
              <option key={t.key} value={t.key}>
                {t.name}
              </option>
            ))}
          </SelectField>
          <SelectField label="Status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Any</option>
            {CI_STATUSES.map((s) => (
              <option key={s} value={s}>
                {titleCase(s)}
              </option>
            ))}
          </SelectField>
          <TextField label="Search name or external id" value={q} onChange={(e) => setQ(e.target.value)} />
          <Button type="submit" variant="secondary">
            Search
          </Button>
        </form>
      </Card>
      {items.loading ? (
        <Loading label="Loading items…" />
      ) : !items.data ? (
        <ErrorState error={items.error} onRetry={items.reload} />
      ) : items.data.length === 0 ? (
        <Card>
          <EmptyState title="No items" action={<ButtonLink href={`/${membership.slug}/assets/import`}>Import a CSV</ButtonLink>}>
            Record your services and what they run on, or import them from a spreadsheet.
          </EmptyState>
        </Card>
      ) : (
        <Card>
          <ul className="divide-y divide-slate-200 dark:divide-slate-700" aria-label="Configuration items">
            {items.data.map((item) => (
              <li key={item.id} className="flex flex-wrap items-center gap-2 px-4 py-3">
                <span className="font-mono text-sm text-slate-700 dark:text-slate-300">{item.number}</span>
                <Link href={`/${membership.slug}/assets/${item.number}`} className="font-medium text-slate-900 hover:underline dark:text-white">
                  {item.name}
                </Link>
                <span className="text-sm text-slate-600 dark:text-slate-400">
                  {item.type} · {titleCase(item.status)} · {titleCase(item.criticality)} criticality{item.externalId && <> · {item.externalId}</>}
                </span>
              </li>
            ))}
          </ul>
          <LoadMore pages={items} label="Load more items" />
        </Card>
      )}
    </>
  );
}

function NewItem() {
  const { org, membership } = useOrg();
  const types = useResource(() => api.itemTypes(org.id), [org.id]);
  const [name, setName] = useState("");
  const [type, setType] = useState("service");
  const [status, setStatus] = useState<CiStatus>("active");
  const [criticality, setCriticality] = useState<Criticality>("medium");
  const [externalId, setExternalId] = useState("");
  const [attributes, setAttributes] = useState("{}");
  const form = useForm(
    () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(attributes || "{}");
      } catch {
        throw new Error("Attributes must be a JSON object.");
      }
      return api.createItem(org.id, { name: name.trim(), type, status, criticality, externalId: externalId.trim() || null, attributes: parsed as Record<string, unknown> });
    },
    (item) => navigate(`/${membership.slug}/assets/${item.number}`),
  );
  return (
    <>
      <PageHeader title="New configuration item" />
      <Card className="max-w-3xl p-4 sm:p-6">
        <form onSubmit={form.onSubmit} className="space-y-4" noValidate>
          <FormError form={form} />
          <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={form.fieldError("name")} required />
          <SelectField label="Type" value={type} onChange={(e) => setType(e.target.value)} error={form.fieldError("type")}>
            {(types.data ?? []).map((t) => (
              <option key={t.key} value={t.key}>
                {t.name}
              </option>
            ))}
          </SelectField>
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField label="Status" value={status} onChange={(e) => setStatus(e.target.value as CiStatus)}>
              {CI_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {titleCase(s)}
                </option>
              ))}
            </SelectField>
            <SelectField label="Criticality" value={criticality} onChange={(e) => setCriticality(e.target.value as Criticality)}>
              {CRITICALITIES.map((c) => (
                <option key={c} value={c}>
                  {titleCase(c)}
                </option>
              ))}
            </SelectField>
          </div>
          <TextField label="External id (optional)" value={externalId} onChange={(e) => setExternalId(e.target.value)} error={form.fieldError("externalId")} />
          <TextArea label="Attributes (JSON)" className="font-mono" rows={5} value={attributes} onChange={(e) => setAttributes(e.target.value)} error={form.errorUnder("/attributes")} />
          <div className="flex gap-3">
            <Button type="submit" pending={form.pending}>
              Create item
            </Button>
            <ButtonLink href={`/${membership.slug}/assets`} variant="secondary">
              Cancel
            </ButtonLink>
          </div>
        </form>
      </Card>
    </>
  );
}

export default function Assets({ view }: { view: string }) {
  if (view === "") return <ItemList />;
  if (view === "new") return <NewItem />;
  if (view === "import") return <AssetImport />;
  if (view === "types") return <ItemTypes />;
  return <ItemDetail key={view} number={view.replace(/^CI-/i, "")} />;
}
