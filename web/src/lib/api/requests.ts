// Requests raised from the catalogue (module requestFulfillment): the
// requester's own and every one for agents, their approval votes, their
// fulfilment tasks and the teams' task queue.

import { create, json, orgPath, segment, versioned, type Page } from "./client";
import { records } from "./records";
import type { Answers, Decision, QueuedTask, RequestStatus, ServiceRequest, TaskChange, TaskStatus } from "./types";

/** The path of one request (by id, `REQ-3` or `3`), for the record routes too. */
export const requestPath = (orgId: string, id: string | number) => `${orgPath(orgId)}/requests/${segment(id)}`;

export interface RequestFilters {
  status?: RequestStatus | "";
  item?: string;
  /** Only the caller's own (always so for requesters). */
  mine?: boolean;
  cursor?: string;
  limit?: number;
}

export interface TaskQueueFilters {
  team?: string;
  mine?: boolean;
  status?: TaskStatus | "";
}

export const requests = {
  requests: (orgId: string, { mine, ...filters }: RequestFilters = {}) =>
    json<Page<ServiceRequest>>(`${orgPath(orgId)}/requests`, { query: { ...filters, mine: mine ? "true" : undefined } }),
  request: (orgId: string, id: string | number) => versioned<ServiceRequest>(requestPath(orgId, id)),
  /** Raises a request; a 422 names the wrong answers by JSON pointer (`/answers/laptop/model`). */
  createRequest: (orgId: string, input: { item: string; answers: Answers }, idempotencyKey?: string) =>
    create<ServiceRequest>(`${orgPath(orgId)}/requests`, input, idempotencyKey),
  voteOnRequest: (orgId: string, id: string, decision: Decision, comment: string) =>
    versioned<ServiceRequest>(`${requestPath(orgId, id)}/votes`, { method: "POST", body: { decision, comment } }),
  /** Cancels (its requester, or an agent) or fulfils (an agent, once no task is left). */
  moveRequest: (orgId: string, id: string, etag: string, status: "cancelled" | "fulfilled") =>
    versioned<ServiceRequest>(`${requestPath(orgId, id)}/status`, { method: "POST", body: { status }, headers: { "If-Match": etag } }),
  /** Moves or assigns one task (agents); the request's new state is the answer. */
  updateTask: (orgId: string, id: string, taskId: string, change: TaskChange) =>
    versioned<ServiceRequest>(`${requestPath(orgId, id)}/tasks/${segment(taskId)}`, { method: "PATCH", body: change }),
  /** The tasks still to do (or in `status`), of a team or the caller's own. */
  taskQueue: (orgId: string, { mine, ...filters }: TaskQueueFilters = {}) =>
    json<{ data: QueuedTask[] }>(`${orgPath(orgId)}/requests/tasks`, { query: { ...filters, mine: mine ? "true" : undefined } }).then((r) => r.data),
  requestTimeline: (orgId: string, id: string) => records.timeline(requestPath(orgId, id)).then((r) => r.data),
  addRequestComment: (orgId: string, id: string, text: string) => records.addNote(requestPath(orgId, id), text),
};
