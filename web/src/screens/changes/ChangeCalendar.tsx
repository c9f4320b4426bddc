"use client";
// The change calendar: a week or a month, in the viewer's time zone, with
// each day's changes (conflicts marked) and freezes.

import { useMemo, useState } from "react";
import { api, type ChangeRecord, type Freeze } from "@/lib/api";
import { useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { Link } from "@/lib/router";
import { Button } from "@/components/ui/Button";
import { Card, PageHeader } from "@/components/ui/Card";
import { cx } from "@/components/ui/cx";
import { ErrorState, Loading } from "@/components/ui/States";
import { ChangeTabs } from "./shared";

type Span = "week" | "month";

/** Midnight (local) of the first day shown, for `anchor`. */
function firstDay(anchor: Date, span: Span): Date {
  if (span === "month") return new Date(anchor.getFullYear(), anchor.getMonth(), 1);
  const day = new Date(anchor.getFullYear(), anchor.getMonth(), anchor.getDate());
  const weekday = (day.getDay() + 6) % 7; // Monday first
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() - weekday);
}

function days(first: Date, span: Span): Date[] {
  const count = span === "week" ? 7 : new Date(first.getFullYear(), first.getMonth() + 1, 0).getDate();
  return Array.from({ length: count }, (_, i) => new Date(first.getFullYear(), first.getMonth(), first.getDate() + i));
}

const overlaps = (start: string, end: string, from: Date, to: Date) => new Date(start) < to && new Date(end) > from;
const dayLabel = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short" });
const rangeLabel = new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric" });

export default function ChangeCalendar() {
  const { org, membership } = useOrg();
  const [span, setSpan] = useState<Span>("week");
  const [anchor, setAnchor] = useState(() => new Date());
  const shown = useMemo(() => days(firstDay(anchor, span), span), [anchor, span]);
  const from = shown[0];
  const to = new Date(shown[shown.length - 1].getTime() + 86_400_000);
  const range = { from: from.toISOString(), to: to.toISOString() };
  const data = useResource(
    () => Promise.all([api.changes(org.id, { ...range, limit: 100 }).then((p) => p.data), api.freezes(org.id, range)]),
    [org.id, range.from, range.to],
  );
  const move = (steps: number) =>
    setAnchor((a) => (span === "week" ? new Date(a.getFullYear(), a.getMonth(), a.getDate() + 7 * steps) : new Date(a.getFullYear(), a.getMonth() + steps, 1)));
  const [changes, freezes]: [ChangeRecord[], Freeze[]] = data.data ?? [[], []];
  return (
    <>
      <PageHeader title="Change calendar" description="Planned windows in your time zone, with freezes and conflicts." />
      <ChangeTabs />
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <Button variant="secondary" size="sm" onClick={() => move(-1)} aria-label={`Previous ${span}`}>
          ←
        </Button>
        <Button variant="secondary" size="sm" onClick={() => setAnchor(new Date())}>
          Today
        </Button>
        <Button variant="secondary" size="sm" onClick={() => move(1)} aria-label={`Next ${span}`}>
          →
        </Button>
        <span className="text-sm font-medium text-slate-900 dark:text-white" aria-live="polite">
          {span === "month" ? rangeLabel.format(from) : `${dayLabel.format(from)} – ${dayLabel.format(shown[6])}`}
        </span>
        <div className="ml-auto flex gap-1" role="group" aria-label="Calendar span">
          {(["week", "month"] as Span[]).map((s) => (
            <Button key={s} size="sm" variant={span === s ? "primary" : "secondary"} aria-pressed={span === s} onClick={() => setSpan(s)}>
              {s === "week" ? "Week" : "Month"}
            </Button>
          ))}
        </div>
      </div>
      {data.loading ? (
        <Loading label="Loading the calendar…" />
      ) : !data.data ? (
        <ErrorState error={data.error} onRetry={data.reload} />
      ) : (
        <Card>
          <ol className={cx("grid gap-px bg-slate-200 dark:bg-slate-700", span === "week" ? "grid-cols-1 sm:grid-cols-7" : "grid-cols-2 sm:grid-cols-7")} aria-label="Calendar days">
            {shown.map((day) => {
              const end = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1);
              const todays = changes.filter((c) => c.window && overlaps(c.window.start, c.window.end, day, end));
              const frozen = freezes.filter((f) => overlaps(f.window.start, f.window.end, day, end));
              return (
                <li key={day.toISOString()} className={cx("min-h-24 space-y-1 p-2 text-xs", frozen.length ? "bg-sky-50 dark:bg-sky-950" : "bg-white dark:bg-slate-900")} aria-label={dayLabel.format(day)}>
                  <p className="font-semibold text-slate-700 dark:text-slate-300">{dayLabel.format(day)}</p>
                  {frozen.map((f) => (
                    <p key={f.id} className="rounded bg-sky-200 px-1 text-sky-950 dark:bg-sky-800 dark:text-sky-50">
                      ❄ Freeze: {f.name}
                    </p>
                  ))}
                  {todays.map((c) => (
                    <Link key={c.id} href={`/${membership.slug}/changes/${c.number}`} className="block rounded bg-brand-50 px-1 text-brand-900 hover:underline dark:bg-brand-900 dark:text-brand-50">
                      {c.conflicts.length > 0 && <span title="Conflicts with another change">⚠ </span>}
                      {c.number} {c.title} ({c.status})
                    </Link>
                  ))}
                </li>
              );
            })}
          </ol>
        </Card>
      )}
    </>
  );
}
