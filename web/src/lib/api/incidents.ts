// Incidents, the dashboard and SLA targets.

import { change, create, json, orgPath, post, segment, versioned, type Page } from "./client";
import { records } from "./records";
import type { Dashboard, Incident, IncidentChange, IncidentFilters, NewIncident, Severity, SlaTarget } from "./types";

/** The path of one incident (by id or number), for the record routes too. */
export const incidentPath = (orgId: string, id: string | number) => `${orgPath(orgId)}/incidents/${segment(id)}`;

export const incidents = {
  incidents: (orgId: string, filters: IncidentFilters = {}) =>
    json<Page<Incident>>(`${orgPath(orgId)}/incidents`, { query: { ...filters } }),
  incident: (orgId: string, id: string | number) => versioned<Incident>(incidentPath(orgId, id)),
  createIncident: (orgId: string, input: NewIncident, idempotencyKey?: string) =>
    create<Incident>(`${orgPath(orgId)}/incidents`, input, idempotencyKey),
  updateIncident: (orgId: string, id: string | number, etag: string, input: IncidentChange) =>
    change<Incident>(incidentPath(orgId, id), etag, input),
  handoff: (orgId: string, id: string | number, to: string, note?: string) =>
    post<Incident>(`${incidentPath(orgId, id)}/handoff`, { to, note: note || null }),
  timeline: (orgId: string, id: string | number) => records.timeline(incidentPath(orgId, id)),
  addNote: (orgId: string, id: string | number, text: string) => records.addNote(incidentPath(orgId, id), text),

  dashboard: (orgId: string, range: { from?: string; to?: string }) =>
    json<Dashboard>(`${orgPath(orgId)}/dashboard`, { query: range }),
  slaTargets: (orgId: string) => json<Record<Severity, SlaTarget>>(`${orgPath(orgId)}/sla-targets`),
  setSlaTargets: (orgId: string, targets: Partial<Record<Severity, SlaTarget>>) =>
    json<Record<Severity, SlaTarget>>(`${orgPath(orgId)}/sla-targets`, { method: "PUT", body: targets }),

  /** The URL of the organisation's server-sent event stream. */
  eventsUrl: (orgId: string) => `${orgPath(orgId)}/events`,
};
