"use client";
// An article's page: its status with the moves it allows (a 409 says why
// one is refused), the text with an editor (each save of title or body is
// a new revision, with a summary; a postmortem's beside its incident's
// timeline), its review (when the organisation reviews articles: submitted
// instead of published, approved or rejected by its approvers), a
// postmortem's action items, links and timeline.

import { useState, type ReactNode } from "react";
import { api, ApiError, articlePath, type Article, type ArticleStatus, type Decision, type Versioned } from "@/lib/api";
import { Markdown } from "@/lib/markdown";
import { useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { Alert, ErrorAlert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { ErrorState, Loading } from "@/components/ui/States";
import { ApprovalPanel } from "@/components/records/ApprovalPanel";
import { LinksPanel } from "@/components/records/LinksPanel";
import { RecordActivity } from "@/components/records/RecordActivity";
import { ActionItems } from "./ActionItems";
import { ArticleEditor } from "./ArticleEditor";
import { ArticleHeader } from "./ArticleHeader";
import { BesideIncidentTimeline } from "./IncidentTimelineAside";

interface Move {
  to: ArticleStatus;
  label: string;
}

/**
 * The moves the server allows from the article's status. With `review`
 * on, nothing is published directly: it is submitted for review instead
 * (and not again while a review is open).
 */
export function movesOf(a: Article, review = false, reviewOpen = false): Move[] {
  switch (a.status) {
    case "draft":
      return review
        ? [{ to: "in_review", label: "Submit for review" }]
        : [
            { to: "in_review", label: "Submit for review" },
            { to: "published", label: "Publish" },
          ];
    case "in_review":
      return [...(review ? [] : [{ to: "published" as const, label: "Publish" }]), { to: "draft", label: "Back to draft" }];
    case "published": {
      const newer = a.publishedRevision != null && a.revision > a.publishedRevision;
      const publish: Move[] = !newer ? [] : review ? (reviewOpen ? [] : [{ to: "in_review", label: `Submit revision ${a.revision} for review` }]) : [{ to: "published", label: `Publish revision ${a.revision}` }];
      return [...publish, { to: "retired", label: "Retire" }];
    }
    case "retired":
      return [{ to: "draft", label: "Back to draft" }];
  }
}

export function useArticle(ref: string) {
  const { org } = useOrg();
  return useResource<Versioned<Article>>(() => api.article(org.id, ref), [org.id, ref]);
}

/** A postmortem of an incident is written with the incident's timeline beside it. */
function EditorFor({ article, children }: { article: Article; children: ReactNode }) {
  if (article.kind !== "postmortem" || !article.incidentId) return <>{children}</>;
  return <BesideIncidentTimeline incidentId={article.incidentId}>{children}</BesideIncidentTimeline>;
}

export default function ArticleView({ reference }: { reference: string }) {
  const { org } = useOrg();
  const detail = useArticle(reference);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [stale, setStale] = useState(false);
  const [voteError, setVoteError] = useState<unknown>();
  // Whether the organisation reviews articles (unknown: the old moves, and the server's 409 says why).
  const settings = useResource(() => api.kbSettings(org.id), [org.id]);
  const approval = useResource(() => api.articleApproval(org.id, reference), [org.id, reference]);

  if (detail.loading) return <Loading label="Loading article…" />;
  const a = detail.data?.value;
  if (!a) return <ErrorState error={detail.error} onRetry={detail.reload} />;

  const move = async (to: ArticleStatus) => {
    setBusy(true);
    setError(undefined);
    try {
      detail.setData(await api.moveArticle(org.id, a.id, detail.data!.etag, to));
      if (to === "in_review" || to === "draft") void approval.reload();
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) setStale(true);
      else setError(e);
    } finally {
      setBusy(false);
    }
  };
  const vote = async (decision: Decision, comment: string) => {
    setBusy(true);
    setVoteError(undefined);
    try {
      detail.setData(await api.voteOnArticle(org.id, a.id, decision, comment));
    } catch (e) {
      setVoteError(e);
    } finally {
      setBusy(false);
      void approval.reload();
    }
  };
  const review = !!settings.data?.review;
  const reviewOpen = approval.data?.status === "pending";
  const newer = a.status === "published" && a.publishedRevision != null && a.revision > a.publishedRevision;
  const base = articlePath(org.id, a.id);

  return (
    <article className="space-y-6">
      <ArticleHeader article={a} tab="article" />
      {stale && (
        <Alert tone="warning" title="This article changed meanwhile" action={<Button size="sm" onClick={() => (setStale(false), void detail.reload())}>Reload</Button>}>
          Someone else saved it since you opened it; reload to see their change, then try again.
        </Alert>
      )}
      <ErrorAlert error={error} />
      {newer && (
        <Alert tone="info" title={`Revision ${a.revision} is not published yet`}>
          Readers still see revision {a.publishedRevision} until {review ? "a review approves this one" : "you publish this one"}.
        </Alert>
      )}
      {!editing && (
        <div className="flex flex-wrap gap-2" role="group" aria-label="Article status">
          {movesOf(a, review, reviewOpen).map((m, i) => (
            <Button key={m.label} variant={i === 0 ? "primary" : "secondary"} disabled={busy} onClick={() => void move(m.to)}>
              {m.label}
            </Button>
          ))}
          <Button variant="secondary" disabled={busy} onClick={() => (setError(undefined), setEditing(true))}>
            Edit
          </Button>
        </div>
      )}
      {approval.data && (
        <ApprovalPanel title="Review" approval={approval.data} busy={busy} onVote={(decision, comment) => void vote(decision, comment)}>
          {voteError ? <ErrorAlert error={voteError} /> : undefined}
        </ApprovalPanel>
      )}
      {editing ? (
        <EditorFor article={a}>
          <Card className="p-4 sm:p-6">
            <ArticleEditor
              editing
              initial={{ title: a.title, body: a.body, tags: a.tags, visibility: a.visibility }}
              submitLabel="Save"
              onSubmit={(draft) => api.updateArticle(org.id, a.id, detail.data!.etag, draft)}
              onDone={(saved) => {
                detail.setData(saved);
                setEditing(false);
              }}
              onCancel={() => setEditing(false)}
            />
          </Card>
        </EditorFor>
      ) : (
        <Card className="p-4 text-slate-900 sm:p-6 dark:text-slate-100">
          {a.body.trim() ? <Markdown source={a.body} /> : <p className="text-sm text-slate-600 dark:text-slate-400">No text yet.</p>}
        </Card>
      )}
      {a.kind === "postmortem" && <ActionItems articleId={a.id} />}
      <Card>
        <CardHeader title="Links" description="Incidents, problems, changes and other articles this one relates to." />
        <div className="p-4">
          <LinksPanel base={base} />
        </div>
      </Card>
      <RecordActivity base={base} version={a.version} />
    </article>
  );
}
