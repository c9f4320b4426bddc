// What the change screens share: labels, badges, the viewer's-zone window
// fields, and the tabs across the module.

import type { ChangeRecord, ChangeStatus, ChangeType, ChangeWindow } from "@/lib/api";
import { formatDateTime, titleCase } from "@/lib/format";
import { useOrg } from "@/lib/org";
import { Link } from "@/lib/router";
import { Badge } from "@/components/ui/Badge";
import { cx } from "@/components/ui/cx";
import { TabNav } from "@/components/ui/TabNav";

export const changeStatusLabel = (status: ChangeStatus) => titleCase(status);

export const TYPE_LABEL: Record<ChangeType, string> = {
  standard: "Standard (pre-approved)",
  normal: "Normal",
  emergency: "Emergency",
};

export function ChangeStatusBadge({ status }: { status: ChangeStatus }) {
  const tone =
    status === "approved" || status === "scheduled" || status === "completed" || status === "closed"
      ? "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-100 dark:ring-emerald-800"
      : status === "rejected" || status === "failed" || status === "cancelled"
        ? "bg-red-50 text-red-800 ring-red-200 dark:bg-red-950 dark:text-red-200 dark:ring-red-800"
        : "bg-amber-50 text-amber-900 ring-amber-200 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800";
  return <Badge className={tone}>{changeStatusLabel(status)}</Badge>;
}

export function RiskBadge({ risk }: { risk: ChangeRecord["risk"] }) {
  const tone = risk === "high" ? "bg-red-50 text-red-800 ring-red-200" : risk === "medium" ? "bg-amber-50 text-amber-900 ring-amber-200" : "bg-slate-50 text-slate-700 ring-slate-300";
  return <Badge className={cx(tone, "dark:bg-slate-800 dark:text-slate-100")}>{titleCase(risk)} risk</Badge>;
}

/** A window in the viewer's zone: "1 Mar 2027, 23:00 → 2 Mar 2027, 02:00". */
export function formatWindow(window: ChangeWindow | null | undefined): string {
  return window ? `${formatDateTime(window.start)} → ${formatDateTime(window.end)}` : "Not planned";
}

/** `datetime-local` value (the viewer's zone) of an ISO instant, and back. */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  const local = new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

export function fromLocalInput(value: string): string | undefined {
  return value ? new Date(value).toISOString() : undefined;
}

export function ChangeTabs() {
  const { membership, isAdmin } = useOrg();
  const base = `/${membership.slug}/changes`;
  const tabs = [
    { href: base, label: "All changes" },
    { href: `${base}/awaiting`, label: "Awaiting my approval" },
    { href: `${base}/calendar`, label: "Calendar" },
    ...(isAdmin ? [{ href: `${base}/settings`, label: "Settings" }] : []),
  ];
  return <TabNav label="Changes" tabs={tabs} />;
}

/** One change in a list. */
export function ChangeRow({ change }: { change: ChangeRecord }) {
  const { membership } = useOrg();
  return (
    <li className="flex flex-wrap items-center gap-2 px-4 py-3">
      <span className="font-mono text-sm text-slate-700 dark:text-slate-300">{change.number}</span>
      <Link href={`/${membership.slug}/changes/${change.number}`} className="font-medium text-slate-900 hover:underline dark:text-white">
        {change.title}
      </Link>
      <ChangeStatusBadge status={change.status} />
      <RiskBadge risk={change.risk} />
      <span className="text-sm text-slate-600 dark:text-slate-400">
        {titleCase(change.type)} · {formatWindow(change.window)}
      </span>
      {change.conflicts.length > 0 && <span className="text-sm font-medium text-amber-800 dark:text-amber-200">⚠ {change.conflicts.length} conflict(s)</span>}
    </li>
  );
}
