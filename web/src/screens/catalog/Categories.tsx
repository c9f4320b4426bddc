"use client";
// The catalogue's categories: added, renamed (with a description and a
// position, which orders them in the portal) and deleted.

import { useState } from "react";
import { api, type CatalogCategory } from "@/lib/api";
import { useForm } from "@/lib/form";
import { useOrg } from "@/lib/org";
import { useAction, useResource } from "@/lib/resource";
import { ErrorAlert, FormError } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { TextField } from "@/components/ui/Field";
import { ErrorState, Loading } from "@/components/ui/States";

function CategoryForm({
  initial,
  submitLabel,
  onSave,
  onCancel,
  label,
}: {
  initial?: CatalogCategory;
  submitLabel: string;
  onSave: (input: { name: string; description: string; position: number }) => Promise<unknown>;
  onCancel?: () => void;
  label: string;
}) {
  const [name, setName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [position, setPosition] = useState(String(initial?.position ?? 0));
  const form = useForm(
    () => onSave({ name: name.trim(), description: description.trim(), position: Number(position) || 0 }),
    () => {
      if (!initial) {
        setName("");
        setDescription("");
        setPosition("0");
      }
    },
    { fields: ["name", "description", "position"] },
  );
  return (
    <form onSubmit={form.onSubmit} noValidate aria-label={label} className="space-y-3">
      <FormError form={form} />
      <div className="grid gap-3 sm:grid-cols-[1fr_2fr_6rem]">
        <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={form.fieldError("name")} required />
        <TextField label="Description" value={description} onChange={(e) => setDescription(e.target.value)} error={form.fieldError("description")} />
        <TextField label="Position" type="number" value={position} onChange={(e) => setPosition(e.target.value)} error={form.fieldError("position")} />
      </div>
      <div className="flex gap-2">
        <Button type="submit" size="sm" pending={form.pending} disabled={!name.trim()}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button size="sm" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}

function CategoryRow({ category, onChanged }: { category: CatalogCategory; onChanged: () => Promise<void> }) {
  const { org } = useOrg();
  const [editing, setEditing] = useState(false);
  const remove = useAction(() => api.deleteCategory(org.id, category.id));
  if (editing) {
    return (
      <li className="px-4 py-3">
        <CategoryForm
          initial={category}
          label={`Edit ${category.name}`}
          submitLabel="Save"
          onSave={async (input) => {
            await api.updateCategory(org.id, category.id, input);
            setEditing(false);
            await onChanged();
          }}
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  }
  return (
    <li className="flex flex-wrap items-center gap-3 px-4 py-3">
      <div className="min-w-0 flex-1">
        <p className="font-medium text-slate-900 dark:text-white">{category.name}</p>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {category.description || "No description"} · position {category.position}
        </p>
        <ErrorAlert error={remove.error} className="mt-2" />
      </div>
      <Button size="sm" variant="secondary" onClick={() => setEditing(true)} aria-label={`Rename ${category.name}`}>
        Rename
      </Button>
      <Button
        size="sm"
        variant="ghost"
        pending={remove.pending}
        aria-label={`Delete ${category.name}`}
        onClick={async () => {
          if (!window.confirm(`Delete the category ${category.name}? Its items stay, without a category.`)) return;
          await remove.run();
          await onChanged();
        }}
      >
        Delete
      </Button>
    </li>
  );
}

export default function Categories() {
  const { org } = useOrg();
  const categories = useResource(
    () => api.catalog(org.id).then((c) => [...c.categories].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name))),
    [org.id],
  );
  return (
    <Card>
      <CardHeader title="Categories" description="Group the portal's items. Lower positions come first." />
      {categories.loading ? (
        <Loading label="Loading categories…" />
      ) : !categories.data ? (
        <ErrorState error={categories.error} onRetry={categories.reload} />
      ) : categories.data.length === 0 ? (
        <p className="p-4 text-sm text-slate-600 dark:text-slate-400">No categories: the portal lists every item under “Other”.</p>
      ) : (
        <ul className="divide-y divide-slate-200 dark:divide-slate-700" aria-label="Categories">
          {categories.data.map((c) => (
            <CategoryRow key={c.id} category={c} onChanged={categories.reload} />
          ))}
        </ul>
      )}
      <div className="border-t border-slate-200 p-4 dark:border-slate-700">
        <h3 className="mb-2 text-sm font-semibold text-slate-900 dark:text-white">Add a category</h3>
        <CategoryForm
          label="Add a category"
          submitLabel="Add category"
          onSave={async (input) => {
            await api.createCategory(org.id, input);
            await categories.reload();
          }}
        />
      </div>
    </Card>
  );
}
