"use client";

import { useState } from "react";
import { api, type Team } from "@/lib/api";
import { useFreshMembers, useMemberName, useOrg } from "@/lib/org";
import { useForm } from "@/lib/form";
import { useAction, useResource } from "@/lib/resource";
import { ErrorAlert, FormError } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { SelectField, TextField } from "@/components/ui/Field";
import { EmptyState, ErrorState, Loading } from "@/components/ui/States";
import { MemberPicker } from "@/components/MemberPicker";

interface Draft {
  name: string;
  description: string;
  lead: string;
  members: string[];
}

const EMPTY: Draft = { name: "", description: "", lead: "", members: [] };

const draftOf = (team: Team): Draft => ({
  name: team.name,
  description: team.description,
  lead: team.lead ?? "",
  members: team.members,
});

/** The fields of a team: name, description, lead and members. */
function TeamFields({ draft, onChange, fieldError }: { draft: Draft; onChange: (d: Draft) => void; fieldError: (f: string) => string | undefined }) {
  const members = useFreshMembers();
  return (
    <div className="space-y-3">
      <TextField label="Name" value={draft.name} onChange={(e) => onChange({ ...draft, name: e.target.value })} error={fieldError("name")} required />
      <TextField
        label="Description (optional)"
        value={draft.description}
        onChange={(e) => onChange({ ...draft, description: e.target.value })}
        error={fieldError("description")}
      />
      <SelectField label="Lead (optional)" value={draft.lead} onChange={(e) => onChange({ ...draft, lead: e.target.value })} error={fieldError("lead")}>
        <option value="">No lead</option>
        {members.data?.map((m) => (
          <option key={m.userId} value={m.userId}>
            {m.name || m.email}
          </option>
        ))}
      </SelectField>
      <MemberPicker
        legend="Members"
        members={members.data}
        selected={draft.members}
        onChange={(selected) => onChange({ ...draft, members: selected })}
        error={fieldError("members")}
      />
    </div>
  );
}

function NewTeamForm({ onCreated }: { onCreated: () => void }) {
  const { org } = useOrg();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const form = useForm(
    () => api.createTeam(org.id, { name: draft.name, description: draft.description, lead: draft.lead || null, members: draft.members }),
    () => {
      setDraft(EMPTY);
      onCreated();
    },
  );
  return (
    <form onSubmit={form.onSubmit} className="space-y-3 p-4" noValidate aria-label="New team">
      <FormError form={form} />
      <TeamFields draft={draft} onChange={setDraft} fieldError={form.fieldError} />
      <Button type="submit" pending={form.pending} disabled={!draft.name.trim()}>
        Create team
      </Button>
    </form>
  );
}

function TeamRow({ team, onChanged }: { team: Team; onChanged: () => void }) {
  const { org } = useOrg();
  const nameOf = useMemberName();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Draft>(draftOf(team));
  const form = useForm(
    () =>
      api.updateTeam(org.id, team.id, `"${team.version}"`, {
        name: draft.name,
        description: draft.description,
        lead: draft.lead || null,
        members: draft.members,
      }),
    () => {
      setEditing(false);
      onChanged();
    },
  );
  const remove = useAction(() => api.deleteTeam(org.id, team.id));
  return (
    <li className="px-4 py-3" aria-label={team.name}>
      {editing ? (
        <form onSubmit={form.onSubmit} className="space-y-3" noValidate aria-label={`Edit ${team.name}`}>
          <FormError form={form} />
          <TeamFields draft={draft} onChange={setDraft} fieldError={form.fieldError} />
          <div className="flex gap-2">
            <Button type="submit" size="sm" pending={form.pending}>
              Save team
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
          <div className="min-w-0 flex-1">
            <p className="font-medium text-slate-900 dark:text-white">{team.name}</p>
            {team.description && <p className="text-sm text-slate-600 dark:text-slate-400">{team.description}</p>}
            <p className="text-sm text-slate-700 dark:text-slate-300">
              {team.lead ? <>Lead: {nameOf(team.lead)} · </> : null}
              {team.members.length ? team.members.map(nameOf).join(", ") : "No members"}
            </p>
            <ErrorAlert error={remove.error} className="mt-2" />
          </div>
          <div className="flex gap-2">
            <Button
              size="sm"
              variant="secondary"
              onClick={() => {
                setDraft(draftOf(team));
                setEditing(true);
              }}
            >
              Edit
            </Button>
            <Button
              size="sm"
              variant="ghost"
              pending={remove.pending}
              aria-label={`Delete ${team.name}`}
              onClick={async () => {
                if (!window.confirm(`Delete the team ${team.name}?`)) return;
                await remove.run();
                onChanged();
              }}
            >
              Delete
            </Button>
          </div>
        </div>
      )}
    </li>
  );
}

export default function Teams() {
  const { org } = useOrg();
  const teams = useResource(() => api.teams(org.id), [org.id]);
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="Teams" description="Incidents are assigned to teams; later, changes are approved and requests fulfilled by them." />
        {teams.loading ? (
          <Loading />
        ) : teams.error ? (
          <ErrorState error={teams.error} onRetry={teams.reload} />
        ) : teams.data?.length ? (
          <ul className="divide-y divide-slate-200 dark:divide-slate-700" aria-label="Teams">
            {teams.data.map((team) => (
              <TeamRow key={`${team.id}:${team.version}`} team={team} onChanged={teams.reload} />
            ))}
          </ul>
        ) : (
          <EmptyState title="No teams yet">Create one below.</EmptyState>
        )}
      </Card>
      <Card>
        <CardHeader title="New team" />
        <NewTeamForm onCreated={teams.reload} />
      </Card>
    </div>
  );
}
