// Changes, their approvals, the calendar, freezes and the change policy
// (module changeManagement).

import { change, create, json, orgPath, post, remove, segment, versioned, type Page } from "./client";
import type { FailureRate, ChangeChange, ChangePolicy, ChangeRecord, ChangeStatus, Freeze, NewChange, NewFreeze, Decision, Incident, Severity } from "./types";

export const changePath = (orgId: string, id: string | number) => `${orgPath(orgId)}/changes/${segment(id)}`;

export interface ChangeFilters {
  status?: ChangeStatus | "";
  /** With `to`: changes whose window overlaps the range. */
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

export const changes = {
  changes: (orgId: string, filters: ChangeFilters = {}) => json<Page<ChangeRecord>>(`${orgPath(orgId)}/changes`, { query: { ...filters } }),
  change: (orgId: string, id: string | number) => versioned<ChangeRecord>(changePath(orgId, id)),
  createChange: (orgId: string, input: NewChange, idempotencyKey?: string) =>
    create<ChangeRecord>(`${orgPath(orgId)}/changes`, input, idempotencyKey),
  updateChange: (orgId: string, id: string | number, etag: string, input: ChangeChange) =>
    change<ChangeRecord>(changePath(orgId, id), etag, input),
  submitChange: (orgId: string, id: string | number) => versioned<ChangeRecord>(`${changePath(orgId, id)}/submit`, { method: "POST" }),
  voteOnChange: (orgId: string, id: string | number, decision: Decision, comment: string) =>
    versioned<ChangeRecord>(`${changePath(orgId, id)}/votes`, { method: "POST", body: { decision, comment } }),
  moveChange: (orgId: string, id: string | number, etag: string, status: ChangeStatus) =>
    versioned<ChangeRecord>(`${changePath(orgId, id)}/status`, { method: "POST", body: { status }, headers: { "If-Match": etag } }),
  openCausedIncident: (orgId: string, id: string | number, severity: Severity) =>
    post<Incident>(`${changePath(orgId, id)}/incidents`, { severity }),
  awaitingMyApproval: (orgId: string) => json<{ data: ChangeRecord[] }>(`${orgPath(orgId)}/changes/awaiting-my-approval`).then((r) => r.data),
  recentChanges: (orgId: string, incident: string) =>
    json<{ data: ChangeRecord[] }>(`${orgPath(orgId)}/changes/recent`, { query: { incident } }).then((r) => r.data),
  changePolicy: (orgId: string) => versioned<ChangePolicy & { version: number }>(`${orgPath(orgId)}/changes/policy`),
  setChangePolicy: (orgId: string, etag: string, policy: ChangePolicy) =>
    versioned<ChangePolicy & { version: number }>(`${orgPath(orgId)}/changes/policy`, { method: "PUT", body: policy, headers: { "If-Match": etag } }),
  changeFailureRate: (orgId: string, range: { from: string; to: string }) => json<FailureRate>(`${orgPath(orgId)}/changes/failure-rate`, { query: range }),
  freezes: (orgId: string, range: { from?: string; to?: string } = {}) =>
    json<{ data: Freeze[] }>(`${orgPath(orgId)}/changes/freezes`, { query: range }).then((r) => r.data),
  createFreeze: (orgId: string, input: NewFreeze) => post<Freeze>(`${orgPath(orgId)}/changes/freezes`, input),
  deleteFreeze: (orgId: string, id: string) => remove(`${orgPath(orgId)}/changes/freezes/${segment(id)}`),
};
