"use client";
// The knowledge base (module knowledgeBase): home (search and every
// article), a new article, an article's page and its history.

import { api } from "@/lib/api";
import { useOrg } from "@/lib/org";
import { navigate } from "@/lib/router";
import { Card, PageHeader } from "@/components/ui/Card";
import { NotFound } from "@/components/ui/States";
import { ArticleEditor } from "./ArticleEditor";
import ArticleView from "./ArticleView";
import History from "./History";
import KbHome from "./Home";

function NewArticle() {
  const { org, membership } = useOrg();
  return (
    <>
      <PageHeader title="New article" description="It starts as a draft: submit it for review or publish it when it is ready." />
      <Card className="max-w-3xl p-4 sm:p-6">
        <ArticleEditor
          submitLabel="Save draft"
          onSubmit={(draft) => api.createArticle(org.id, draft)}
          onDone={(article) => navigate(`/${membership.slug}/kb/${article.number}`)}
          onCancel={() => navigate(`/${membership.slug}/kb`)}
        />
      </Card>
    </>
  );
}

/** `view`: "", "new", or an article (`KB-7`, `7` or its id); `tab`: "history". */
export default function KnowledgeBase({ view, tab }: { view: string; tab?: string }) {
  if (view === "") return <KbHome />;
  if (view === "new") return <NewArticle />;
  if (tab === "history") return <History key={view} reference={view} />;
  if (tab !== undefined) return <NotFound />;
  return <ArticleView key={view} reference={view} />;
}
