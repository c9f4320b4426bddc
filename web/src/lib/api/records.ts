// What every record has, whatever its kind: a timeline (notes on it),
// links to other records and to things outside. `base` is the record's
// path: `/api/orgs/{orgId}/incidents/42`.

import { json, post, remove, segment } from "./client";
import type { ExternalLink, Link, LinkRelation, TimelineEntry } from "./types";

export const records = {
  timeline: (base: string) => json<{ data: TimelineEntry[] }>(`${base}/timeline`),
  addNote: (base: string, text: string) => post<TimelineEntry>(`${base}/timeline`, { text }),
  links: (base: string) => json<{ data: Link[] }>(`${base}/links`).then((r) => r.data),
  link: (base: string, relation: LinkRelation, to: string) => post<Link>(`${base}/links`, { relation, to }),
  unlink: (base: string, linkId: string) => remove(`${base}/links/${segment(linkId)}`),
  externalLinks: (base: string) => json<{ data: ExternalLink[] }>(`${base}/external-links`).then((r) => r.data),
  addExternalLink: (base: string, input: { system: string; url: string; key?: string; title?: string }) =>
    post<ExternalLink>(`${base}/external-links`, input),
  removeExternalLink: (base: string, linkId: string) => remove(`${base}/external-links/${segment(linkId)}`),
};
