"use client";
// The top of an article's pages: number, kind, status, revision, title,
// who and when, tags, and the Article / History tabs.

import type { Article } from "@/lib/api";
import { formatDate, formatDateTime } from "@/lib/format";
import { useMemberName, useOrg } from "@/lib/org";
import { Link, useDocumentTitle } from "@/lib/router";
import { cx } from "@/components/ui/cx";
import { ArticleStatusBadge, StaleBadge, Tags } from "./shared";

export function ArticleHeader({ article: a, tab }: { article: Article; tab: "article" | "history" }) {
  const { membership } = useOrg();
  const nameOf = useMemberName();
  useDocumentTitle(`${a.number} ${a.title}`);
  const base = `/${membership.slug}/kb/${a.number}`;
  const newer = a.publishedRevision != null && a.revision > a.publishedRevision;
  const tabClass = (active: boolean) =>
    cx(
      "border-b-2 px-3 py-2 text-sm font-medium",
      active
        ? "border-brand-600 text-brand-800 dark:border-brand-400 dark:text-brand-200"
        : "border-transparent text-slate-700 hover:border-slate-300 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white",
    );
  return (
    <>
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/${membership.slug}/kb`} className="text-brand-700 hover:underline dark:text-brand-300">
          ← Knowledge base
        </Link>
      </nav>
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-mono text-sm text-slate-700 dark:text-slate-300">{a.number}</span>
          {a.kind === "postmortem" && <span className="text-sm font-medium text-slate-700 dark:text-slate-300">Postmortem</span>}
          <ArticleStatusBadge status={a.status} />
          {a.stale && <StaleBadge />}
          <span className="text-sm text-slate-600 dark:text-slate-400">
            Revision {a.revision}
            {newer && <> · readers see revision {a.publishedRevision}</>}
          </span>
        </div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900 dark:text-white">{a.title}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          By {nameOf(a.authorId)} · updated {formatDateTime(a.updatedAt)}
          {a.ownerId && <> · owner {nameOf(a.ownerId)}</>}
          {a.reviewOn && <> · review {a.stale ? "was due" : "due"} {formatDate(a.reviewOn)}</>}
          {a.visibility === "portal" && <> · shown on the portal</>}
          {a.incidentId && (
            <>
              {" · "}
              <Link href={`/${membership.slug}/incidents/${a.incidentId}`} className="text-brand-700 underline dark:text-brand-300">
                its incident
              </Link>
            </>
          )}
        </p>
        <Tags tags={a.tags} />
      </header>
      <nav aria-label="Article views" className="flex gap-2 border-b border-slate-200 dark:border-slate-700">
        <Link href={base} className={tabClass(tab === "article")} aria-current={tab === "article" ? "page" : undefined}>
          Article
        </Link>
        <Link href={`${base}/history`} className={tabClass(tab === "history")} aria-current={tab === "history" ? "page" : undefined}>
          History
        </Link>
      </nav>
    </>
  );
}
