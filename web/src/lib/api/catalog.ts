// The service catalogue (module serviceCatalog): what may be requested,
// by category; admins manage items (form, approval, fulfilment plan) and
// categories.

import { json, orgPath, post, remove, segment, versioned } from "./client";
import type { Catalog, CatalogCategory, CatalogItem, CatalogItemInput, CatalogItemStatus, CategoryInput, JsonSchema } from "./types";

const itemPath = (orgId: string, id: string) => `${orgPath(orgId)}/catalog/items/${segment(id)}`;
const categoryPath = (orgId: string, id: string) => `${orgPath(orgId)}/catalog/categories/${segment(id)}`;

export const catalog = {
  /** The published items the caller may request, and every category. */
  catalog: (orgId: string) => json<Catalog>(`${orgPath(orgId)}/catalog`),
  /** Every item, drafts and retired ones too (admins). */
  catalogItems: (orgId: string, status?: CatalogItemStatus) =>
    json<{ data: CatalogItem[] }>(`${orgPath(orgId)}/catalog/items`, { query: { status } }).then((r) => r.data),
  catalogItem: (orgId: string, id: string) => versioned<CatalogItem>(itemPath(orgId, id)),
  /** Creates a draft (admins). */
  createCatalogItem: (orgId: string, input: CatalogItemInput) =>
    versioned<CatalogItem>(`${orgPath(orgId)}/catalog/items`, { method: "POST", body: input }),
  /** Replaces an item against `etag`; a changed form becomes its next version. */
  replaceCatalogItem: (orgId: string, id: string, etag: string, input: CatalogItemInput) =>
    versioned<CatalogItem>(itemPath(orgId, id), { method: "PUT", body: input, headers: { "If-Match": etag } }),
  /** Publishes, withdraws (back to draft) or retires an item. */
  moveCatalogItem: (orgId: string, id: string, etag: string, status: CatalogItemStatus) =>
    versioned<CatalogItem>(`${itemPath(orgId, id)}/status`, { method: "POST", body: { status }, headers: { "If-Match": etag } }),
  /** One version of an item's form. */
  catalogForm: (orgId: string, id: string, version: number) => json<JsonSchema>(`${itemPath(orgId, id)}/forms/${version}`),
  createCategory: (orgId: string, input: CategoryInput) => post<CatalogCategory>(`${orgPath(orgId)}/catalog/categories`, input),
  updateCategory: (orgId: string, id: string, input: CategoryInput) =>
    json<CatalogCategory>(categoryPath(orgId, id), { method: "PATCH", body: input }),
  deleteCategory: (orgId: string, id: string) => remove(categoryPath(orgId, id)),
};
