"use client";

import { useState } from "react";
import { api, articlePath } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { Markdown } from "@/lib/markdown";
import { useMemberName, useOrg } from "@/lib/org";
import { useForm } from "@/lib/form";
import { usePages } from "@/lib/pages";
import { useResource } from "@/lib/resource";
import { Link, navigate } from "@/lib/router";
import { FormError } from "@/components/ui/Alert";
import { Button, ButtonLink } from "@/components/ui/Button";
import { Card, PageHeader } from "@/components/ui/Card";
import { TextField } from "@/components/ui/Field";
import { EmptyState, ErrorState, LoadMore, Loading } from "@/components/ui/States";
import { MarkdownEditor } from "@/components/MarkdownEditor";
import { LinksPanel } from "@/components/records/LinksPanel";

function ArticleList() {
  const { org, membership } = useOrg();
  const articles = usePages((cursor) => api.articles(org.id, { cursor }), [org.id]);
  const newHref = `/${membership.slug}/kb/new`;
  return (
    <>
      <PageHeader title="Knowledge base" description="Runbooks and how-tos for your team." actions={<ButtonLink href={newHref}>New article</ButtonLink>} />
      {articles.loading ? (
        <Loading label="Loading articles…" />
      ) : !articles.data ? (
        <ErrorState error={articles.error} onRetry={articles.reload} />
      ) : articles.data.length === 0 ? (
        <Card>
          <EmptyState title="No articles yet" action={<ButtonLink href={newHref}>Write the first article</ButtonLink>}>
            Write down what your team learns while fixing incidents.
          </EmptyState>
        </Card>
      ) : (
        <Card>
          <ul className="divide-y divide-slate-200 dark:divide-slate-700">
            {articles.data.map((a) => (
              <li key={a.id} className="px-4 py-3">
                <span className="mr-2 font-mono text-sm text-slate-700 dark:text-slate-300">{a.number}</span>
                <Link href={`/${membership.slug}/kb/${a.id}`} className="font-medium text-slate-900 hover:underline dark:text-white">
                  {a.title}
                </Link>
                <p className="text-sm text-slate-600 dark:text-slate-400">Updated {formatDateTime(a.updatedAt)}</p>
              </li>
            ))}
          </ul>
          <LoadMore pages={articles} label="Load more articles" />
        </Card>
      )}
    </>
  );
}

function NewArticle() {
  const { org, membership } = useOrg();
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const form = useForm(
    () => api.createArticle(org.id, { title: title.trim(), body }),
    (article) => navigate(`/${membership.slug}/kb/${article.id}`),
  );
  return (
    <>
      <PageHeader title="New article" />
      <Card className="max-w-3xl p-4 sm:p-6">
        <form onSubmit={form.onSubmit} className="space-y-4" noValidate>
          <FormError form={form} />
          <TextField label="Title" value={title} onChange={(e) => setTitle(e.target.value)} error={form.fieldError("title")} required />
          <MarkdownEditor label="Body" value={body} onChange={setBody} rows={12} error={form.fieldError("body")} />
          <div className="flex gap-3">
            <Button type="submit" pending={form.pending}>
              Publish
            </Button>
            <ButtonLink href={`/${membership.slug}/kb`} variant="secondary">
              Cancel
            </ButtonLink>
          </div>
        </form>
      </Card>
    </>
  );
}

function ArticleView({ id }: { id: string }) {
  const { org, membership } = useOrg();
  const nameOf = useMemberName();
  const article = useResource(() => api.article(org.id, id), [org.id, id]);
  if (article.loading) return <Loading label="Loading article…" />;
  if (!article.data) return <ErrorState error={article.error} onRetry={article.reload} />;
  const a = article.data.value;
  return (
    <article className="space-y-4">
      <Link href={`/${membership.slug}/kb`} className="text-sm text-brand-700 hover:underline dark:text-brand-300">
        ← Knowledge base
      </Link>
      <PageHeader title={a.title} description={`${a.number} · by ${nameOf(a.authorId)} · updated ${formatDateTime(a.updatedAt)}`} />
      <Card className="p-4 text-slate-900 sm:p-6 dark:text-slate-100">
        <Markdown source={a.body} />
      </Card>
      <Card className="p-4">
        <h2 className="mb-3 text-base font-semibold text-slate-900 dark:text-white">Links</h2>
        <LinksPanel base={articlePath(org.id, a.id)} />
      </Card>
    </article>
  );
}

export default function KnowledgeBase({ view }: { view: string }) {
  if (view === "") return <ArticleList />;
  if (view === "new") return <NewArticle />;
  return <ArticleView id={view} />;
}
