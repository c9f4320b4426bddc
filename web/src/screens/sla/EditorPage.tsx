"use client";
// The page around an SLA policy's or calendar's editor: loads the saved
// one, keeps what the editor saved last (a new one is saved under its id
// while the editor stays, the URL following), and starts afresh from the
// server when the editor asks to reload after a conflict.

import { useState, type ComponentType, type ReactNode } from "react";
import type { Versioned } from "@/lib/api";
import { useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { Link, useDocumentTitle } from "@/lib/router";
import { Alert } from "@/components/ui/Alert";
import { ErrorState, Loading } from "@/components/ui/States";

export interface EditorProps<T> {
  saved?: Versioned<T>;
  onSaved: (saved: Versioned<T>) => void;
  onReload: () => void;
}

interface Named {
  id: string;
  name: string;
  version: number;
}

export function EditorPage<T extends Named>({
  id,
  load,
  noun,
  listTitle,
  savedMessage,
  subtitle,
  Editor,
}: {
  id?: string;
  load: (orgId: string, id: string) => Promise<Versioned<T>>;
  /** "policy", "calendar". */
  noun: string;
  /** The document title's section: "SLA policies". */
  listTitle: string;
  savedMessage: string;
  subtitle?: (saved: T) => ReactNode;
  Editor: ComponentType<EditorProps<T>>;
}) {
  const { org, membership } = useOrg();
  const detail = useResource<Versioned<T>>(id ? () => load(org.id, id) : null, [org.id, id]);
  const [saved, setSaved] = useState<Versioned<T>>();
  const [savedOnce, setSavedOnce] = useState(false);
  const current = saved && (!id || saved.value.id === id) ? saved : detail.data;
  useDocumentTitle(`${current ? current.value.name : `New ${noun}`} · ${listTitle}`);
  if (id && detail.loading && !current) return <Loading label={`Loading the ${noun}…`} />;
  if (id && !current) return <ErrorState error={detail.error} onRetry={detail.reload} />;
  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/${membership.slug}/settings/sla-policies`} className="text-brand-700 hover:underline dark:text-brand-300">
          ← SLA policies
        </Link>
      </nav>
      <h2 className="text-xl font-semibold text-slate-900 dark:text-white">
        {current ? current.value.name : `New ${noun}`}
        {current && subtitle && <span className="ml-2 text-sm font-normal text-slate-600 dark:text-slate-400">{subtitle(current.value)}</span>}
      </h2>
      {savedOnce && <Alert tone="success">{savedMessage}</Alert>}
      {/* Each saved version opens afresh (as the server keeps it). */}
      <Editor
        key={current ? `${current.value.id}@${current.value.version}` : "new"}
        saved={current}
        onSaved={(next) => {
          setSaved(next);
          setSavedOnce(true);
        }}
        onReload={() => {
          setSaved(undefined);
          setSavedOnce(false);
          void detail.reload();
        }}
      />
    </div>
  );
}
