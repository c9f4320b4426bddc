"use client";

import { useState, type FormEvent } from "react";
import { api, ApiError } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { Markdown } from "@/lib/markdown";
import { useMemberName, useOrg } from "@/lib/org";
import { useAction, useResource } from "@/lib/resource";
import { Link, navigate } from "@/lib/router";
import { Alert } from "@/components/ui/Alert";
import { Button, ButtonLink } from "@/components/ui/Button";
import { Card, PageHeader } from "@/components/ui/Card";
import { TextField } from "@/components/ui/Field";
import { EmptyState, ErrorState, Loading } from "@/components/ui/States";
import { MarkdownEditor } from "@/components/MarkdownEditor";

function ArticleList() {
  const { org, membership } = useOrg();
  const articles = useResource(() => api.articles(org.id).then((p) => p.data), [org.id]);
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
                <Link href={`/${membership.slug}/kb/${a.id}`} className="font-medium text-slate-900 hover:underline dark:text-white">
                  {a.title}
                </Link>
                <p className="text-sm text-slate-600 dark:text-slate-400">Updated {formatDateTime(a.updatedAt)}</p>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}

function NewArticle() {
  const { org, membership } = useOrg();
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const create = useAction(() => api.createArticle(org.id, { title: title.trim(), body }));
  const problem = create.error instanceof ApiError ? create.error : undefined;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const article = await create.run();
    if (article) navigate(`/${membership.slug}/kb/${article.id}`);
  };
  return (
    <>
      <PageHeader title="New article" />
      <Card className="max-w-3xl p-4 sm:p-6">
        <form onSubmit={submit} className="space-y-4" noValidate>
          {problem && !problem.problem.errors?.length && <Alert tone="error">{problem.problem.detail}</Alert>}
          <TextField label="Title" value={title} onChange={(e) => setTitle(e.target.value)} error={problem?.fieldError("title")} required />
          <MarkdownEditor label="Body" value={body} onChange={setBody} rows={12} error={problem?.fieldError("body")} />
          <div className="flex gap-3">
            <Button type="submit" pending={create.pending}>
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
  const a = article.data;
  return (
    <article className="space-y-4">
      <Link href={`/${membership.slug}/kb`} className="text-sm text-brand-700 hover:underline dark:text-brand-300">
        ← Knowledge base
      </Link>
      <PageHeader title={a.title} description={`By ${nameOf(a.authorId)} · updated ${formatDateTime(a.updatedAt)}`} />
      <Card className="p-4 text-slate-900 sm:p-6 dark:text-slate-100">
        <Markdown source={a.body} />
      </Card>
    </article>
  );
}

export default function KnowledgeBase({ view }: { view: string }) {
  if (view === "") return <ArticleList />;
  if (view === "new") return <NewArticle />;
  return <ArticleView id={view} />;
}
