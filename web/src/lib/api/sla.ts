// SLA management (module slaManagement): business-hours calendars and
// policies (admins write them), and a record's clocks (agents).

import { json, orgPath, post, remove, segment, versioned } from "./client";
import type { Calendar, CalendarSpec, SlaClockView, SlaCompliance, SlaPolicy, SlaPolicySpec } from "./types";

const calendarPath = (orgId: string, id: string) => `${orgPath(orgId)}/calendars/${segment(id)}`;
const policyPath = (orgId: string, id: string) => `${orgPath(orgId)}/sla-policies/${segment(id)}`;

export const sla = {
  calendars: (orgId: string) => json<{ data: Calendar[] }>(`${orgPath(orgId)}/calendars`).then((r) => r.data),
  calendar: (orgId: string, id: string) => versioned<Calendar>(calendarPath(orgId, id)),
  /** Writes a calendar (admins; 422s name fields such as `timeZone`, `week.tuesday`, `holidays[1]`). */
  createCalendar: (orgId: string, spec: CalendarSpec) => versioned<Calendar>(`${orgPath(orgId)}/calendars`, { method: "POST", body: spec }),
  replaceCalendar: (orgId: string, id: string, etag: string, spec: CalendarSpec) =>
    versioned<Calendar>(calendarPath(orgId, id), { method: "PUT", body: spec, headers: { "If-Match": etag } }),
  /** Deletes a calendar (409 naming a policy that counts by it). */
  deleteCalendar: (orgId: string, id: string) => remove(calendarPath(orgId, id)),

  /** Every policy, in the order they are tried. */
  slaPolicies: (orgId: string) => json<{ data: SlaPolicy[] }>(`${orgPath(orgId)}/sla-policies`).then((r) => r.data),
  slaPolicy: (orgId: string, id: string) => versioned<SlaPolicy>(policyPath(orgId, id)),
  /** Writes a policy, tried after the others (admins). */
  createSlaPolicy: (orgId: string, spec: SlaPolicySpec) => versioned<SlaPolicy>(`${orgPath(orgId)}/sla-policies`, { method: "POST", body: spec }),
  /** Replaces a policy against `etag`: new records follow it; running clocks keep theirs until re-applied. */
  replaceSlaPolicy: (orgId: string, id: string, etag: string, spec: SlaPolicySpec) =>
    versioned<SlaPolicy>(policyPath(orgId, id), { method: "PUT", body: spec, headers: { "If-Match": etag } }),
  /** Gives the policy's running clocks its current targets, keeping the time they counted; answers how many. */
  reapplySlaPolicy: (orgId: string, id: string) => post<{ clocks: number }>(`${policyPath(orgId, id)}/reapply`),
  /** Over the clocks started in the last `days` (1–365, UTC days): anyone who may view incidents. */
  slaCompliance: (orgId: string, days: number) => json<SlaCompliance>(`${orgPath(orgId)}/sla-policies/compliance`, { query: { days } }),

  /** A record's clocks (`base`: the incident's or request's path), each with its explanation. */
  recordSla: (base: string) => json<{ data: SlaClockView[] }>(`${base}/sla`).then((r) => r.data),
};
