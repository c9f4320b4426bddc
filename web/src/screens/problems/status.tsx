// How a problem's status is shown.

import type { ProblemStatus } from "@/lib/api";
import { titleCase } from "@/lib/format";
import { Badge } from "@/components/ui/Badge";

export const problemStatusLabel = (status: ProblemStatus) => (status === "known_error" ? "Known error" : titleCase(status));

export function ProblemStatusBadge({ status }: { status: ProblemStatus }) {
  const tone = status === "resolved" || status === "closed"
    ? "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-100 dark:ring-emerald-800"
    : status === "known_error"
      ? "bg-violet-50 text-violet-900 ring-violet-200 dark:bg-violet-950 dark:text-violet-100 dark:ring-violet-800"
      : "bg-amber-50 text-amber-900 ring-amber-200 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800";
  return <Badge className={tone}>{problemStatusLabel(status)}</Badge>;
}

