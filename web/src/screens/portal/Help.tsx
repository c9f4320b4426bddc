"use client";
// Help articles on the portal: searching the published articles shown on
// the portal (`portal=true`: only those, for members and admins too), and
// reading one.

import { useRef, useState } from "react";
import { api, type SearchResult } from "@/lib/api";
import { useDebounced } from "@/lib/debounce";
import { formatDate } from "@/lib/format";
import { Markdown } from "@/lib/markdown";
import { useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { Link, useDocumentTitle } from "@/lib/router";
import { ErrorAlert } from "@/components/ui/Alert";
import { ButtonLink } from "@/components/ui/Button";
import { Card, PageHeader } from "@/components/ui/Card";
import { TextField } from "@/components/ui/Field";
import { ErrorState, Loading } from "@/components/ui/States";
import { Snippet, Tags } from "@/screens/kb/shared";

export function HelpHome() {
  const { org, membership } = useOrg();
  const [text, setText] = useState("");
  const q = useDebounced(text.trim(), 200);
  const found = useResource(() => api.searchKb(org.id, { q, kind: ["article"], portal: true, limit: 20 }), [org.id, q]);
  // Keep the last answer on screen while the next one is on its way.
  const last = useRef<{ q: string; data: SearchResult[] }>(undefined);
  if (found.data) last.current = { q, data: found.data };
  const shown = last.current;
  return (
    <>
      <PageHeader title="Help articles" description="Answers to common questions. Search before you ask." />
      <Card>
        <div className="border-b border-slate-200 p-4 dark:border-slate-700">
          <form role="search" aria-label="Search the help articles" onSubmit={(e) => e.preventDefault()}>
            <TextField label="Search" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="e.g. VPN, password, laptop" autoComplete="off" />
          </form>
        </div>
        <div className="px-4" aria-live="polite">
          <h2 className="pt-3 text-base font-semibold text-slate-900 dark:text-slate-100">{q ? "Results" : "Newest articles"}</h2>
          {!shown ? (
            found.error ? <ErrorAlert error={found.error} className="my-3" /> : <Loading label="Searching…" />
          ) : shown.data.length === 0 ? (
            <p className="py-3 text-sm text-slate-600 dark:text-slate-400">{shown.q ? `Nothing matches “${shown.q}”.` : "No help articles yet."}</p>
          ) : (
            <ul aria-label={q ? "Search results" : "Newest articles"} className="divide-y divide-slate-200 dark:divide-slate-700">
              {shown.data.map((r) => (
                <li key={r.id} className="space-y-1 py-3">
                  <Link href={`/${membership.slug}/portal/help/${r.number}`} className="font-medium text-slate-900 hover:underline dark:text-white">
                    {r.title}
                  </Link>
                  {r.snippet.length > 0 && (
                    <p className="text-sm text-slate-700 dark:text-slate-300">
                      <Snippet pieces={r.snippet} />
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      </Card>
    </>
  );
}

export function HelpArticle({ reference }: { reference: string }) {
  const { org, membership, isRequester } = useOrg();
  const article = useResource(() => api.article(org.id, reference).then((a) => a.value), [org.id, reference]);
  const a = article.data;
  useDocumentTitle(a?.title);
  if (article.loading) return <Loading label="Loading the article…" />;
  if (!a) return <ErrorState error={article.error} onRetry={article.reload} />;
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/${membership.slug}/portal/help`} className="text-brand-700 hover:underline dark:text-brand-300">
          ← Help articles
        </Link>
      </nav>
      <header className="space-y-2">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900 dark:text-white">{a.title}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">Updated {formatDate(a.updatedAt)}</p>
        <Tags tags={a.tags} />
      </header>
      <Card className="p-4 text-slate-900 sm:p-6 dark:text-slate-100">
        <Markdown source={a.body} />
      </Card>
      <div className="flex flex-wrap gap-2">
        {org.features.serviceCatalog && (
          <ButtonLink href={`/${membership.slug}/portal`} variant="secondary">
            Still need help? Ask through the catalogue
          </ButtonLink>
        )}
        {!isRequester && (
          <ButtonLink href={`/${membership.slug}/kb/${a.number}`} variant="ghost">
            Open in the knowledge base
          </ButtonLink>
        )}
      </div>
    </div>
  );
}
