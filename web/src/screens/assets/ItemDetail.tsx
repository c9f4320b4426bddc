"use client";
// An item's page: its fields and attributes, relationships (add, remove),
// the open incidents, problems and changes on it or what it depends on,
// the impact picture (either way), links and timeline.

import dynamic from "next/dynamic";
import { useState } from "react";
import { api, itemPath, type ItemView, type Versioned } from "@/lib/api";
import { titleCase } from "@/lib/format";
import { useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { Link, useDocumentTitle } from "@/lib/router";
import { ErrorAlert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { SelectField, TextField } from "@/components/ui/Field";
import { ErrorState, Loading } from "@/components/ui/States";
import { LinksPanel } from "@/components/records/LinksPanel";
import { RecordActivity } from "@/components/records/RecordActivity";
import { RecordList } from "@/screens/problems/ProblemDetail";

const ImpactGraph = dynamic(() => import("./ImpactGraph"), { loading: () => <Loading label="Drawing…" /> });

function Relationships({ item }: { item: ItemView }) {
  const { org, membership } = useOrg();
  const relationships = useResource(() => api.relationships(org.id, item.id), [org.id, item.id]);
  const [relation, setRelation] = useState("depends_on");
  const [target, setTarget] = useState("");
  const [error, setError] = useState<unknown>();
  const add = async () => {
    setError(undefined);
    try {
      const found = await api.item(org.id, target.trim());
      await api.relate(org.id, item.id, relation, found.value.id);
      setTarget("");
      await relationships.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Card>
      <CardHeader title="Relationships" />
      <div className="space-y-3 p-4">
        {relationships.data?.length ? (
          <ul aria-label="Relationships" className="space-y-1 text-sm">
            {relationships.data.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center gap-2">
                <span className="text-slate-700 dark:text-slate-300">{r.relation.replace(/_/g, " ")}</span>
                <Link href={`/${membership.slug}/assets/${r.number}`} className="font-mono text-brand-700 hover:underline dark:text-brand-300">
                  {r.number}
                </Link>
                <span className="text-slate-900 dark:text-slate-100">{r.name}</span>
                <Button size="sm" variant="secondary" aria-label={`Remove relationship to ${r.number}`} onClick={() => void api.unrelate(org.id, item.id, r.id).then(relationships.reload)}>
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">{relationships.loading ? "Loading…" : "No relationships."}</p>
        )}
        <div className="flex flex-wrap items-end gap-3">
          <SelectField label="Relation" value={relation} onChange={(e) => setRelation(e.target.value)}>
            <option value="depends_on">depends on</option>
            <option value="runs_on">runs on</option>
            <option value="connects_to">connects to</option>
          </SelectField>
          <TextField label="Other item (CI-n)" value={target} onChange={(e) => setTarget(e.target.value)} />
          <Button variant="secondary" disabled={!target.trim()} onClick={() => void add()}>
            Add relationship
          </Button>
        </div>
        <ErrorAlert error={error} />
      </div>
    </Card>
  );
}

function Impact({ item }: { item: ItemView }) {
  const { org } = useOrg();
  const [direction, setDirection] = useState<"downstream" | "upstream">("downstream");
  const impact = useResource(() => api.impact(org.id, item.id, direction), [org.id, item.id, direction]);
  return (
    <Card>
      <CardHeader
        title="Impact"
        description={direction === "downstream" ? "What it relies on" : "What relies on it"}
        action={
          <div className="flex gap-1" role="group" aria-label="Impact direction">
            {(["downstream", "upstream"] as const).map((d) => (
              <Button key={d} size="sm" variant={direction === d ? "primary" : "secondary"} aria-pressed={direction === d} onClick={() => setDirection(d)}>
                {titleCase(d)}
              </Button>
            ))}
          </div>
        }
      />
      <div className="overflow-x-auto p-4">
        {impact.loading ? (
          <Loading label="Walking the graph…" />
        ) : !impact.data ? (
          <ErrorState error={impact.error} onRetry={impact.reload} />
        ) : impact.data.data.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">Nothing {direction === "downstream" ? "it relies on" : "relies on it"}.</p>
        ) : (
          <>
            {impact.data.total > impact.data.data.length && (
              <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">
                The nearest {impact.data.data.length} of {impact.data.total} items.
              </p>
            )}
            <ImpactGraph root={item} nodes={impact.data.data} />
          </>
        )}
      </div>
    </Card>
  );
}

export default function ItemDetail({ number }: { number: string }) {
  const { org, membership } = useOrg();
  const detail = useResource<Versioned<ItemView>>(() => api.item(org.id, number), [org.id, number]);
  const item = detail.data?.value;
  const records = useResource(() => (item ? api.itemRecords(org.id, item.id) : Promise.resolve(undefined)), [org.id, item?.id]);
  useDocumentTitle(item ? `${item.number} ${item.name}` : undefined);
  if (detail.loading) return <Loading label="Loading item…" />;
  if (!item) return <ErrorState error={detail.error} onRetry={detail.reload} />;
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/${membership.slug}/assets`} className="text-brand-700 hover:underline dark:text-brand-300">
          ← All items
        </Link>
      </nav>
      <header className="space-y-1">
        <p className="font-mono text-sm text-slate-700 dark:text-slate-300">
          {item.number} · {item.type} · {titleCase(item.status)} · {titleCase(item.criticality)} criticality
        </p>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900 dark:text-white">{item.name}</h1>
        {item.externalId && <p className="text-sm text-slate-600 dark:text-slate-400">External id: {item.externalId}</p>}
      </header>
      <Card>
        <CardHeader title="Open work on it or what it depends on" />
        <div className="grid gap-4 p-4 sm:grid-cols-3">
          <RecordList label="Open incidents" records={records.data?.incidents ?? []} empty="No open incidents." />
          <RecordList label="Open problems" records={records.data?.problems ?? []} empty="No open problems." />
          <RecordList label="Changes" records={records.data?.changes ?? []} empty="No changes." />
        </div>
      </Card>
      <Impact item={item} />
      <Relationships item={item} />
      <Card>
        <CardHeader title="Attributes" />
        <pre className="overflow-x-auto p-4 text-sm text-slate-900 dark:text-slate-100">{JSON.stringify(item.attributes, null, 2)}</pre>
      </Card>
      <Card className="p-4">
        <h2 className="mb-3 text-base font-semibold text-slate-900 dark:text-white">Links</h2>
        <LinksPanel base={itemPath(org.id, item.id)} />
      </Card>
      <RecordActivity base={itemPath(org.id, item.id)} version={item.version} />
    </div>
  );
}
