"use client";
// Choosing members (assignees) with checkboxes.

import type { Member } from "@/lib/api";
import { Checkbox } from "./ui/Field";

export function MemberPicker({
  legend,
  members,
  selected,
  onChange,
  error,
}: {
  legend: string;
  members: Member[] | undefined;
  selected: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">{legend}</legend>
      {!members ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Loading members…</p>
      ) : (
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {members.map((member) => (
            <Checkbox
              key={member.userId}
              label={member.name || member.email}
              checked={selected.includes(member.userId)}
              onChange={(e) =>
                onChange(e.target.checked ? [...selected, member.userId] : selected.filter((id) => id !== member.userId))
              }
            />
          ))}
        </div>
      )}
      {error && <p className="mt-1 text-sm text-red-700 dark:text-red-300">{error}</p>}
    </fieldset>
  );
}
