// Incident lifecycle rules as the server enforces them, for the UI to offer
// only moves that can succeed.

import type { Incident, IncidentStatus } from "./api";

export const TRANSITIONS: Record<IncidentStatus, IncidentStatus[]> = {
  open: ["acknowledged", "investigating", "resolved"],
  acknowledged: ["investigating", "resolved"],
  investigating: ["resolved"],
  resolved: ["open"],
};

export const TRANSITION_LABEL: Record<IncidentStatus, string> = {
  acknowledged: "Acknowledge",
  investigating: "Start investigating",
  resolved: "Resolve",
  open: "Reopen",
};

export interface SlaClock {
  label: string;
  /** Seconds left (negative when overdue); null when the step is done. */
  secondsLeft: number | null;
  /** For a finished step: whether it met its target. */
  met?: boolean;
  /** How long the finished step took. */
  tookSeconds?: number;
}

function clock(label: string, dueAt: string, doneAt: string | null | undefined, startedAt: string, now: number): SlaClock {
  const due = new Date(dueAt).getTime();
  if (doneAt) {
    const done = new Date(doneAt).getTime();
    return { label, secondsLeft: null, met: done <= due, tookSeconds: (done - new Date(startedAt).getTime()) / 1000 };
  }
  return { label, secondsLeft: (due - now) / 1000 };
}

export function slaClocks(incident: Incident, now = Date.now()): SlaClock[] {
  return [
    clock("Acknowledge", incident.acknowledgeDueAt, incident.acknowledgedAt, incident.createdAt, now),
    clock("Resolve", incident.resolveDueAt, incident.resolvedAt, incident.createdAt, now),
  ];
}

export const EVENT_TYPES = [
  "incident.created",
  "incident.acknowledged",
  "incident.status_changed",
  "incident.resolved",
  "incident.reopened",
  "incident.note_added",
  "incident.assigned",
  "incident.handoff",
  "incident.severity_changed",
  "incident.updated",
] as const;

export interface IncidentEvent {
  incidentId: string;
  type: string;
  data: { number: number; title: string; severity: string; status: string; version: number };
}
