// The knowledge base (module knowledgeBase): articles and their
// revisions, postmortems with their action items, and search over
// articles, known errors and incidents.

import { ApiError, change, create, json, orgPath, segment, versioned, type Page } from "./client";
import type {
  ActionItem,
  Approval,
  ActionItemChange,
  Article,
  ArticleChange,
  ArticleStatus,
  Decision,
  FollowUps,
  KbSettings,
  NewActionItem,
  NewArticle,
  PromoteTo,
  Revision,
  RevisionDiff,
  SearchKind,
  SearchResult,
} from "./types";

/** The path of one article (by id, `7` or `KB-7`), for the record routes too. */
export const articlePath = (orgId: string, id: string) => `${orgPath(orgId)}/kb/articles/${segment(id)}`;
const actionItemPath = (orgId: string, article: string, item: string) => `${articlePath(orgId, article)}/action-items/${segment(item)}`;

export interface KbSearch {
  q?: string;
  kind?: SearchKind[];
  tag?: string;
  /** `all` words (default) or `any` (suggestions). */
  match?: "all" | "any";
  /** Only the articles shown on the portal (always so for requesters). */
  portal?: boolean;
  limit?: number;
}

export const knowledge = {
  articles: (orgId: string, query: { cursor?: string; limit?: number } = {}) =>
    json<Page<Article>>(`${orgPath(orgId)}/kb/articles`, { query }),
  article: (orgId: string, id: string) => versioned<Article>(articlePath(orgId, id)),
  createArticle: (orgId: string, input: NewArticle, idempotencyKey?: string) =>
    create<Article>(`${orgPath(orgId)}/kb/articles`, input, idempotencyKey),
  updateArticle: (orgId: string, id: string, etag: string, input: ArticleChange) =>
    change<Article>(articlePath(orgId, id), etag, input),
  /** Moves an article (`published` also publishes its latest revision). */
  moveArticle: (orgId: string, id: string, etag: string, status: ArticleStatus) =>
    versioned<Article>(`${articlePath(orgId, id)}/status`, { method: "POST", body: { status }, headers: { "If-Match": etag } }),
  revisions: (orgId: string, id: string) =>
    json<{ data: Revision[] }>(`${articlePath(orgId, id)}/revisions`).then((r) => r.data),
  revision: (orgId: string, id: string, revision: number) => json<Revision>(`${articlePath(orgId, id)}/revisions/${revision}`),
  /** Line diff of `revision` against `against` (by default the one before it). */
  revisionDiff: (orgId: string, id: string, revision: number, against?: number) =>
    json<RevisionDiff>(`${articlePath(orgId, id)}/revisions/${revision}/diff`, { query: { against } }),
  /** Searches (`q`, words as prefixes), or the newest published articles without `q`. */
  searchKb: (orgId: string, { q, kind, tag, match, portal, limit }: KbSearch = {}) =>
    json<{ data: SearchResult[] }>(`${orgPath(orgId)}/kb`, { query: { q, kind: kind?.join(","), tag, match, portal: portal ? "true" : undefined, limit } }).then((r) => r.data),
  /** Writes the postmortem of a resolved incident (or answers the one it has). */
  writePostmortem: (orgId: string, incident: string) => json<Article>(`${orgPath(orgId)}/kb/postmortems`, { method: "POST", body: { incident } }),
  postmortemOf: (orgId: string, incident: string) => versioned<Article>(`${orgPath(orgId)}/kb/postmortems/${segment(incident)}`),
  /** A postmortem's action items, oldest first. */
  actionItems: (orgId: string, article: string) =>
    json<{ data: ActionItem[] }>(`${articlePath(orgId, article)}/action-items`).then((r) => r.data),
  addActionItem: (orgId: string, article: string, input: NewActionItem) =>
    json<ActionItem>(`${articlePath(orgId, article)}/action-items`, { method: "POST", body: input }),
  /** Changes an action item against its `version` (`null` clears owner or due date). */
  updateActionItem: (orgId: string, article: string, item: Pick<ActionItem, "id" | "version">, input: ActionItemChange) =>
    change<ActionItem>(actionItemPath(orgId, article, item.id), `"${item.version}"`, input).then((r) => r.value),
  /** Makes the item a problem or a change (409 when it became one already, 422 when that module is off). */
  promoteActionItem: (orgId: string, article: string, item: string, to: PromoteTo) =>
    json<ActionItem>(`${actionItemPath(orgId, article, item)}/promote`, { method: "POST", body: { to } }),
  /** Open action items past due and resolved P1/P2 incidents without a published postmortem. */
  followUps: (orgId: string) => json<FollowUps>(`${orgPath(orgId)}/kb/follow-ups`),
  /** The postmortem template and the review step (`null`: articles are published without one). */
  kbSettings: (orgId: string) => json<KbSettings>(`${orgPath(orgId)}/kb/settings`),
  /** Sets them (admins; 422 names fields such as `postmortemTemplate[1].title`). */
  setKbSettings: (orgId: string, settings: KbSettings) => json<KbSettings>(`${orgPath(orgId)}/kb/settings`, { method: "PUT", body: settings }),
  /** The article's latest review, or `null` when it was never submitted for one. */
  articleApproval: (orgId: string, id: string) =>
    json<Approval>(`${articlePath(orgId, id)}/approval`).catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }),
  /** Approves or rejects the article's open review (approved: published; rejected: a draft goes back to draft). */
  voteOnArticle: (orgId: string, id: string, decision: Decision, comment: string) =>
    versioned<Article>(`${articlePath(orgId, id)}/votes`, { method: "POST", body: { decision, comment } }),
};
