"use client";
// The knowledge base's home: search as you type over published articles,
// known errors and incidents (the newest published articles without a
// query), and every article — drafts too — for the people writing them.

import { useRef, useState } from "react";
import { api, SEARCH_KINDS, type SearchKind, type SearchResult } from "@/lib/api";
import { useDebounced } from "@/lib/debounce";
import { formatDateTime } from "@/lib/format";
import { useOrg } from "@/lib/org";
import { usePages } from "@/lib/pages";
import { useResource } from "@/lib/resource";
import { Link } from "@/lib/router";
import { ErrorAlert } from "@/components/ui/Alert";
import { ButtonLink } from "@/components/ui/Button";
import { Card, CardHeader, PageHeader } from "@/components/ui/Card";
import { SelectField, TextField } from "@/components/ui/Field";
import { EmptyState, ErrorState, LoadMore, Loading } from "@/components/ui/States";
import { ArticleStatusBadge, SEARCH_KIND_LABEL, SearchResultList, StaleBadge } from "./shared";

function Search() {
  const { org, membership } = useOrg();
  const [text, setText] = useState("");
  const [kind, setKind] = useState<SearchKind | "">("");
  const q = useDebounced(text.trim(), 200);
  const found = useResource(() => api.searchKb(org.id, { q, kind: kind ? [kind] : undefined, limit: 20 }), [org.id, q, kind]);
  // Keep the last answer on screen while the next one is on its way.
  const last = useRef<{ q: string; data: SearchResult[] }>(undefined);
  if (found.data) last.current = { q, data: found.data };
  const shown = last.current;
  return (
    <Card className="mb-6">
      <div className="border-b border-slate-200 p-4 dark:border-slate-700">
        <form role="search" aria-label="Search the knowledge base" className="grid gap-3 sm:grid-cols-[1fr_12rem]" onSubmit={(e) => e.preventDefault()}>
          <TextField label="Search" type="search" placeholder="Words from a title or text, e.g. checkout timeout" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />
          <SelectField label="Kind" value={kind} onChange={(e) => setKind(e.target.value as SearchKind | "")}>
            <option value="">All kinds</option>
            {SEARCH_KINDS.map((k) => (
              <option key={k} value={k}>
                {SEARCH_KIND_LABEL[k]}
              </option>
            ))}
          </SelectField>
        </form>
      </div>
      <div className="px-4" aria-live="polite">
        <h2 className="pt-3 text-base font-semibold text-slate-900 dark:text-slate-100">{q ? "Results" : "Newest published articles"}</h2>
        {!shown ? (
          found.error ? <ErrorAlert error={found.error} className="my-3" /> : <Loading label="Searching…" />
        ) : shown.data.length === 0 ? (
          <p className="py-3 text-sm text-slate-600 dark:text-slate-400">{shown.q ? `Nothing matches “${shown.q}”.` : "No published articles yet."}</p>
        ) : (
          <SearchResultList results={shown.data} slug={membership.slug} label={q ? "Search results" : "Newest published articles"} />
        )}
      </div>
    </Card>
  );
}

function ArticleList() {
  const { org, membership } = useOrg();
  const articles = usePages((cursor) => api.articles(org.id, { cursor }), [org.id]);
  const newHref = `/${membership.slug}/kb/new`;
  if (articles.loading) return <Loading label="Loading articles…" />;
  if (!articles.data) return <ErrorState error={articles.error} onRetry={articles.reload} />;
  if (articles.data.length === 0) {
    return (
      <Card>
        <EmptyState title="No articles yet" action={<ButtonLink href={newHref}>Write the first article</ButtonLink>}>
          Write down what your team learns while fixing incidents.
        </EmptyState>
      </Card>
    );
  }
  return (
    <Card>
      <CardHeader title="All articles" description="Drafts and articles in review included, newest first." />
      <ul className="divide-y divide-slate-200 dark:divide-slate-700" aria-label="All articles">
        {articles.data.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center gap-2 px-4 py-3">
            <span className="font-mono text-sm text-slate-700 dark:text-slate-300">{a.number}</span>
            <Link href={`/${membership.slug}/kb/${a.number}`} className="font-medium text-slate-900 hover:underline dark:text-white">
              {a.title}
            </Link>
            <ArticleStatusBadge status={a.status} />
            {a.kind === "postmortem" && <span className="text-xs text-slate-600 dark:text-slate-400">Postmortem</span>}
            {a.stale && <StaleBadge />}
            <span className="w-full text-sm text-slate-600 dark:text-slate-400">Updated {formatDateTime(a.updatedAt)}</span>
          </li>
        ))}
      </ul>
      <LoadMore pages={articles} label="Load more articles" />
    </Card>
  );
}

export default function KbHome() {
  const { membership } = useOrg();
  return (
    <>
      <PageHeader
        title="Knowledge base"
        description="Runbooks, how-tos and postmortems for your team."
        actions={<ButtonLink href={`/${membership.slug}/kb/new`}>New article</ButtonLink>}
      />
      <Search />
      <ArticleList />
    </>
  );
}
