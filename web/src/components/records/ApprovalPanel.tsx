"use client";
// An approval's panel, for any record that is voted on (a change, an
// article's review): its status, each step with its rule, approvers and
// votes, who is still to vote, and Approve/Reject with a comment for a
// pending approver.

import { useState, type ReactNode } from "react";
import type { Approval, Decision } from "@/lib/api";
import { formatDateTime, titleCase } from "@/lib/format";
import { useMemberName } from "@/lib/org";
import { useMe } from "@/lib/session";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { TextArea } from "@/components/ui/Field";

export interface ApprovalPanelProps {
  /** The approval, or `null` when there is none yet (`empty` is shown instead). */
  approval: Approval | null | undefined;
  busy: boolean;
  onVote: (decision: Decision, comment: string) => void;
  title?: string;
  empty?: ReactNode;
  /** Shown above the votes (an error of the last vote, say). */
  children?: ReactNode;
}

export function ApprovalPanel({ approval, busy, onVote, title = "Approval", empty, children }: ApprovalPanelProps) {
  const me = useMe();
  const nameOf = useMemberName();
  const [comment, setComment] = useState("");
  if (!approval) {
    return (
      <Card>
        <CardHeader title={title} />
        {children && <div className="px-4 pt-4">{children}</div>}
        <p className="p-4 text-sm text-slate-700 dark:text-slate-300">{empty}</p>
      </Card>
    );
  }
  const mine = approval.pendingApprovers.includes(me.user.id);
  return (
    <Card>
      <CardHeader title={title} description={`Status: ${titleCase(approval.status)}`} />
      {children && <div className="px-4 pt-4">{children}</div>}
      <ol className="divide-y divide-slate-200 dark:divide-slate-700" aria-label={`${title} steps`}>
        {approval.steps.map((step, i) => (
          <li key={i} className="space-y-1 px-4 py-3 text-sm">
            <p className="font-medium text-slate-900 dark:text-white">
              {i + 1}. {step.name} <Badge className="ml-1 bg-slate-50 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-100">{titleCase(step.status)}</Badge>
            </p>
            <p className="text-slate-600 dark:text-slate-400">
              Needs {step.needed} of {step.approvers.length} ({step.rule}
              {step.ruleValue ? ` ${step.ruleValue}${step.rule === "percent" ? "%" : ""}` : ""}): {step.approvers.map(nameOf).join(", ")}
            </p>
            {step.votes.map((vote) => (
              <p key={vote.user} className="text-slate-800 dark:text-slate-200">
                {nameOf(vote.user)} {vote.decision === "approve" ? "approved" : "rejected"} {formatDateTime(vote.createdAt)}
                {vote.comment && <>: “{vote.comment}”</>}
              </p>
            ))}
          </li>
        ))}
      </ol>
      {approval.status === "pending" && (
        <div className="space-y-3 border-t border-slate-200 p-4 dark:border-slate-700">
          <p className="text-sm text-slate-700 dark:text-slate-300">Waiting for: {approval.pendingApprovers.map(nameOf).join(", ") || "nobody"}</p>
          {mine && (
            <>
              <TextArea label="Comment (optional)" value={comment} onChange={(e) => setComment(e.target.value)} rows={2} />
              <div className="flex gap-2">
                <Button disabled={busy} onClick={() => onVote("approve", comment)}>
                  Approve
                </Button>
                <Button variant="secondary" disabled={busy} onClick={() => onVote("reject", comment)}>
                  Reject
                </Button>
              </div>
            </>
          )}
        </div>
      )}
    </Card>
  );
}
