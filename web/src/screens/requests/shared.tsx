"use client";
// What the portal and the agents' request screens share: status labels and
// badges, a request's answers shown with its form's labels, its tasks
// stage by stage, and target times.

import type { JsonSchema, RequestStatus, ServiceRequest, TaskStatus } from "@/lib/api";
import { answerText, schemaProperties } from "@/lib/answers";
import { formatDuration, titleCase } from "@/lib/format";
import { Badge } from "@/components/ui/Badge";

const amber = "bg-amber-50 text-amber-900 ring-amber-200 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800";
const green = "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-100 dark:ring-emerald-800";
const grey = "bg-slate-50 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600";
const sky = "bg-sky-50 text-sky-900 ring-sky-200 dark:bg-sky-950 dark:text-sky-100 dark:ring-sky-800";
const red = "bg-red-50 text-red-800 ring-red-200 dark:bg-red-950 dark:text-red-200 dark:ring-red-800";

export const REQUEST_STATUS_LABEL: Record<RequestStatus, string> = {
  submitted: "Submitted",
  awaiting_approval: "Awaiting approval",
  approved: "Approved",
  rejected: "Rejected",
  in_progress: "In progress",
  fulfilled: "Fulfilled",
  cancelled: "Cancelled",
};

const requestTone: Record<RequestStatus, string> = {
  submitted: sky,
  awaiting_approval: amber,
  approved: sky,
  rejected: red,
  in_progress: sky,
  fulfilled: green,
  cancelled: grey,
};

export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  return <Badge className={requestTone[status]}>{REQUEST_STATUS_LABEL[status]}</Badge>;
}

/** Whether a request is still open (it can be cancelled). */
export const isOpen = (status: RequestStatus) => status === "submitted" || status === "awaiting_approval" || status === "approved" || status === "in_progress";

export const TASK_STATUS_LABEL: Record<TaskStatus, string> = {
  pending: "Not started",
  open: "Open",
  in_progress: "In progress",
  waiting_on_requester: "Waiting on requester",
  done: "Done",
  skipped: "Skipped",
  cancelled: "Cancelled",
};

const taskTone: Record<TaskStatus, string> = {
  pending: grey,
  open: amber,
  in_progress: sky,
  waiting_on_requester: amber,
  done: green,
  skipped: grey,
  cancelled: grey,
};

export function TaskStatusBadge({ status }: { status: TaskStatus }) {
  return <Badge className={taskTone[status]}>{TASK_STATUS_LABEL[status]}</Badge>;
}

/** "Within 2d", from an item's target in minutes. */
export function formatTarget(minutes: number | null | undefined): string | undefined {
  return minutes ? `Within ${formatDuration(minutes * 60)}` : undefined;
}

/** Tasks done (or skipped) of those that count, for a progress line. */
export function taskProgress(request: Pick<ServiceRequest, "tasks">): { done: number; total: number } {
  const counted = request.tasks.filter((t) => t.status !== "skipped" && t.status !== "cancelled");
  return { done: counted.filter((t) => t.status === "done").length, total: counted.length };
}

type Schema = JsonSchema & { title?: string; type?: string | string[] };

function AnswerList({ schema, answers, depth }: { schema: unknown; answers: Record<string, unknown>; depth: number }) {
  const properties = schemaProperties(schema);
  // The form's order first, then anything else answered.
  const keys = [...Object.keys(properties), ...Object.keys(answers).filter((k) => !(k in properties))].filter(
    (k) => answers[k] !== undefined && answers[k] !== null && answers[k] !== "",
  );
  if (!keys.length) return <p className="text-sm text-slate-600 dark:text-slate-400">No answers.</p>;
  return (
    <dl className={depth ? "mt-1 space-y-2 border-l-2 border-slate-200 pl-3 dark:border-slate-700" : "space-y-3"}>
      {keys.map((key) => {
        const property = properties[key] as Schema | undefined;
        const value = answers[key];
        const nested = value !== null && typeof value === "object" && !Array.isArray(value);
        return (
          <div key={key}>
            <dt className="text-sm font-medium text-slate-700 dark:text-slate-300">{property?.title ?? titleCase(key)}</dt>
            <dd className="text-sm text-slate-900 dark:text-slate-100">
              {nested ? <AnswerList schema={property} answers={value as Record<string, unknown>} depth={depth + 1} /> : <span className="whitespace-pre-wrap">{answerText(property, value)}</span>}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/** A request's answers under its form's labels (nested objects indented). */
export function Answers({ form, answers }: { form: JsonSchema; answers: unknown }) {
  if (answers === null || typeof answers !== "object" || Array.isArray(answers)) return <p className="text-sm">{answerText(undefined, answers)}</p>;
  return <AnswerList schema={form} answers={answers as Record<string, unknown>} depth={0} />;
}
