// Configuration items, their relationships, impact, types, import and
// export (module assetManagement).

import { ApiError, change, create, json, orgPath, post, problemOf, remove, segment, versioned, type Page } from "./client";
import type { ImpactView, ImportReport, ItemRecords, ItemType, ItemView, NewItem, ItemChange, Relationship } from "./types";

export const itemPath = (orgId: string, id: string | number) => `${orgPath(orgId)}/assets/${segment(id)}`;

export interface ItemFilters {
  type?: string;
  status?: string;
  q?: string;
  cursor?: string;
  limit?: number;
}

export const assets = {
  items: (orgId: string, filters: ItemFilters = {}) => json<Page<ItemView>>(`${orgPath(orgId)}/assets`, { query: { ...filters } }),
  item: (orgId: string, id: string | number) => versioned<ItemView>(itemPath(orgId, id)),
  createItem: (orgId: string, input: NewItem, idempotencyKey?: string) => create<ItemView>(`${orgPath(orgId)}/assets`, input, idempotencyKey),
  updateItem: (orgId: string, id: string | number, etag: string, input: ItemChange) => change<ItemView>(itemPath(orgId, id), etag, input),
  relationships: (orgId: string, id: string) => json<{ data: Relationship[] }>(`${itemPath(orgId, id)}/relationships`).then((r) => r.data),
  relate: (orgId: string, id: string, relation: string, to: string) => post<Relationship>(`${itemPath(orgId, id)}/relationships`, { relation, to }),
  unrelate: (orgId: string, id: string, relationshipId: string) => remove(`${itemPath(orgId, id)}/relationships/${segment(relationshipId)}`),
  impact: (orgId: string, id: string, direction: "upstream" | "downstream", depth = 10, limit = 100) =>
    json<ImpactView>(`${itemPath(orgId, id)}/impact`, { query: { direction, depth, limit } }),
  itemRecords: (orgId: string, id: string) => json<ItemRecords>(`${itemPath(orgId, id)}/records`),
  itemTypes: (orgId: string) => json<{ data: ItemType[] }>(`${orgPath(orgId)}/assets/types`).then((r) => r.data),
  putItemType: (orgId: string, key: string, input: { name: string; schema: unknown }) =>
    json<ItemType>(`${orgPath(orgId)}/assets/types/${segment(key)}`, { method: "PUT", body: input }),
  /** Imports a CSV file; a 422 (invalid rows, nothing written) still answers with the report. */
  importItems: async (orgId: string, csv: string, options: { dryRun?: boolean; skipInvalid?: boolean }): Promise<ImportReport> => {
    const query = new URLSearchParams();
    if (options.dryRun) query.set("dryRun", "true");
    if (options.skipInvalid) query.set("skipInvalid", "true");
    const response = await fetch(`${orgPath(orgId)}/assets/import?${query}`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "text/csv", Accept: "application/json" },
      body: csv,
    });
    if (response.ok || response.status === 422) return (await response.json()) as ImportReport;
    throw new ApiError(await problemOf(response));
  },
  exportUrl: (orgId: string) => `${orgPath(orgId)}/assets/export`,
};
