// Problems and known errors (module problemManagement).

import { change, create, json, orgPath, segment, versioned, type Page } from "./client";
import type { NewProblem, ProblemChange, ProblemRecord, ProblemStatus } from "./types";

export const problemPath = (orgId: string, id: string | number) => `${orgPath(orgId)}/problems/${segment(id)}`;

export interface ProblemFilters {
  status?: ProblemStatus | "";
  knownError?: boolean;
  q?: string;
  /** Known errors for this incident (id or number). */
  incident?: string;
  cursor?: string;
  limit?: number;
}

export const problems = {
  problems: (orgId: string, filters: ProblemFilters = {}) =>
    json<Page<ProblemRecord>>(`${orgPath(orgId)}/problems`, {
      query: { ...filters, knownError: filters.knownError ? "true" : undefined },
    }),
  problem: (orgId: string, id: string | number) => versioned<ProblemRecord>(problemPath(orgId, id)),
  createProblem: (orgId: string, input: NewProblem, idempotencyKey?: string) =>
    create<ProblemRecord>(`${orgPath(orgId)}/problems`, input, idempotencyKey),
  updateProblem: (orgId: string, id: string | number, etag: string, input: ProblemChange) =>
    change<ProblemRecord>(problemPath(orgId, id), etag, input),
};
