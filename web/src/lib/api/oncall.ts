// On-call schedules and escalation policies (everyone reads, admins
// write), and each member's own notification rules.

import { items, json, orgPath, post, remove, segment } from "./client";
import type {
  EscalationPolicy,
  NotificationRules,
  OnCall,
  PolicyDefinition,
  Schedule,
  ScheduleDefinition,
  Shift,
} from "./types";

const schedule = (orgId: string, id: string) => `${orgPath(orgId)}/schedules/${segment(id)}`;
const policy = (orgId: string, id: string) => `${orgPath(orgId)}/escalation-policies/${segment(id)}`;

export const oncall = {
  schedules: (orgId: string) => items(json<{ data: Schedule[] }>(`${orgPath(orgId)}/schedules`)),
  createSchedule: (orgId: string, input: { name: string; definition: ScheduleDefinition }) =>
    post<Schedule>(`${orgPath(orgId)}/schedules`, input),
  updateSchedule: (orgId: string, id: string, input: { name: string; definition: ScheduleDefinition }) =>
    json<Schedule>(schedule(orgId, id), { method: "PUT", body: input }),
  deleteSchedule: (orgId: string, id: string) => remove(schedule(orgId, id)),
  onCall: (orgId: string, id: string, at?: string) => json<OnCall>(`${schedule(orgId, id)}/oncall`, { query: { at } }),
  shifts: (orgId: string, id: string, range: { from?: string; to?: string } = {}) =>
    items(json<{ data: Shift[] }>(`${schedule(orgId, id)}/shifts`, { query: range })),

  policies: (orgId: string) => items(json<{ data: EscalationPolicy[] }>(`${orgPath(orgId)}/escalation-policies`)),
  createPolicy: (orgId: string, input: { name: string; definition: PolicyDefinition }) =>
    post<EscalationPolicy>(`${orgPath(orgId)}/escalation-policies`, input),
  updatePolicy: (orgId: string, id: string, input: { name: string; definition: PolicyDefinition }) =>
    json<EscalationPolicy>(policy(orgId, id), { method: "PUT", body: input }),
  deletePolicy: (orgId: string, id: string) => remove(policy(orgId, id)),

  myNotificationRules: (orgId: string) => json<NotificationRules>(`${orgPath(orgId)}/notification-rules/me`),
  setMyNotificationRules: (orgId: string, rules: NotificationRules) =>
    json<NotificationRules>(`${orgPath(orgId)}/notification-rules/me`, { method: "PUT", body: rules }),
};
