import type { IncidentStatus, Severity } from "@/lib/api";
import { STATUS_LABEL } from "@/lib/format";
import { cx } from "./cx";

export function Badge({ className, children }: { className?: string; children: React.ReactNode }) {
  return (
    <span className={cx("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset", className)}>
      {children}
    </span>
  );
}

const severityTone: Record<Severity, string> = {
  P1: "bg-red-50 text-red-800 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800",
  P2: "bg-orange-50 text-orange-800 ring-orange-300 dark:bg-orange-950 dark:text-orange-200 dark:ring-orange-800",
  P3: "bg-yellow-50 text-yellow-900 ring-yellow-300 dark:bg-yellow-950 dark:text-yellow-100 dark:ring-yellow-800",
  P4: "bg-slate-50 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600",
};

const statusTone: Record<IncidentStatus, string> = {
  open: "bg-red-50 text-red-800 ring-red-200 dark:bg-red-950 dark:text-red-200 dark:ring-red-800",
  acknowledged: "bg-amber-50 text-amber-900 ring-amber-200 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800",
  investigating: "bg-sky-50 text-sky-900 ring-sky-200 dark:bg-sky-950 dark:text-sky-100 dark:ring-sky-800",
  resolved: "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-100 dark:ring-emerald-800",
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <Badge className={severityTone[severity]}>
      <span className="sr-only">Severity </span>
      {severity}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: IncidentStatus }) {
  return <Badge className={statusTone[status]}>{STATUS_LABEL[status]}</Badge>;
}
