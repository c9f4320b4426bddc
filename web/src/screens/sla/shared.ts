// SLA settings' shared words: how a policy's scope, targets and calendar
// and a calendar's week read in a list.

import type { Calendar, CatalogItem, ItemView, PolicySubject, PolicyTargets, SlaPolicySpec, Span, Team, Week, Weekday } from "@/lib/api";
import { WEEKDAYS } from "@/lib/api";
import { formatDuration } from "@/lib/format";

export const WEEKDAY_LABEL: Record<Weekday, string> = {
  monday: "Monday",
  tuesday: "Tuesday",
  wednesday: "Wednesday",
  thursday: "Thursday",
  friday: "Friday",
  saturday: "Saturday",
  sunday: "Sunday",
};

/** The target rows of a policy's table: priorities for incidents, `default` for the rest (and requests, tasks). */
export const TARGET_KEYS = ["P1", "P2", "P3", "P4", "default"] as const;
export type TargetKey = (typeof TARGET_KEYS)[number];

/** What a policy's `default` targets cover: requests and tasks have no priorities, so it is all of them. */
export const DEFAULT_ROW: Record<PolicySubject, string> = { incident: "Others", request: "Every request", task: "Every task" };

export const PAUSE_LABEL: Record<string, string> = { waiting_on_requester: "waiting on the requester" };

const minutes = (m: number | null | undefined) => (m ? formatDuration(m * 60) : undefined);

/** "response 15m, resolution 4h" (what a priority's targets measure). */
export function targetText(t: PolicyTargets | undefined): string {
  const parts = [minutes(t?.responseMinutes) && `response ${minutes(t?.responseMinutes)}`, minutes(t?.resolutionMinutes) && `resolution ${minutes(t?.resolutionMinutes)}`].filter(Boolean);
  return parts.length ? parts.join(", ") : "nothing measured";
}

/** "P1: response 15m, resolution 4h · Others: …". */
export function targetsSummary(policy: Pick<SlaPolicySpec, "targets" | "appliesTo">): string {
  const keys = TARGET_KEYS.filter((k) => policy.targets[k]);
  return keys.map((k) => `${k === "default" ? DEFAULT_ROW[policy.appliesTo.record] : k}: ${targetText(policy.targets[k])}`).join(" · ");
}

/** What a policy's conditions name, when known. */
export interface Known {
  items?: CatalogItem[];
  /** The service items (module assetManagement). */
  services?: Pick<ItemView, "id" | "name">[];
  teams?: Pick<Team, "id" | "name">[];
}

/** "Incidents of P1, P2 labelled db affecting Checkout" / "Requests for Badge" / "Every request" / "Tasks of Network, Desk for Badge". */
export function scopeSummary(policy: Pick<SlaPolicySpec, "appliesTo">, { items, services, teams }: Known = {}): string {
  const { record, severities = [], labels = [], items: itemIds = [], services: serviceIds = [], teams: teamIds = [] } = policy.appliesTo;
  const itemNames = itemIds.map((id) => items?.find((i) => i.id === id)?.name ?? "an item no longer in the catalogue").join(", ");
  if (record === "request") return itemIds.length ? `Requests for ${itemNames}` : "Every request";
  if (record === "task") {
    const teamNames = teamIds.length ? teamIds.map((id) => (teams ? (teams.find((t) => t.id === id)?.name ?? "a team since deleted") : "…")).join(", ") : "every team";
    return `Tasks of ${teamNames}${itemIds.length ? ` for ${itemNames}` : ""}`;
  }
  const parts = ["Incidents"];
  parts.push(severities.length ? `of ${severities.join(", ")}` : "of any severity");
  if (labels.length) parts.push(`labelled ${labels.join(" or ")}`);
  if (serviceIds.length)
    parts.push(
      services
        ? `affecting ${serviceIds.map((id) => services.find((s) => s.id === id)?.name ?? "a service no longer among the assets").join(" or ")}`
        : `affecting ${serviceIds.length} service${serviceIds.length === 1 ? "" : "s"}`,
    );
  return parts.join(" ");
}

export function calendarName(id: string | null | undefined, calendars: Calendar[] | undefined): string {
  if (!id) return "Round the clock (24/7)";
  const calendar = calendars?.find((c) => c.id === id);
  return calendar ? `${calendar.name} (${calendar.timeZone.replace(/_/g, " ")})` : "…";
}

const spansText = (spans: Span[] | undefined) => (spans?.length ? spans.map((s) => `${s.from}–${s.to}`).join(", ") : "closed");

/** "Mon–Fri 09:00–17:00 · Sat, Sun closed": days with the same hours together. */
export function weekSummary(week: Week): string {
  const groups: { days: Weekday[]; text: string }[] = [];
  for (const day of WEEKDAYS) {
    const text = spansText(week[day]);
    const last = groups.at(-1);
    if (last && last.text === text) last.days.push(day);
    else groups.push({ days: [day], text });
  }
  const short = (d: Weekday) => WEEKDAY_LABEL[d].slice(0, 3);
  return groups.map((g) => `${g.days.length > 2 ? `${short(g.days[0])}–${short(g.days.at(-1)!)}` : g.days.map(short).join(", ")} ${g.text}`).join(" · ");
}
