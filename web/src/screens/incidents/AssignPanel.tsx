"use client";

import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import type { Incident } from "@/lib/api";
import { useFreshMembers, useMemberName } from "@/lib/org";
import { Button } from "@/components/ui/Button";
import { SelectField, TextField } from "@/components/ui/Field";
import { MemberPicker } from "@/components/MemberPicker";

interface Props {
  incident: Incident;
  busy: boolean;
  onAssign: (assignees: string[]) => Promise<unknown>;
  onHandoff: (to: string, note: string) => Promise<unknown>;
}

/** The submit and Cancel buttons under the assign and hand-off forms. */
function FormButtons({ busy, disabled, onCancel, children }: { busy: boolean; disabled?: boolean; onCancel: () => void; children: ReactNode }) {
  return (
    <div className="flex gap-2">
      <Button type="submit" size="sm" pending={busy} disabled={disabled}>
        {children}
      </Button>
      <Button size="sm" variant="ghost" onClick={onCancel}>
        Cancel
      </Button>
    </div>
  );
}

export function AssignPanel({ incident, busy, onAssign, onHandoff }: Props) {
  const members = useFreshMembers();
  const nameOf = useMemberName();
  const [mode, setMode] = useState<"view" | "assign" | "handoff">("view");
  const [selected, setSelected] = useState(incident.assignees);
  const [to, setTo] = useState("");
  const [note, setNote] = useState("");
  useEffect(() => setSelected(incident.assignees), [incident.assignees]);

  const assign = async (event: FormEvent) => {
    event.preventDefault();
    if ((await onAssign(selected)) !== undefined) setMode("view");
  };
  const handoff = async (event: FormEvent) => {
    event.preventDefault();
    if (!to) return;
    if ((await onHandoff(to, note)) !== undefined) {
      setMode("view");
      setNote("");
      setTo("");
    }
  };

  return (
    <div className="space-y-3 text-sm">
      <dl className="space-y-2">
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">Commander</dt>
          <dd className="text-slate-900 dark:text-white">{incident.commander ? nameOf(incident.commander) : "None"}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">Assignees</dt>
          <dd className="text-slate-900 dark:text-white">{incident.assignees.length ? incident.assignees.map(nameOf).join(", ") : "Unassigned"}</dd>
        </div>
      </dl>
      {mode === "view" && (
        <div className="flex flex-wrap gap-2">
          <Button size="sm" variant="secondary" onClick={() => setMode("assign")}>
            Assign…
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setMode("handoff")}>
            Hand off…
          </Button>
        </div>
      )}
      {mode === "assign" && (
        <form onSubmit={assign} className="space-y-3">
          <MemberPicker legend="Assignees" members={members.data} selected={selected} onChange={setSelected} />
          <FormButtons busy={busy} onCancel={() => setMode("view")}>
            Save assignees
          </FormButtons>
        </form>
      )}
      {mode === "handoff" && (
        <form onSubmit={handoff} className="space-y-3">
          <SelectField label="Hand off to" value={to} onChange={(e) => setTo(e.target.value)} required>
            <option value="">Choose a member…</option>
            {members.data
              ?.filter((m) => m.userId !== incident.commander)
              .map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.name || m.email}
                </option>
              ))}
          </SelectField>
          <TextField label="Note (optional)" value={note} onChange={(e) => setNote(e.target.value)} placeholder="Context for the next commander" />
          <FormButtons busy={busy} disabled={!to} onCancel={() => setMode("view")}>
            Hand off
          </FormButtons>
        </form>
      )}
    </div>
  );
}
