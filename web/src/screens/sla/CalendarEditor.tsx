"use client";
// A business-hours calendar's editor (admins): its name and IANA time
// zone, each weekday's hours (several spans for a split day, none:
// closed), holidays (once, or the same day every year) and exceptions
// (a date with other hours, or closed). Saved with If-Match; deleting one
// a policy counts by is refused (409, naming the policy).

import { useMemo, useRef, useState, type ReactNode } from "react";
import { api, ApiError, WEEKDAYS, type Calendar, type CalendarSpec, type Weekday } from "@/lib/api";
import { useForm } from "@/lib/form";
import { timeZoneChoices } from "@/lib/oncall";
import { useOrg } from "@/lib/org";
import { useAction } from "@/lib/resource";
import { navigate } from "@/lib/router";
import { Alert, ErrorAlert, FormError } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { inputClass, SelectField, TextField } from "@/components/ui/Field";
import { cx } from "@/components/ui/cx";
import { EditorPage, type EditorProps } from "./EditorPage";
import { WEEKDAY_LABEL } from "./shared";

interface SpanDraft {
  key: number;
  from: string;
  to: string;
}

interface HolidayDraft {
  key: number;
  name: string;
  repeats: "once" | "yearly";
  /** YYYY-MM-DD, once. */
  date: string;
  /** MM-DD, every year. */
  everyYear: string;
}

interface ExceptionDraft {
  key: number;
  date: string;
  spans: SpanDraft[];
}

interface Draft {
  name: string;
  timeZone: string;
  week: Record<Weekday, SpanDraft[]>;
  holidays: HolidayDraft[];
  exceptions: ExceptionDraft[];
}

const FIELDS = ["name", "timeZone", "week", "holidays", "exceptions"] as const;
const WORKDAYS: Weekday[] = ["monday", "tuesday", "wednesday", "thursday", "friday"];

/** Every IANA zone the browser knows (a short list where it cannot say). */
function allZones(current: string): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.("timeZone");
  const zones = supported?.length ? [...supported] : timeZoneChoices(current);
  if (!zones.includes("UTC")) zones.push("UTC");
  return zones;
}

