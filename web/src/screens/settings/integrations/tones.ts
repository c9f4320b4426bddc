// The badge colours of the integrations screen: a channel's state and a
// delivery's status.

import type { DeliveryStatus } from "@/lib/api";

export const successTone = "bg-emerald-50 text-emerald-800 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-100 dark:ring-emerald-800";
export const neutralTone = "bg-slate-50 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600";
const deadTone = "bg-red-50 text-red-800 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800";
const pendingTone = "bg-amber-50 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800";

export const STATUS_TONE: Record<DeliveryStatus, string> = {
  pending: pendingTone,
  delivered: successTone,
  dead: deadTone,
  cancelled: neutralTone,
};
