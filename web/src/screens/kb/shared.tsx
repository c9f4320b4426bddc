"use client";
// How the knowledge base shows its things: article status and kind
// badges, action items' status, search results with their highlighted
// snippets, and where each result lives in the app.

import type { ActionItem, ActionItemStatus, ArticleStatus, RevisionState, SearchKind, SearchResult, SnippetPiece } from "@/lib/api";
import { utcDay } from "@/lib/format";
import { Link } from "@/lib/router";
import { Badge } from "@/components/ui/Badge";

const amber = "bg-amber-50 text-amber-900 ring-amber-200 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800";
const green = "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-100 dark:ring-emerald-800";
const grey = "bg-slate-50 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600";
const sky = "bg-sky-50 text-sky-900 ring-sky-200 dark:bg-sky-950 dark:text-sky-100 dark:ring-sky-800";
const violet = "bg-violet-50 text-violet-900 ring-violet-200 dark:bg-violet-950 dark:text-violet-100 dark:ring-violet-800";
const red = "bg-red-50 text-red-800 ring-red-200 dark:bg-red-950 dark:text-red-200 dark:ring-red-800";

export const ARTICLE_STATUS_LABEL: Record<ArticleStatus, string> = {
  draft: "Draft",
  in_review: "In review",
  published: "Published",
  retired: "Retired",
};

const statusTone: Record<ArticleStatus, string> = { draft: grey, in_review: amber, published: green, retired: grey };

export function ArticleStatusBadge({ status }: { status: ArticleStatus }) {
  return <Badge className={statusTone[status]}>{ARTICLE_STATUS_LABEL[status]}</Badge>;
}

export function StaleBadge() {
  return <Badge className={red}>Stale</Badge>;
}

const actionItemTone: Record<ActionItemStatus, string> = { open: amber, done: green };
export const ACTION_ITEM_STATUS_LABEL: Record<ActionItemStatus, string> = { open: "Open", done: "Done" };

export function ActionItemStatusBadge({ status }: { status: ActionItemStatus }) {
  return <Badge className={actionItemTone[status]}>{ACTION_ITEM_STATUS_LABEL[status]}</Badge>;
}

/** Whether an action item is open past its due date (UTC days, as the server counts them). */
export const isOverdue = (item: Pick<ActionItem, "status" | "dueOn">, today = utcDay()) => item.status === "open" && !!item.dueOn && item.dueOn < today;

/** An open action item past its due date. */
export function OverdueBadge() {
  return <Badge className={red}>Overdue</Badge>;
}

const revisionTone: Record<RevisionState, string> = { published: green, outdated: grey, draft: amber };
const REVISION_LABEL: Record<RevisionState, string> = { published: "Published", outdated: "Outdated", draft: "Draft" };

export function RevisionStateBadge({ state }: { state: RevisionState }) {
  return <Badge className={revisionTone[state]}>{REVISION_LABEL[state]}</Badge>;
}

export const SEARCH_KIND_LABEL: Record<SearchKind, string> = { article: "Article", known_error: "Known error", incident: "Incident" };
const kindTone: Record<SearchKind, string> = { article: sky, known_error: violet, incident: amber };

export function SearchKindBadge({ kind }: { kind: SearchKind }) {
  return <Badge className={kindTone[kind]}>{SEARCH_KIND_LABEL[kind]}</Badge>;
}

/** The page of a search result: an article, a problem, an incident. */
export function resultHref(slug: string, result: Pick<SearchResult, "kind" | "number">): string {
  const section = result.kind === "article" ? "kb" : result.kind === "known_error" ? "problems" : "incidents";
  return `/${slug}/${section}/${result.number}`;
}

/** A snippet with its matched words marked (text nodes only, never HTML). */
export function Snippet({ pieces }: { pieces: SnippetPiece[] }) {
  return (
    <>
      {pieces.map((piece, i) =>
        piece.match ? (
          <mark key={i} className="rounded-sm bg-yellow-200 px-0.5 text-slate-900 dark:bg-yellow-700 dark:text-white">
            {piece.text}
          </mark>
        ) : (
          <span key={i}>{piece.text}</span>
        ),
      )}
    </>
  );
}

/** Search results: kind, number, title (linked) and snippet each. */
export function SearchResultList({ results, slug, label, newTab }: { results: SearchResult[]; slug: string; label: string; newTab?: boolean }) {
  return (
    <ul aria-label={label} className="divide-y divide-slate-200 dark:divide-slate-700">
      {results.map((r) => (
        <li key={r.id} className="space-y-1 py-3">
          <div className="flex flex-wrap items-center gap-2">
            <SearchKindBadge kind={r.kind} />
            <span className="font-mono text-sm text-slate-700 dark:text-slate-300">{r.number}</span>
            <Link
              href={resultHref(slug, r)}
              className="font-medium text-slate-900 hover:underline dark:text-white"
              {...(newTab ? { target: "_blank", rel: "noopener" } : {})}
            >
              {r.title}
              {newTab && <span className="sr-only"> (opens in a new tab)</span>}
            </Link>
          </div>
          {r.snippet.length > 0 && (
            <p className="text-sm text-slate-700 dark:text-slate-300">
              <Snippet pieces={r.snippet} />
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

/** An article's tags, as small chips. */
export function Tags({ tags }: { tags: string[] }) {
  if (!tags.length) return null;
  return (
    <ul aria-label="Tags" className="flex flex-wrap gap-1">
      {tags.map((t) => (
        <li key={t} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-800 dark:bg-slate-800 dark:text-slate-200">
          {t}
        </li>
      ))}
    </ul>
  );
}

export const parseTags = (text: string) => [...new Set(text.split(",").map((t) => t.trim()).filter(Boolean))];
