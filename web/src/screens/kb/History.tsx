"use client";
// An article's revisions, newest first, each with who saved it, its
// summary and state (published, outdated, draft); the chosen one
// (`?revision=N`, the newest by default) as a line diff against the one
// before it, and as written.

import { api, type Article, type DiffLine, type Revision } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { Markdown } from "@/lib/markdown";
import { useMemberName, useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { Link, useLocation } from "@/lib/router";
import { Card, CardHeader } from "@/components/ui/Card";
import { cx } from "@/components/ui/cx";
import { ErrorState, Loading } from "@/components/ui/States";
import { ArticleHeader } from "./ArticleHeader";
import { useArticle } from "./ArticleView";
import { RevisionStateBadge } from "./shared";

const lineTone: Record<DiffLine["op"], string> = {
  insert: "bg-emerald-50 text-emerald-900 dark:bg-emerald-950/70 dark:text-emerald-100",
  delete: "bg-red-50 text-red-900 dark:bg-red-950/70 dark:text-red-100",
  equal: "text-slate-700 dark:text-slate-300",
};
const SIGN: Record<DiffLine["op"], string> = { insert: "+", delete: "-", equal: " " };
const SPOKEN: Record<DiffLine["op"], string> = { insert: "Added: ", delete: "Removed: ", equal: "" };

/** Lines of a diff: + green for inserted, - red for deleted. */
export function DiffLines({ lines, label }: { lines: DiffLine[]; label: string }) {
  if (!lines.length) return <p className="text-sm text-slate-600 dark:text-slate-400">Empty.</p>;
  return (
    <ol aria-label={label} className="overflow-x-auto rounded-md border border-slate-200 font-mono text-xs leading-5 dark:border-slate-700">
      {lines.map((line, i) => (
        <li key={i} data-op={line.op} className={cx("flex whitespace-pre-wrap break-words px-2", lineTone[line.op])}>
          <span aria-hidden="true" className="w-4 shrink-0 select-none font-bold">
            {SIGN[line.op]}
          </span>
          <span className="sr-only">{SPOKEN[line.op]}</span>
          <span className="min-w-0">{line.text || "\u00a0"}</span>
        </li>
      ))}
    </ol>
  );
}

function RevisionDetail({ article, revision }: { article: Article; revision: number }) {
  const { org } = useOrg();
  const diff = useResource(() => api.revisionDiff(org.id, article.id, revision), [org.id, article.id, revision]);
  const written = useResource(() => api.revision(org.id, article.id, revision), [org.id, article.id, revision]);
  const changed = diff.data && diff.data.title.some((l) => l.op !== "equal");
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title={`Changes in revision ${revision}`} description={revision > 1 ? `Against revision ${revision - 1}.` : "The first revision, against nothing."} />
        <div className="space-y-4 p-4">
          {diff.loading ? (
            <Loading label="Comparing…" />
          ) : !diff.data ? (
            <ErrorState error={diff.error} onRetry={diff.reload} />
          ) : (
            <>
              {changed && (
                <div>
                  <h3 className="mb-1 text-sm font-semibold text-slate-900 dark:text-slate-100">Title</h3>
                  <DiffLines lines={diff.data.title} label="Title changes" />
                </div>
              )}
              <div>
                <h3 className="mb-1 text-sm font-semibold text-slate-900 dark:text-slate-100">Body</h3>
                <DiffLines lines={diff.data.body} label="Body changes" />
              </div>
            </>
          )}
        </div>
      </Card>
      <Card>
        <CardHeader title={`Revision ${revision} as written`} description={written.data?.title} />
        <div className="p-4 text-slate-900 dark:text-slate-100">
          {written.loading ? <Loading /> : written.data ? <Markdown source={written.data.body ?? ""} /> : <ErrorState error={written.error} onRetry={written.reload} />}
        </div>
      </Card>
    </div>
  );
}

function RevisionList({ revisions, selected, base }: { revisions: Revision[]; selected: number; base: string }) {
  const nameOf = useMemberName();
  return (
    <Card>
      <CardHeader title="Revisions" />
      <ul aria-label="Revisions" className="divide-y divide-slate-200 dark:divide-slate-700">
        {revisions.map((r) => (
          <li key={r.revision} className={cx("space-y-1 px-4 py-3", r.revision === selected && "bg-slate-50 dark:bg-slate-800")}>
            <div className="flex flex-wrap items-center gap-2">
              <Link
                href={`${base}?revision=${r.revision}`}
                aria-current={r.revision === selected ? "true" : undefined}
                className="font-medium text-brand-700 hover:underline dark:text-brand-300"
              >
                Revision {r.revision}
              </Link>
              <RevisionStateBadge state={r.state} />
            </div>
            <p className="text-sm text-slate-900 dark:text-slate-100">{r.summary || <span className="text-slate-600 dark:text-slate-400">No summary</span>}</p>
            <p className="text-xs text-slate-600 dark:text-slate-400">
              {nameOf(r.authorId)} · {formatDateTime(r.createdAt)}
              {r.publishedAt && <> · published {formatDateTime(r.publishedAt)}</>}
            </p>
          </li>
        ))}
      </ul>
    </Card>
  );
}

export default function History({ reference }: { reference: string }) {
  const { org, membership } = useOrg();
  const { search } = useLocation();
  const detail = useArticle(reference);
  const id = detail.data?.value.id;
  const revisions = useResource(id ? () => api.revisions(org.id, id) : null, [org.id, id]);
  if (detail.loading) return <Loading label="Loading article…" />;
  const a = detail.data?.value;
  if (!a) return <ErrorState error={detail.error} onRetry={detail.reload} />;
  const asked = Number(search.get("revision"));
  const list = revisions.data ?? [];
  const selected = list.some((r) => r.revision === asked) ? asked : list[0]?.revision;
  return (
    <div className="space-y-6">
      <ArticleHeader article={a} tab="history" />
      {!revisions.data && !revisions.error ? (
        <Loading label="Loading revisions…" />
      ) : !revisions.data ? (
        <ErrorState error={revisions.error} onRetry={revisions.reload} />
      ) : (
        <div className="grid gap-6 lg:grid-cols-3">
          <RevisionList revisions={list} selected={selected} base={`/${membership.slug}/kb/${a.number}/history`} />
          <div className="lg:col-span-2">{selected !== undefined && <RevisionDetail key={selected} article={a} revision={selected} />}</div>
        </div>
      )}
    </div>
  );
}
