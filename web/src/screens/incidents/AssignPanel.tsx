"use client";

import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { api, type Incident } from "@/lib/api";
import { useFreshMembers, useMemberName, useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { Button } from "@/components/ui/Button";
import { SelectField, TextField } from "@/components/ui/Field";
import { MemberPicker } from "@/components/MemberPicker";

interface Props {
  incident: Incident;
  busy: boolean;
  onAssign: (assignees: string[]) => Promise<unknown>;
  onHandoff: (to: string, note: string) => Promise<unknown>;
  onTeam: (team: string | null) => Promise<unknown>;
}

/** The team the incident is assigned to, changed by choosing another. */
function TeamControl({ incident, busy, onTeam }: { incident: Incident; busy: boolean; onTeam: (team: string | null) => Promise<unknown> }) {
  const { org } = useOrg();
  const teams = useResource(() => api.teams(org.id), [org.id]);
  const current = teams.data?.find((t) => t.id === incident.team);
  return (
    <SelectField
      label="Team"
      value={incident.team ?? ""}
      disabled={busy || teams.loading}
      onChange={(e) => void onTeam(e.target.value || null)}
      hint={incident.team && !current && !teams.loading ? "A team that no longer exists" : undefined}
    >
      <option value="">No team</option>
      {teams.data?.map((t) => (
        <option key={t.id} value={t.id}>
          {t.name}
        </option>
      ))}
    </SelectField>
  );
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

export function AssignPanel({ incident, busy, onAssign, onHandoff, onTeam }: Props) {
  const members = useFreshMembers({ agentsOnly: true });
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
      <TeamControl incident={incident} busy={busy} onTeam={onTeam} />
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
