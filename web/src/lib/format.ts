// Formatting of times, durations and labels shown across the app.

import type { IncidentStatus, Role, Severity, SlaMetric } from "./api";

/** "45s", "12m", "3h 5m", "2d 4h" — the two most significant units. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 60) return `${s}s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours}h ${minutes % 60}m` : `${hours}h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days}d ${hours % 24}h` : `${days}d`;
}

export function formatSeconds(seconds: number | null | undefined): string {
  return seconds === null || seconds === undefined ? "—" : formatDuration(seconds);
}

export function formatPercent(pct: number | null | undefined): string {
  return pct === null || pct === undefined ? "—" : `${Math.round(pct * 10) / 10}%`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : "—";
}

const date = new Intl.DateTimeFormat(undefined, { dateStyle: "long" });

/** "25 November 2025" (in the reader's locale). */
export function formatDate(iso: string | null | undefined): string {
  return iso ? date.format(new Date(iso)) : "—";
}

const day = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });

/** A calendar day (`YYYY-MM-DD`, a due date) as "15 Jan 2025", the same day in every time zone. */
export function formatDay(yyyyMmDd: string | null | undefined): string {
  return yyyyMmDd ? day.format(new Date(`${yyyyMmDd}T00:00:00Z`)) : "—";
}

/** "3m ago", "in 2h", "just now". */
export function formatRelative(iso: string, now = Date.now()): string {
  const diff = (new Date(iso).getTime() - now) / 1000;
  if (Math.abs(diff) < 45) return "just now";
  return diff < 0 ? `${formatDuration(-diff)} ago` : `in ${formatDuration(diff)}`;
}

/** Today's date (UTC) as YYYY-MM-DD, shifted by whole days. */
export function utcDay(offsetDays = 0, from = new Date()): string {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate() + offsetDays));
  return d.toISOString().slice(0, 10);
}

export const STATUS_LABEL: Record<IncidentStatus, string> = {
  open: "Open",
  acknowledged: "Acknowledged",
  investigating: "Investigating",
  resolved: "Resolved",
};

export const METRIC_LABEL: Record<SlaMetric, string> = { response: "Response", resolution: "Resolution" };

export const SEVERITY_LABEL: Record<Severity, string> = {
  P1: "P1 · Critical",
  P2: "P2 · High",
  P3: "P3 · Moderate",
  P4: "P4 · Low",
};

export const ROLE_LABEL: Record<Role, string> = {
  admin: "Admin",
  member: "Member",
  oncall: "On-call",
  requester: "Requester",
};

/** What each role may do, in a sentence (the members page). */
export const ROLE_HINT: Record<Role, string> = {
  admin: "Manages the organisation, its members and settings",
  member: "Works on incidents, problems, changes and requests",
  oncall: "Takes on-call shifts and pages",
  requester: "Asks through the portal; no seat",
};

export function titleCase(key: string): string {
  const spaced = key.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ");
  return spaced.charAt(0).toUpperCase() + spaced.slice(1).toLowerCase();
}

export const SOURCE_LABEL: Record<string, string> = {
  ui: "the web app",
  api: "the API",
  email: "email",
  webhook: "a webhook",
};
