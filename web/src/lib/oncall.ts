// Time zone arithmetic for on-call schedules (wall times in the schedule's
// zone, instants in UTC) with nothing but Intl, and the labels the
// notification screens share.

import type { DeliveryStatus, IntegrationChannel, PersonalChannel, Rotation } from "./api";

/** A sensible choice of zones; the browser's own is added when missing. */
export const TIME_ZONES = [
  "UTC",
  "Europe/London",
  "Europe/Dublin",
  "Europe/Lisbon",
  "Europe/Berlin",
  "Europe/Paris",
  "Europe/Amsterdam",
  "Europe/Madrid",
  "Europe/Rome",
  "Europe/Zurich",
  "Europe/Stockholm",
  "Europe/Warsaw",
  "Europe/Athens",
  "Europe/Helsinki",
  "Europe/Istanbul",
  "Africa/Johannesburg",
  "Asia/Dubai",
  "Asia/Kolkata",
  "Asia/Singapore",
  "Asia/Shanghai",
  "Asia/Tokyo",
  "Australia/Sydney",
  "Pacific/Auckland",
  "America/Sao_Paulo",
  "America/New_York",
  "America/Toronto",
  "America/Chicago",
  "America/Denver",
  "America/Phoenix",
  "America/Los_Angeles",
  "America/Anchorage",
  "Pacific/Honolulu",
];

export function timeZoneChoices(current?: string): string[] {
  const local = typeof Intl !== "undefined" ? Intl.DateTimeFormat().resolvedOptions().timeZone : undefined;
  const zones = [...TIME_ZONES];
  for (const zone of [local, current]) if (zone && !zones.includes(zone)) zones.push(zone);
  return zones;
}

const partsFormat = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string) {
  let f = partsFormat.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormat.set(timeZone, f);
  }
  return f;
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The wall time in `timeZone` at an instant (ms). */
export function wallTime(timeZone: string, instant: number): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour % 24, minute: parts.minute };
}

function offsetAt(timeZone: string, instant: number): number {
  const w = wallTime(timeZone, instant);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return asUtc - Math.floor(instant / 60_000) * 60_000;
}

/** The instant (ms) of a wall time in `timeZone` (the later reading of a DST gap). */
export function zonedInstant(timeZone: string, w: WallTime): number {
  const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  const first = guess - offsetAt(timeZone, guess);
  const second = guess - offsetAt(timeZone, first);
  return second;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "2026-01-05T09:00" (for datetime-local inputs) of a wall time. */
export function wallString(w: WallTime): string {
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

export function parseWall(value: string): WallTime | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return undefined;
  return { year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5] };
}

/** A UTC instant (RFC 3339) as a datetime-local value in `timeZone`. */
export function utcToLocalInput(timeZone: string, iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? "" : wallString(wallTime(timeZone, t));
}

/** A datetime-local value in `timeZone` as a UTC instant (RFC 3339), or "" when incomplete. */
export function localInputToUtc(timeZone: string, value: string): string {
  const w = parseWall(value);
  return w ? new Date(zonedInstant(timeZone, w)).toISOString().replace(/\.000Z$/, "Z") : "";
}

export interface Day {
  /** "2026-11-23" in the schedule's zone. */
  key: string;
  label: string;
  start: number;
  end: number;
}

/** Seven local days in `timeZone`, from the one containing `now`. */
export function weekDays(timeZone: string, now = Date.now()): Day[] {
  const today = wallTime(timeZone, now);
  const days: Day[] = [];
  for (let i = 0; i < 7; i++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + i));
    const next = new Date(Date.UTC(today.year, today.month - 1, today.day + i + 1));
    const w = (d: Date): WallTime => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0 });
    days.push({
      key: date.toISOString().slice(0, 10),
      label: new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" }).format(date),
      start: zonedInstant(timeZone, w(date)),
      end: zonedInstant(timeZone, w(next)),
    });
  }
  return days;
}

/** "09:00" in `timeZone`. */
export function clockIn(timeZone: string, instant: number): string {
  const w = wallTime(timeZone, instant);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

export function rotationLabel(rotation: Rotation): string {
  if (rotation.type === "daily") return "Daily";
  if (rotation.type === "weekly") return "Weekly";
  return `Every ${rotation.hours} h`;
}

export const CHANNEL_LABEL: Record<string, string> = {
  email: "Email",
  sms: "SMS",
  slack: "Slack",
  pagerduty: "PagerDuty",
  webhook: "Webhook",
};

export const INTEGRATION_CHANNELS: IntegrationChannel[] = ["slack", "sms", "pagerduty"];
export const PERSONAL_CHANNELS: PersonalChannel[] = ["email", "sms"];

export const DELIVERY_STATUS_LABEL: Record<DeliveryStatus, string> = {
  pending: "Pending",
  delivered: "Delivered",
  dead: "Dead",
  cancelled: "Cancelled",
};

export const EVENT_TYPE_LABEL: Record<string, string> = {
  "*": "All events",
  "incident.triggered": "Incident triggered",
  "incident.escalated": "Incident escalated",
  "incident.acknowledged": "Incident acknowledged",
  "incident.resolved": "Incident resolved",
};
