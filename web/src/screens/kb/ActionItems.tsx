"use client";
// A postmortem's action items: what, who owns it, when it is due
// (overdue when open past it), open or done, and the problem or change it
// became; adding one, marking it done or reopening it (against its
// version), and making it a problem or a change when those modules are on
// (a 409 or 422 says why one is refused).

import { useRef, useState } from "react";
import { api, ApiError, messageOf, type ActionItem, type ActionItemChange, type PromoteTo } from "@/lib/api";
import { formatDay } from "@/lib/format";
import { useMemberName, useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { Link } from "@/lib/router";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { ErrorState, Loading } from "@/components/ui/States";
import { ActionItemForm } from "./ActionItemForm";
import { ActionItemStatusBadge, isOverdue, OverdueBadge } from "./shared";

const RECORD_KIND = {
  problem: { noun: "Problem", section: "problems" },
  change: { noun: "Change", section: "changes" },
} as const;

/** The problem (`prb_…`) or change (`chg_…`) an item became, linked by its number. */
function BecameLink({ record }: { record: string }) {
  const { org, membership } = useOrg();
  const kind = record.startsWith("chg_") ? "change" : "problem";
  const found = useResource(
    () => (kind === "problem" ? api.problem(org.id, record) : api.change(org.id, record)).then((r) => r.value),
    [org.id, record, kind],
  );
  const { noun, section } = RECORD_KIND[kind];
  if (found.error && !found.data) return <span>{noun}</span>;
  const number = found.data?.number;
  return (
    <>
      <Link href={`/${membership.slug}/${section}/${number ?? record}`} className="font-medium text-brand-700 underline dark:text-brand-300">
        {noun} {number ?? "…"}
      </Link>
      {found.data && <span className="text-slate-700 dark:text-slate-300"> {found.data.title}</span>}
    </>
  );
}

/** The server's reason, naming the field's problem rather than the field. */
function reasonOf(error: unknown): string {
  const text = (error instanceof ApiError && error.fieldError("to")) || messageOf(error);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function ItemRow({
  articleId,
  item,
  onChanged,
  onOutdated,
}: {
  articleId: string;
  item: ActionItem;
  onChanged: (item: ActionItem) => void;
  /** The item changed meanwhile (a 412 or 409): reload the list. */
  onOutdated: () => void;
}) {
  const { org } = useOrg();
  const nameOf = useMemberName();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const run = async (what: string, call: () => Promise<ActionItem>) => {
    setBusy(what);
    setError(undefined);
    try {
      onChanged(await call());
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && (e.status === 409 || e.status === 412)) onOutdated();
    } finally {
      setBusy(undefined);
    }
  };
  const change = (input: ActionItemChange) => run("status", () => api.updateActionItem(org.id, articleId, item, input));
  const promote = (to: PromoteTo) => run(to, () => api.promoteActionItem(org.id, articleId, item.id, to));
  const done = item.status === "done";
  const offer = (to: PromoteTo) => !item.record && !!org.features[to === "problem" ? "problemManagement" : "changeManagement"];
  return (
    <li className="space-y-2 py-3">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium text-slate-900 dark:text-white">{item.title}</span>
        <ActionItemStatusBadge status={item.status} />
        {isOverdue(item) && <OverdueBadge />}
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {item.ownerId ? <>Owner {nameOf(item.ownerId)}</> : "No owner"} · {item.dueOn ? <>due {formatDay(item.dueOn)}</> : "no due date"}
      </p>
      {item.record && (
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Became <BecameLink record={item.record} />
        </p>
      )}
      <div className="flex flex-wrap gap-2" role="group" aria-label={`Action item: ${item.title}`}>
        <Button size="sm" variant="secondary" pending={busy === "status"} disabled={!!busy} onClick={() => void change({ status: done ? "open" : "done" })}>
          {done ? "Reopen" : "Done"}
        </Button>
        {offer("problem") && (
          <Button size="sm" variant="secondary" pending={busy === "problem"} disabled={!!busy} onClick={() => void promote("problem")}>
            Make problem
          </Button>
        )}
        {offer("change") && (
          <Button size="sm" variant="secondary" pending={busy === "change"} disabled={!!busy} onClick={() => void promote("change")}>
            Make change
          </Button>
        )}
      </div>
      {error ? <Alert tone="error">{reasonOf(error)}</Alert> : null}
    </li>
  );
}

export function ActionItems({ articleId }: { articleId: string }) {
  const { org } = useOrg();
  const items = useResource(() => api.actionItems(org.id, articleId), [org.id, articleId]);
  const list = items.data ?? [];
  // The newest list, for answers that arrive after another row changed it.
  const latest = useRef(list);
  latest.current = list;
  return (
    <Card>
      <CardHeader title="Action items" description="What the team will do so that this does not happen again, who owns it and by when." />
      <div className="space-y-4 p-4">
        {items.loading ? (
          <Loading label="Loading action items…" />
        ) : !items.data ? (
          <ErrorState error={items.error} onRetry={items.reload} />
        ) : list.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No action items yet.</p>
        ) : (
          <ul aria-label="Action items" className="divide-y divide-slate-200 dark:divide-slate-700">
            {list.map((item) => (
              <ItemRow
                key={item.id}
                articleId={articleId}
                item={item}
                onChanged={(changed) => items.setData(latest.current.map((i) => (i.id === changed.id ? changed : i)))}
                onOutdated={() => void items.reload()}
              />
            ))}
          </ul>
        )}
        <div className="border-t border-slate-200 pt-4 dark:border-slate-700">
          <ActionItemForm articleId={articleId} onAdded={(item) => items.setData([...latest.current, item])} />
        </div>
      </div>
    </Card>
  );
}
