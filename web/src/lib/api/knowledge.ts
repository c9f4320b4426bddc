// The knowledge base (module knowledgeBase).

import { change, create, json, orgPath, segment, versioned, type Page } from "./client";
import type { Article } from "./types";

export const articlePath = (orgId: string, id: string) => `${orgPath(orgId)}/kb/articles/${segment(id)}`;

export const knowledge = {
  articles: (orgId: string, query: { cursor?: string; limit?: number } = {}) =>
    json<Page<Article>>(`${orgPath(orgId)}/kb/articles`, { query }),
  article: (orgId: string, id: string) => versioned<Article>(articlePath(orgId, id)),
  createArticle: (orgId: string, input: { title: string; body: string }, idempotencyKey?: string) =>
    create<Article>(`${orgPath(orgId)}/kb/articles`, input, idempotencyKey),
  updateArticle: (orgId: string, id: string, etag: string, input: { title?: string; body?: string }) =>
    change<Article>(articlePath(orgId, id), etag, input),
};
