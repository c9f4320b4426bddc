"use client";
// One catalogue item: what it is, its form (react-jsonschema-form, loaded
// with this page only), and beside it the help articles matching its name.
// The server checks the answers; a wrong one comes back as a 422 naming it
// by JSON pointer, shown beside its field.

import { useState } from "react";
import { api, ApiError, type Answers, type CatalogItem, type SearchResult, type Versioned } from "@/lib/api";
import { answerErrors } from "@/lib/answers";
import { Markdown } from "@/lib/markdown";
import { useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { Link, navigate, useDocumentTitle } from "@/lib/router";
import { Alert, ErrorAlert } from "@/components/ui/Alert";
import { Badge } from "@/components/ui/Badge";
import { Button, ButtonLink } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { ErrorState, Loading } from "@/components/ui/States";
import { LazyJsonSchemaForm } from "@/components/forms/LazyJsonSchemaForm";
import { Snippet } from "@/screens/kb/shared";
import { formatTarget } from "@/screens/requests/shared";
import { ItemIcon } from "./shared";

function newKey(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** Portal articles whose words match the item's name (#18: a request form shows the articles for its item). */
function HelpForItem({ item }: { item: CatalogItem }) {
  const { org, membership } = useOrg();
  const found = useResource<SearchResult[]>(
    org.features.knowledgeBase ? () => api.searchKb(org.id, { q: item.name, kind: ["article"], match: "any", portal: true, limit: 5 }) : null,
    [org.id, item.name, org.features.knowledgeBase],
  );
  if (!org.features.knowledgeBase) return null;
  return (
    <Card>
      <CardHeader title="Help articles" description="These may answer your question without a request." />
      <div className="p-4" aria-live="polite">
        {!found.data ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{found.error ? "Could not look for articles." : "Looking…"}</p>
        ) : found.data.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No articles about “{item.name}”.</p>
        ) : (
          <ul aria-label="Help articles for this item" className="space-y-3">
            {found.data.map((r) => (
              <li key={r.id} className="text-sm">
                <Link
                  href={`/${membership.slug}/portal/help/${r.number}`}
                  target="_blank"
                  rel="noopener"
                  className="font-medium text-brand-700 hover:underline dark:text-brand-300"
                >
                  {r.title}
                  <span className="sr-only"> (opens in a new tab)</span>
                </Link>
                {r.snippet.length > 0 && r.snippet.map((p) => p.text).join("") !== r.title && (
                  <p className="mt-0.5 text-slate-700 dark:text-slate-300">
                    <Snippet pieces={r.snippet} />
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}

function RequestForm({ item }: { item: CatalogItem }) {
  const { org, membership } = useOrg();
  const [answers, setAnswers] = useState<Answers>({});
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>();
  // One key per form: a retried submit cannot raise the request twice (a 422 is not kept against it).
  const [idempotencyKey] = useState(newKey);
  const problem = error instanceof ApiError ? error.problem : undefined;
  const fields = answerErrors(problem?.errors);
  const itemError = error instanceof ApiError ? error.fieldError("item") : undefined;

  async function submit(given: Answers) {
    setPending(true);
    setError(undefined);
    try {
      const created = await api.createRequest(org.id, { item: item.id, answers: given }, idempotencyKey);
      navigate(`/${membership.slug}/portal/requests/${created.number}?raised=1`);
    } catch (e) {
      setError(e);
      setPending(false);
    }
  }

  return (
    <Card>
      <CardHeader title="Your request" description={item.needsApproval ? "It is approved first, then fulfilled." : undefined} />
      <div className="space-y-4 p-4">
        {fields.count > 0 ? (
          <Alert tone="error" title="Some answers need a change">
            {fields.count === 1 ? "See the field marked below." : `See the ${fields.count} fields marked below.`}
          </Alert>
        ) : itemError ? (
          <Alert tone="error">{itemError}</Alert>
        ) : (
          <ErrorAlert error={error} />
        )}
        <LazyJsonSchemaForm
          schema={item.form}
          answers={answers}
          onChange={setAnswers}
          onSubmit={(given) => void submit(given)}
          errors={fields.count ? fields.tree : undefined}
          disabled={pending}
        >
          <div className="flex flex-wrap gap-3 border-t border-slate-200 pt-4 dark:border-slate-700">
            <Button type="submit" pending={pending}>
              Submit request
            </Button>
            <ButtonLink href={`/${membership.slug}/portal`} variant="secondary">
              Cancel
            </ButtonLink>
          </div>
        </LazyJsonSchemaForm>
      </div>
    </Card>
  );
}

export default function ItemPage({ itemId }: { itemId: string }) {
  const { org, membership } = useOrg();
  const detail = useResource<Versioned<CatalogItem>>(() => api.catalogItem(org.id, itemId), [org.id, itemId]);
  const item = detail.data?.value;
  useDocumentTitle(item?.name);
  if (detail.loading) return <Loading label="Loading the item…" />;
  if (!item) return <ErrorState error={detail.error} onRetry={detail.reload} />;
  const target = formatTarget(item.targetMinutes);
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/${membership.slug}/portal`} className="text-brand-700 hover:underline dark:text-brand-300">
          ← Service catalogue
        </Link>
      </nav>
      <header className="flex gap-4">
        <ItemIcon icon={item.icon} size="lg" />
        <div className="min-w-0 space-y-1">
          <h1 className="text-2xl font-bold tracking-tight text-slate-900 dark:text-white">{item.name}</h1>
          <p className="flex flex-wrap gap-2">
            {item.needsApproval && (
              <Badge className="bg-amber-50 text-amber-900 ring-amber-200 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800">Needs approval</Badge>
            )}
            {target && <Badge className="bg-slate-50 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600">{target}</Badge>}
            {item.status !== "published" && (
              <Badge className="bg-slate-50 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600">Not published</Badge>
            )}
          </p>
        </div>
      </header>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {item.description.trim() && (
            <Card className="p-4 text-slate-900 dark:text-slate-100">
              <Markdown source={item.description} />
            </Card>
          )}
          {item.status === "published" ? (
            <RequestForm item={item} />
          ) : (
            <Alert tone="info">This item is not published, so it cannot be requested.</Alert>
          )}
        </div>
        <div className="h-fit space-y-6">
          <HelpForItem item={item} />
        </div>
      </div>
    </div>
  );
}
