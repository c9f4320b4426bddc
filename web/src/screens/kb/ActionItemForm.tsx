"use client";
// Adding an action item to a postmortem: what is to be done, who owns it
// and when it is due (both optional).

import { useState } from "react";
import { api, type ActionItem } from "@/lib/api";
import { useForm } from "@/lib/form";
import { useFreshMembers, useOrg } from "@/lib/org";
import { FormError } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { SelectField, TextField } from "@/components/ui/Field";

export function ActionItemForm({ articleId, onAdded }: { articleId: string; onAdded: (item: ActionItem) => void }) {
  const { org } = useOrg();
  const members = useFreshMembers({ agentsOnly: true });
  const [title, setTitle] = useState("");
  const [owner, setOwner] = useState("");
  const [due, setDue] = useState("");
  const form = useForm(
    () => api.addActionItem(org.id, articleId, { title: title.trim(), ownerId: owner || null, dueOn: due || null }),
    (item) => {
      setTitle("");
      setOwner("");
      setDue("");
      onAdded(item);
    },
    { fields: ["title", "ownerId", "dueOn"] },
  );
  return (
    <form onSubmit={form.onSubmit} noValidate aria-label="Add an action item" className="space-y-3">
      <FormError form={form} />
      <div className="grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)]">
        <TextField
          label="Action item"
          placeholder="e.g. Alert on the pool's saturation"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={form.fieldError("title")}
          required
        />
        <SelectField label="Owner" value={owner} onChange={(e) => setOwner(e.target.value)} error={form.fieldError("ownerId")}>
          <option value="">No owner</option>
          {members.data?.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name || m.email}
            </option>
          ))}
        </SelectField>
        <TextField label="Due date" type="date" value={due} onChange={(e) => setDue(e.target.value)} error={form.fieldError("dueOn")} />
      </div>
      <Button type="submit" size="sm" pending={form.pending} disabled={!title.trim()}>
        Add action item
      </Button>
    </form>
  );
}
