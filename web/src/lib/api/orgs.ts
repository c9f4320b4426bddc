// Organisations: their settings, members, invites, teams and audit log.

import { change, json, orgPath, post, remove, segment, versioned, type Page } from "./client";
import type { AuditEvent, ChainVerification, Invite, Member, Org, Role, Team } from "./types";

const team = (orgId: string, id: string) => `${orgPath(orgId)}/teams/${segment(id)}`;

export const orgs = {
  createOrg: (input: { name: string; slug: string }) => post<Org>("/api/orgs", input),
  org: (orgId: string) => json<Org>(orgPath(orgId)),
  orgBySlug: (slug: string) => json<Org>(`/api/orgs/by-slug/${segment(slug)}`),
  /** Joins the portal of `slug` as a requester (404 when it is not open to the caller's address, 403 while it is unconfirmed). */
  joinPortal: (slug: string) => post<Org>(`/api/orgs/by-slug/${segment(slug)}/join`),
  /** Lets people with a confirmed address at `domain` (the admin's own) join the portal by themselves; `null` stops it. */
  setRequesterSignup: (orgId: string, domain: string | null) => json<Org>(`${orgPath(orgId)}/requester-signup`, { method: "PUT", body: { domain } }),
  setFeatures: (orgId: string, features: Record<string, boolean>) =>
    json<Org>(`${orgPath(orgId)}/features`, { method: "PATCH", body: features }),

  members: (orgId: string) => json<Page<Member>>(`${orgPath(orgId)}/members`),
  updateMember: (orgId: string, userId: string, roles: Role[]) =>
    json<Member>(`${orgPath(orgId)}/members/${segment(userId)}`, { method: "PATCH", body: { roles } }),
  removeMember: (orgId: string, userId: string) => remove(`${orgPath(orgId)}/members/${segment(userId)}`),
  invites: (orgId: string) => json<Page<Invite>>(`${orgPath(orgId)}/invites`),
  invite: (orgId: string, email: string, roles: Role[]) => post<Invite>(`${orgPath(orgId)}/invites`, { email, roles }),
  revokeInvite: (orgId: string, inviteId: string) => remove(`${orgPath(orgId)}/invites/${segment(inviteId)}`),
  resendInvite: (orgId: string, inviteId: string) => post<Invite>(`${orgPath(orgId)}/invites/${segment(inviteId)}/resend`),

  teams: (orgId: string) => json<{ data: Team[] }>(`${orgPath(orgId)}/teams`).then((r) => r.data),
  team: (orgId: string, id: string) => versioned<Team>(team(orgId, id)),
  createTeam: (orgId: string, input: { name: string; description?: string; lead?: string | null; members?: string[] }) =>
    post<Team>(`${orgPath(orgId)}/teams`, input),
  updateTeam: (
    orgId: string,
    id: string,
    etag: string,
    input: { name?: string; description?: string; lead?: string | null; members?: string[] },
  ) => change<Team>(team(orgId, id), etag, input),
  deleteTeam: (orgId: string, id: string) => remove(team(orgId, id)),

  audit: (orgId: string, query: { action?: string; cursor?: string; limit?: number } = {}) =>
    json<Page<AuditEvent>>(`${orgPath(orgId)}/audit`, { query }),
  verifyAudit: (orgId: string) => json<ChainVerification>(`${orgPath(orgId)}/audit/verify`),
};
