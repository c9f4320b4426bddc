import type { CatalogItemStatus } from "@/lib/api";
import { Badge } from "@/components/ui/Badge";

export const ITEM_STATUS_LABEL: Record<CatalogItemStatus, string> = { draft: "Draft", published: "Published", retired: "Retired" };

const tone: Record<CatalogItemStatus, string> = {
  draft: "bg-slate-50 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600",
  published: "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-100 dark:ring-emerald-800",
  retired: "bg-slate-50 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600",
};

export function ItemStatusBadge({ status }: { status: CatalogItemStatus }) {
  return <Badge className={tone[status]}>{ITEM_STATUS_LABEL[status]}</Badge>;
}
