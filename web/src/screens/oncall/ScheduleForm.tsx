"use client";
// Creating and editing a schedule: its time zone, rotation layers (each with
// an ordered list of participants) and one-off overrides. Layer starts are
// wall times in the schedule's zone; overrides are entered the same way and
// sent as UTC instants.

import { useState } from "react";
import { api, type Member, type Schedule, type ScheduleDefinition } from "@/lib/api";
import { useForm } from "@/lib/form";
import { localInputToUtc, parseWall, timeZoneChoices, utcToLocalInput, wallString, wallTime, zonedInstant } from "@/lib/oncall";
import { useFreshMembers, useOrg } from "@/lib/org";
import { ErrorAlert } from "@/components/ui/Alert";
import { Button, FormActions } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { SelectField, TextField } from "@/components/ui/Field";

interface LayerDraft {
  name: string;
  rotation: "daily" | "weekly" | "custom";
  hours: string;
  startsAt: string;
  participants: string[];
}

interface OverrideDraft {
  startsAt: string;
  endsAt: string;
  user: string;
}

const memberLabel = (members: Member[] | undefined, id: string) => {
  const m = members?.find((x) => x.userId === id);
  return m ? m.name || m.email : "Former member";
};

/**
 * Monday 09:00 of this week in `timeZone` — a week earlier unless that is
 * more than a day past, so the rotation has begun in any zone chosen next.
 */
function defaultStart(timeZone: string): string {
  const now = Date.now();
  const today = wallTime(timeZone, now);
  const weekday = new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay();
  const back = (weekday + 6) % 7;
  let date = new Date(Date.UTC(today.year, today.month - 1, today.day - back));
  let start = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: 9, minute: 0 };
  if (zonedInstant(timeZone, start) > now - 26 * 3600_000) {
    date = new Date(Date.UTC(start.year, start.month - 1, start.day - 7));
    start = { ...start, year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  }
  return wallString(start);
}

function newLayer(index: number, timeZone: string, participants: string[] = []): LayerDraft {
  return { name: `Layer ${index + 1}`, rotation: "weekly", hours: "12", startsAt: defaultStart(timeZone), participants };
}

function ParticipantList({
  layerIndex,
  members,
  value,
  onChange,
  error,
}: {
  layerIndex: number;
  members: Member[] | undefined;
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  const [pick, setPick] = useState("");
  const available = (members ?? []).filter((m) => !value.includes(m.userId));
  const move = (from: number, to: number) => {
    const next = [...value];
    const [id] = next.splice(from, 1);
    next.splice(to, 0, id);
    onChange(next);
  };
  const layer = `layer ${layerIndex + 1}`;
  return (
    <fieldset className="space-y-2">
      <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">Participants, in rotation order</legend>
      {value.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Nobody yet.</p>
      ) : (
        <ol className="space-y-1" aria-label={`Participants of ${layer}`}>
          {value.map((id, i) => {
            const name = memberLabel(members, id);
            return (
              <li key={id} className="flex flex-wrap items-center gap-2 rounded-md bg-slate-50 px-2 py-1 text-sm dark:bg-slate-800">
                <span className="w-5 text-right text-slate-600 dark:text-slate-400">{i + 1}.</span>
                <span className="min-w-0 flex-1 font-medium text-slate-900 dark:text-slate-100">{name}</span>
                <Button size="sm" variant="ghost" disabled={i === 0} onClick={() => move(i, i - 1)}>
                  <span aria-hidden="true">↑</span>
                  <span className="sr-only">Move {name} up in {layer}</span>
                </Button>
                <Button size="sm" variant="ghost" disabled={i === value.length - 1} onClick={() => move(i, i + 1)}>
                  <span aria-hidden="true">↓</span>
                  <span className="sr-only">Move {name} down in {layer}</span>
                </Button>
                <Button size="sm" variant="ghost" aria-label={`Remove ${name} from ${layer}`} onClick={() => onChange(value.filter((x) => x !== id))}>
                  Remove
                </Button>
              </li>
            );
          })}
        </ol>
      )}
      <div className="flex flex-wrap items-end gap-2">
        <SelectField label={`Add a participant to ${layer}`} value={pick} onChange={(e) => setPick(e.target.value)} className="min-w-[12rem]">
          <option value="">{members ? (available.length ? "Choose a member…" : "Everyone is in this layer") : "Loading members…"}</option>
          {available.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name || m.email}
            </option>
          ))}
        </SelectField>
        <Button
          variant="secondary"
          disabled={!pick}
          onClick={() => {
            if (pick) onChange([...value, pick]);
            setPick("");
          }}
        >
          Add
        </Button>
      </div>
      {error && <p className="text-sm text-red-700 dark:text-red-300">{error}</p>}
    </fieldset>
  );
}

