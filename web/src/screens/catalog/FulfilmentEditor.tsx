"use client";
// An item's fulfilment plan: stages in order (each starts when the one
// before is done), each with tasks done in parallel by a team, a task
// optionally only when an answer has a value.

import { useId } from "react";
import type { FulfilmentPlan, PlanTask, Team } from "@/lib/api";
import { Button } from "@/components/ui/Button";
import { SelectField, TextField } from "@/components/ui/Field";

/** A task as edited: its condition as text. */
export interface TaskDraft {
  name: string;
  team: string;
  /** JSON pointer into the answers; empty: always. */
  answer: string;
  op: "equals" | "in";
  /** The value (`equals`) or comma-separated values (`in`), as typed. */
  value: string;
}

export type PlanDraft = TaskDraft[][];

const literal = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

export function planDraft(plan: FulfilmentPlan | undefined): PlanDraft {
  return (plan?.stages ?? []).map((stage) =>
    stage.tasks.map((t) => {
      const when = t.when;
      const inList = Array.isArray(when?.in);
      return {
        name: t.name,
        team: t.team,
        answer: when?.answer ?? "",
        op: inList ? "in" : "equals",
        value: when ? (inList ? (when.in as unknown[]).map(literal).join(", ") : literal(when.equals)) : "",
      };
    }),
  );
}

/** A typed value: JSON literals (`true`, `3`, `"x"`, `null`) as such, anything else as text. */
function valueOf(text: string): unknown {
  const t = text.trim();
  if (/^(true|false|null|-?\d+(\.\d+)?([eE][+-]?\d+)?|".*"|\[.*\]|\{.*\})$/.test(t)) {
    try {
      return JSON.parse(t);
    } catch {
      return t;
    }
  }
  return t;
}

export function planOf(draft: PlanDraft): FulfilmentPlan {
  return {
    stages: draft.map((tasks) => ({
      tasks: tasks.map((t): PlanTask => {
        const task: PlanTask = { name: t.name.trim(), team: t.team };
        const answer = t.answer.trim();
        if (answer) {
          task.when =
            t.op === "in"
              ? { answer, in: t.value.split(",").map((v) => valueOf(v)).filter((v) => v !== "") }
              : { answer, equals: valueOf(t.value) };
        }
        return task;
      }),
    })),
  };
}

const newTask = (teams: Team[] | undefined): TaskDraft => ({ name: "", team: teams?.[0]?.id ?? "", answer: "", op: "equals", value: "" });

function TaskEditor({
  task,
  label,
  teams,
  pointers,
  onChange,
  onRemove,
  errorOf,
}: {
  task: TaskDraft;
  label: string;
  teams: Team[] | undefined;
  pointers: string[];
  onChange: (task: TaskDraft) => void;
  onRemove: () => void;
  errorOf: (field: string) => string | undefined;
}) {
  const listId = useId();
  return (
    <div role="group" aria-label={label} className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <div className="grid gap-3 sm:grid-cols-[2fr_1fr_auto] sm:items-end">
        <TextField label="Task" value={task.name} onChange={(e) => onChange({ ...task, name: e.target.value })} error={errorOf("name")} placeholder="e.g. Order the laptop" />
        <SelectField label="Team" value={task.team} onChange={(e) => onChange({ ...task, team: e.target.value })} error={errorOf("team")}>
          {!task.team && <option value="">Pick a team</option>}
          {(teams ?? []).map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </SelectField>
        <Button variant="ghost" size="sm" onClick={onRemove} aria-label={`Remove ${label}`}>
          Remove
        </Button>
      </div>
      <div className="grid gap-3 sm:grid-cols-[2fr_1fr_2fr]">
        <TextField
          label="Only when the answer"
          hint="A JSON pointer, e.g. /kind; empty: always"
          value={task.answer}
          list={listId}
          onChange={(e) => onChange({ ...task, answer: e.target.value })}
          error={errorOf("when")}
          placeholder="/kind"
        />
        <datalist id={listId}>
          {pointers.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
        <SelectField label="Is" value={task.op} disabled={!task.answer.trim()} onChange={(e) => onChange({ ...task, op: e.target.value as TaskDraft["op"] })}>
          <option value="equals">equal to</option>
          <option value="in">one of</option>
        </SelectField>
        <TextField
          label={task.op === "in" ? "Values" : "Value"}
          hint={task.op === "in" ? "Comma-separated" : "Text, or true, false, a number"}
          value={task.value}
          disabled={!task.answer.trim()}
          onChange={(e) => onChange({ ...task, value: e.target.value })}
        />
      </div>
    </div>
  );
}

export function FulfilmentEditor({
  plan,
  teams,
  pointers,
  onChange,
  errorOf,
}: {
  plan: PlanDraft;
  teams: Team[] | undefined;
  /** The form's answers, as pointers to suggest for conditions. */
  pointers: string[];
  onChange: (plan: PlanDraft) => void;
  /** The server's message for a field under `fulfilment` (`stages[0].tasks[1].team`). */
  errorOf: (field: string) => string | undefined;
}) {
  const setStage = (i: number, tasks: TaskDraft[]) => onChange(plan.map((s, j) => (j === i ? tasks : s)));
  const move = (i: number, by: number) => {
    const next = [...plan];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    onChange(next);
  };
  return (
    <div className="space-y-4">
      {plan.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">No stages: requests for this item are fulfilled by hand.</p>}
      {plan.map((tasks, i) => (
        <section key={i} aria-label={`Stage ${i + 1}`} className="space-y-3 rounded-md bg-slate-50 p-3 dark:bg-slate-800/50">
          <div className="flex flex-wrap items-center gap-2">
            <h4 className="text-sm font-semibold text-slate-900 dark:text-white">Stage {i + 1}</h4>
            <span className="text-xs text-slate-600 dark:text-slate-400">{i === 0 ? "starts when the request is approved" : `starts when stage ${i} is done`}</span>
            <span className="ml-auto flex gap-1">
              <Button size="sm" variant="ghost" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move stage ${i + 1} up`}>
                ↑
              </Button>
              <Button size="sm" variant="ghost" disabled={i === plan.length - 1} onClick={() => move(i, 1)} aria-label={`Move stage ${i + 1} down`}>
                ↓
              </Button>
              <Button size="sm" variant="ghost" onClick={() => onChange(plan.filter((_, j) => j !== i))} aria-label={`Remove stage ${i + 1}`}>
                Remove stage
              </Button>
            </span>
          </div>
          {errorOf(`stages[${i}].tasks`) && !tasks.length && <p className="text-sm text-red-700 dark:text-red-300">{errorOf(`stages[${i}].tasks`)}</p>}
          {tasks.map((task, t) => (
            <TaskEditor
              key={t}
              task={task}
              label={`Stage ${i + 1} task ${t + 1}`}
              teams={teams}
              pointers={pointers}
              onChange={(changed) => setStage(i, tasks.map((x, k) => (k === t ? changed : x)))}
              onRemove={() => setStage(i, tasks.filter((_, k) => k !== t))}
              errorOf={(field) => errorOf(`stages[${i}].tasks[${t}].${field}`)}
            />
          ))}
          <Button size="sm" variant="secondary" onClick={() => setStage(i, [...tasks, newTask(teams)])}>
            Add a task to stage {i + 1}
          </Button>
        </section>
      ))}
      <Button variant="secondary" onClick={() => onChange([...plan, [newTask(teams)]])}>
        Add a stage
      </Button>
    </div>
  );
}