/** "HH:MM" moved by `hours`, at most "24:00". */
function later(time: string, hours: number): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!m) return "";
  const minutes = Math.min(24 * 60, Number(m[1]) * 60 + Number(m[2]) + hours * 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

function SpansEditor({
  label,
  spans,
  onChange,
  newKey,
  error,
  closedText = "Closed",
}: {
  label: string;
  spans: SpanDraft[];
  onChange: (spans: SpanDraft[]) => void;
  newKey: () => number;
  error?: string;
  closedText?: string;
}) {
  const add = () => {
    const last = spans.at(-1);
    const from = last ? last.to : "09:00";
    onChange([...spans, { key: newKey(), from, to: last ? later(from, 4) : "17:00" }]);
  };
  return (
    <div>
      <ul className="flex flex-wrap items-center gap-x-4 gap-y-2" aria-label={`${label} hours`}>
        {spans.map((span, i) => (
          <li key={span.key} className="flex items-center gap-1.5">
            <input
              className={cx(inputClass, "w-20 text-center", error && "border-red-500 dark:border-red-400")}
              aria-label={`${label} ${i + 1}: from`}
              placeholder="09:00"
              inputMode="numeric"
              value={span.from}
              onChange={(e) => onChange(spans.map((s, j) => (j === i ? { ...s, from: e.target.value } : s)))}
            />
            <span aria-hidden="true" className="text-slate-600 dark:text-slate-400">
              –
            </span>
            <input
              className={cx(inputClass, "w-20 text-center", error && "border-red-500 dark:border-red-400")}
              aria-label={`${label} ${i + 1}: to`}
              placeholder="17:00"
              inputMode="numeric"
              value={span.to}
              onChange={(e) => onChange(spans.map((s, j) => (j === i ? { ...s, to: e.target.value } : s)))}
            />
            <Button size="sm" variant="ghost" onClick={() => onChange(spans.filter((_, j) => j !== i))} aria-label={`Remove ${label} ${i + 1}`}>
              ✕
            </Button>
          </li>
        ))}
        {spans.length === 0 && <li className="text-sm text-slate-600 dark:text-slate-400">{closedText}</li>}
        <li>
          <Button size="sm" variant="secondary" onClick={add} aria-label={`Add hours to ${label}`}>
            + Hours
          </Button>
        </li>
      </ul>
      {error && <p className="mt-1 text-sm text-red-700 dark:text-red-300">{error}</p>}
    </div>
  );
}

/** A card listing rows (holidays, exceptions), each with its fields, a
 * remove button and its error, and a button adding one. */
function RowsCard<R extends { key: number }>({
  title,
  description,
  noun,
  rows,
  errorAt,
  onRemove,
  onAdd,
  addLabel,
  gap,
  render,
}: {
  title: string;
  description: string;
  /** "holiday": labels "Holiday 1", "Remove holiday 1". */
  noun: string;
  rows: R[];
  errorAt: (i: number) => string | undefined;
  onRemove: (i: number) => void;
  onAdd: () => void;
  addLabel: string;
  gap: string;
  render: (row: R, i: number) => ReactNode;
}) {
  const label = noun[0].toUpperCase() + noun.slice(1);
  return (
    <Card>
      <CardHeader title={title} description={description} />
      <div className="space-y-3 p-4">
        {rows.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">No {noun}s.</p>}
        <ol className="space-y-3" aria-label={title}>
          {rows.map((row, i) => {
            const error = errorAt(i);
            return (
              <li key={row.key} className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
                <fieldset className={cx("flex flex-wrap items-end", gap)}>
                  <legend className="sr-only">
                    {label} {i + 1}
                  </legend>
                  {render(row, i)}
                  <Button size="sm" variant="ghost" className="mb-1" onClick={() => onRemove(i)} aria-label={`Remove ${noun} ${i + 1}`}>
                    Remove
                  </Button>
                </fieldset>
                {error && <p className="mt-1 text-sm text-red-700 dark:text-red-300">{error}</p>}
              </li>
            );
          })}
        </ol>
        <Button size="sm" variant="secondary" onClick={onAdd}>
          {addLabel}
        </Button>
      </div>
    </Card>
  );
}

function CalendarEditor({ saved, onSaved, onReload }: EditorProps<Calendar>) {
  const { org, membership } = useOrg();
  const calendar = saved?.value;
  const nextKey = useRef(0);
  const newKey = () => nextKey.current++;
  const spansOf = (spans: { from: string; to: string }[] | undefined) => (spans ?? []).map((s) => ({ key: newKey(), from: s.from, to: s.to }));
  const [draft, setDraft] = useState<Draft>(() => {
    const week = {} as Draft["week"];
    for (const day of WEEKDAYS) week[day] = calendar ? spansOf(calendar.week[day]) : WORKDAYS.includes(day) ? spansOf([{ from: "09:00", to: "17:00" }]) : [];
    return {
      name: calendar?.name ?? "",
      timeZone: calendar?.timeZone ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"),
      week,
      holidays: (calendar?.holidays ?? []).map((h) => ({ key: newKey(), name: h.name, repeats: h.everyYear ? "yearly" : "once", date: h.date ?? "", everyYear: h.everyYear ?? "" })),
      exceptions: (calendar?.exceptions ?? []).map((e) => ({ key: newKey(), date: e.date, spans: spansOf(e.spans) })),
    };
  });
  const zones = useMemo(() => allZones(draft.timeZone), [draft.timeZone]);
  const [stale, setStale] = useState(false);
  const base = `/${membership.slug}/settings/sla-policies`;

  const spec = (): CalendarSpec => {
    const week: CalendarSpec["week"] = {};
    for (const day of WEEKDAYS) week[day] = draft.week[day].map(({ from, to }) => ({ from: from.trim(), to: to.trim() }));
    return {
      name: draft.name.trim(),
      timeZone: draft.timeZone.trim(),
      week,
      holidays: draft.holidays.map((h) => (h.repeats === "yearly" ? { name: h.name.trim(), everyYear: h.everyYear.trim() } : { name: h.name.trim(), date: h.date })),
      exceptions: draft.exceptions.map((e) => ({ date: e.date, spans: e.spans.map(({ from, to }) => ({ from: from.trim(), to: to.trim() })) })),
    };
  };
  const now = JSON.stringify(spec());
  const baseline = useRef(now);
  const dirty = !calendar || now !== baseline.current;

  const form = useForm(
    async () => {
      try {
        return saved ? await api.replaceCalendar(org.id, saved.value.id, saved.etag, spec()) : await api.createCalendar(org.id, spec());
      } catch (e) {
        if (e instanceof ApiError && e.status === 412) setStale(true);
        throw e;
      }
    },
    (result) => {
      onSaved(result);
      if (!saved) navigate(`${base}/calendars/${result.value.id}`, { replace: true });
    },
    { fields: FIELDS },
  );
  const remove = useAction(async () => {
    await api.deleteCalendar(org.id, calendar!.id);
    navigate(base);
  });

  /** Rows named by index: the server's errors about them are stale once one goes. */
  const setRows = (next: Partial<Draft>) => {
    form.setError(undefined);
    setDraft({ ...draft, ...next });
  };
  const setDay = (day: Weekday, spans: SpanDraft[]) => setDraft({ ...draft, week: { ...draft.week, [day]: spans } });
  const setHoliday = (i: number, h: HolidayDraft) => setDraft({ ...draft, holidays: draft.holidays.map((x, j) => (j === i ? h : x)) });
  const setException = (i: number, e: ExceptionDraft) => setDraft({ ...draft, exceptions: draft.exceptions.map((x, j) => (j === i ? e : x)) });
  const copyMonday = () => {
    const week = { ...draft.week };
    for (const day of WORKDAYS.slice(1)) week[day] = draft.week.monday.map((s) => ({ ...s, key: newKey() }));
    setDraft({ ...draft, week });
  };

  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-6" aria-label={calendar ? `Edit ${calendar.name}` : "New calendar"}>
      {stale && (
        <Alert tone="warning" title="This calendar changed meanwhile" action={<Button size="sm" onClick={onReload}>Reload</Button>}>
          Someone else saved it since you opened it. Reload to see their version (your changes here are lost), then edit again.
        </Alert>
      )}
      <FormError form={form} />
      <Card>
        <CardHeader title="Calendar" />
        <div className="grid gap-4 p-4 sm:grid-cols-2">
          <TextField label="Name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} error={form.fieldError("name")} placeholder="e.g. Berlin office hours" required />
          <div>
            <TextField
              label="Time zone"
              list="calendar-zones"
              value={draft.timeZone}
              onChange={(e) => setDraft({ ...draft, timeZone: e.target.value })}
              error={form.fieldError("timeZone")}
              hint="An IANA zone such as Europe/Berlin: the hours below are its wall-clock hours, daylight saving included."
              autoComplete="off"
              spellCheck={false}
            />
            <datalist id="calendar-zones">
              {zones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </div>
        </div>
      </Card>

      <Card>
        <CardHeader
          title="Business hours"
          description="Each day's hours; add a second span for a split day (a lunch break). A day without hours is closed. 24:00 ends the day."
          action={
            <Button size="sm" variant="secondary" onClick={copyMonday}>
              Copy Monday to Tuesday–Friday
            </Button>
          }
        />
        <div className="divide-y divide-slate-200 dark:divide-slate-700">
          {WEEKDAYS.map((day) => (
            <fieldset key={day} className="grid gap-2 px-4 py-3 sm:grid-cols-[8rem_1fr] sm:items-center">
              <legend className="sr-only">{WEEKDAY_LABEL[day]}</legend>
              <span aria-hidden="true" className="text-sm font-medium text-slate-900 dark:text-white">
                {WEEKDAY_LABEL[day]}
              </span>
              <SpansEditor label={WEEKDAY_LABEL[day]} spans={draft.week[day]} onChange={(spans) => setDay(day, spans)} newKey={newKey} error={form.errorUnder(`week.${day}`)} />
            </fieldset>
          ))}
        </div>
        {form.apiError?.problem.errors?.find((e) => e.field === "week") && (
          <p className="px-4 pb-3 text-sm text-red-700 dark:text-red-300">{form.apiError.problem.errors.find((e) => e.field === "week")!.detail}</p>
        )}
      </Card>

      <RowsCard
        title="Holidays"
        description="Days off: one date, or the same day every year. Clocks do not count on them."
        noun="holiday"
        rows={draft.holidays}
        errorAt={(i) => form.errorUnder(`holidays[${i}]`)}
        onRemove={(i) => setRows({ holidays: draft.holidays.filter((_, j) => j !== i) })}
        onAdd={() => setDraft({ ...draft, holidays: [...draft.holidays, { key: newKey(), name: "", repeats: "yearly", date: "", everyYear: "" }] })}
        addLabel="Add a holiday"
        gap="gap-3"
        render={(h, i) => (
          <>
            <TextField label={`Holiday ${i + 1} name`} value={h.name} onChange={(e) => setHoliday(i, { ...h, name: e.target.value })} className="min-w-[12rem] flex-1" />
            <SelectField label="Repeats" value={h.repeats} onChange={(e) => setHoliday(i, { ...h, repeats: e.target.value as HolidayDraft["repeats"] })} className="w-40">
              <option value="once">Once</option>
              <option value="yearly">Every year</option>
            </SelectField>
            {h.repeats === "once" ? (
              <TextField label="Date" type="date" value={h.date} onChange={(e) => setHoliday(i, { ...h, date: e.target.value })} className="w-44" />
            ) : (
              <TextField label="Day (MM-DD)" placeholder="12-25" value={h.everyYear} onChange={(e) => setHoliday(i, { ...h, everyYear: e.target.value })} className="w-36" />
            )}
          </>
        )}
      />

      <RowsCard
        title="Exceptions"
        description="Dates whose hours differ from their weekday's: shorter hours, or closed."
        noun="exception"
        rows={draft.exceptions}
        errorAt={(i) => form.errorUnder(`exceptions[${i}]`)}
        onRemove={(i) => setRows({ exceptions: draft.exceptions.filter((_, j) => j !== i) })}
        onAdd={() => setDraft({ ...draft, exceptions: [...draft.exceptions, { key: newKey(), date: "", spans: [] }] })}
        addLabel="Add an exception"
        gap="gap-4"
        render={(x, i) => (
          <>
            <TextField label={`Exception ${i + 1} date`} type="date" value={x.date} onChange={(e) => setException(i, { ...x, date: e.target.value })} className="w-44" />
            <div className="min-w-0 flex-1 pb-1">
              <SpansEditor label={`Exception ${i + 1}`} spans={x.spans} onChange={(spans) => setException(i, { ...x, spans })} newKey={newKey} closedText="Closed all day" />
            </div>
          </>
        )}
      />

      <div className="flex flex-wrap items-start gap-3">
        <Button type="submit" pending={form.pending} disabled={!!calendar && !dirty}>
          {calendar ? "Save changes" : "Create calendar"}
        </Button>
        <Button variant="secondary" onClick={() => navigate(base)}>
          {calendar && !dirty ? "Back to the policies" : "Cancel"}
        </Button>
        {calendar && (
          <Button
            variant="danger"
            className="ml-auto"
            pending={remove.pending}
            onClick={() => {
              if (window.confirm(`Delete the calendar “${calendar.name}”?`)) void remove.run();
            }}
          >
            Delete calendar
          </Button>
        )}
      </div>
      {calendar && <p className="text-sm text-slate-600 dark:text-slate-400">Saving makes a new revision of each policy counting by this calendar: clocks started from then on count the new hours, running ones keep theirs until you re-apply the policy to them.</p>}
      <ErrorAlert error={remove.error} />
    </form>
  );
}

export default function CalendarEditorPage({ calendarId }: { calendarId?: string }) {
  return (
    <EditorPage<Calendar>
      id={calendarId}
      load={(orgId, id) => api.calendar(orgId, id)}
      noun="calendar"
      listTitle="SLA calendars"
      savedMessage="Calendar saved."
      Editor={CalendarEditor}
    />
  );
}