export function ScheduleForm({ schedule, onSaved, onCancel }: { schedule?: Schedule; onSaved: (schedule: Schedule) => void; onCancel: () => void }) {
  const { org } = useOrg();
  const members = useFreshMembers({ agentsOnly: true });
  const initialZone = schedule?.definition.timeZone ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC");
  const [name, setName] = useState(schedule?.name ?? "");
  const [timeZone, setTimeZone] = useState(initialZone);
  const [layers, setLayers] = useState<LayerDraft[]>(() =>
    schedule
      ? schedule.definition.layers.map((l) => ({
          name: l.name,
          rotation: l.rotation.type,
          hours: l.rotation.type === "custom" ? String(l.rotation.hours) : "12",
          startsAt: l.startsAt.slice(0, 16),
          participants: [...l.participants],
        }))
      : [newLayer(0, initialZone)],
  );
  const [overrides, setOverrides] = useState<OverrideDraft[]>(() =>
    (schedule?.definition.overrides ?? []).map((o) => ({
      startsAt: utcToLocalInput(initialZone, o.startsAt),
      endsAt: utcToLocalInput(initialZone, o.endsAt),
      user: o.user,
    })),
  );

  const definition = (): ScheduleDefinition => ({
    timeZone,
    layers: layers.map((l) => ({
      name: l.name.trim(),
      rotation: l.rotation === "custom" ? { type: "custom", hours: Number(l.hours) } : { type: l.rotation },
      startsAt: parseWall(l.startsAt) ? `${l.startsAt.slice(0, 16)}:00` : l.startsAt,
      participants: l.participants,
    })),
    overrides: overrides.map((o) => ({
      startsAt: localInputToUtc(timeZone, o.startsAt),
      endsAt: localInputToUtc(timeZone, o.endsAt),
      user: o.user,
    })),
  });

  const form = useForm(() => {
    const input = { name: name.trim(), definition: definition() };
    return schedule ? api.updateSchedule(org.id, schedule.id, input) : api.createSchedule(org.id, input);
  }, onSaved);
  const err = form.errorUnder;

  const setLayer = (i: number, change: Partial<LayerDraft>) => setLayers(layers.map((l, j) => (j === i ? { ...l, ...change } : l)));
  const setOverride = (i: number, change: Partial<OverrideDraft>) => setOverrides(overrides.map((o, j) => (j === i ? { ...o, ...change } : o)));

  return (
    <Card>
      <CardHeader title={schedule ? `Edit “${schedule.name}”` : "New schedule"} description="Who is on call when. Rotations hand over at the layer's start time; overrides win over layers, later layers over earlier ones." />
      <form onSubmit={form.onSubmit} className="space-y-5 p-4" noValidate aria-label={schedule ? "Edit schedule" : "New schedule"}>
        <ErrorAlert error={form.error} />
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label="Schedule name" value={name} onChange={(e) => setName(e.target.value)} error={form.fieldError("name")} placeholder="e.g. Primary on-call" required />
          <SelectField
            label="Time zone"
            value={timeZone}
            onChange={(e) => setTimeZone(e.target.value)}
            error={err("definition.timeZone")}
            hint="Layer starts and overrides are in this zone; handovers keep their wall time across daylight saving changes."
          >
            {timeZoneChoices(timeZone).map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, " ")}
              </option>
            ))}
          </SelectField>
        </div>

        <div className="space-y-4">
          <h3 className="text-sm font-semibold text-slate-900 dark:text-white">Layers</h3>
          {err("definition.layers") && !layers.some((_, i) => err(`definition.layers[${i}]`)) && (
            <p className="text-sm text-red-700 dark:text-red-300">{err("definition.layers")}</p>
          )}
          {layers.map((layer, i) => {
            const base = `definition.layers[${i}]`;
            return (
              <fieldset key={i} className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-700">
                <legend className="px-1 text-sm font-semibold text-slate-900 dark:text-white">Layer {i + 1}</legend>
                <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
                  <TextField label={`Name of layer ${i + 1}`} value={layer.name} onChange={(e) => setLayer(i, { name: e.target.value })} error={err(`${base}.name`)} />
                  <SelectField
                    label={`Rotation of layer ${i + 1}`}
                    value={layer.rotation}
                    onChange={(e) => setLayer(i, { rotation: e.target.value as LayerDraft["rotation"] })}
                    error={layer.rotation === "custom" ? undefined : err(`${base}.rotation`)}
                  >
                    <option value="daily">Daily</option>
                    <option value="weekly">Weekly</option>
                    <option value="custom">Every N hours</option>
                  </SelectField>
                  {layer.rotation === "custom" && (
                    <TextField
                      label={`Hours per shift (layer ${i + 1})`}
                      type="number"
                      min={1}
                      value={layer.hours}
                      onChange={(e) => setLayer(i, { hours: e.target.value })}
                      error={err(`${base}.rotation`)}
                    />
                  )}
                  <TextField
                    label={`Start of layer ${i + 1}`}
                    type="datetime-local"
                    value={layer.startsAt}
                    onChange={(e) => setLayer(i, { startsAt: e.target.value })}
                    error={err(`${base}.startsAt`)}
                    hint={`First handover, ${timeZone.replace(/_/g, " ")} time`}
                  />
                </div>
                <ParticipantList
                  layerIndex={i}
                  members={members.data}
                  value={layer.participants}
                  onChange={(participants) => setLayer(i, { participants })}
                  error={err(`${base}.participants`)}
                />
                {layers.length > 1 && (
                  <Button size="sm" variant="ghost" onClick={() => setLayers(layers.filter((_, j) => j !== i))}>
                    Remove layer {i + 1}
                  </Button>
                )}
              </fieldset>
            );
          })}
          <Button variant="secondary" onClick={() => setLayers([...layers, newLayer(layers.length, timeZone)])}>
            Add a layer
          </Button>
        </div>

        <div className="space-y-3">
          <h3 className="text-sm font-semibold text-slate-900 dark:text-white">Overrides</h3>
          <p className="text-sm text-slate-600 dark:text-slate-400">One-off cover, e.g. while someone is away. Times in {timeZone.replace(/_/g, " ")}.</p>
          {overrides.map((o, i) => {
            const base = `definition.overrides[${i}]`;
            return (
              <fieldset key={i} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-4 sm:items-end dark:border-slate-700">
                <legend className="px-1 text-sm font-semibold text-slate-900 dark:text-white">Override {i + 1}</legend>
                <SelectField label={`Who covers (override ${i + 1})`} value={o.user} onChange={(e) => setOverride(i, { user: e.target.value })} error={err(`${base}.user`)}>
                  <option value="">Choose a member…</option>
                  {(members.data ?? []).map((m) => (
                    <option key={m.userId} value={m.userId}>
                      {m.name || m.email}
                    </option>
                  ))}
                </SelectField>
                <TextField label={`From (override ${i + 1})`} type="datetime-local" value={o.startsAt} onChange={(e) => setOverride(i, { startsAt: e.target.value })} error={err(`${base}.startsAt`)} />
                <TextField label={`Until (override ${i + 1})`} type="datetime-local" value={o.endsAt} onChange={(e) => setOverride(i, { endsAt: e.target.value })} error={err(`${base}.endsAt`)} />
                <Button variant="ghost" onClick={() => setOverrides(overrides.filter((_, j) => j !== i))}>
                  Remove override {i + 1}
                </Button>
              </fieldset>
            );
          })}
          <Button variant="secondary" onClick={() => setOverrides([...overrides, { startsAt: "", endsAt: "", user: "" }])}>
            Add an override
          </Button>
        </div>

        <FormActions submitLabel={schedule ? "Save schedule" : "Create schedule"} pending={form.pending} disabled={!name.trim()} onCancel={onCancel} />
      </form>
    </Card>
  );
}
