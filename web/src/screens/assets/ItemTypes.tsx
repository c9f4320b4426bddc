"use client";
// Item types and their attribute schemas (admins edit; JSON Schema).

import { useState } from "react";
import { api } from "@/lib/api";
import { useForm } from "@/lib/form";
import { useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { FormError } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Card, CardHeader, PageHeader } from "@/components/ui/Card";
import { TextArea, TextField } from "@/components/ui/Field";
import { ErrorState, Loading } from "@/components/ui/States";

export default function ItemTypes() {
  const { org, isAdmin } = useOrg();
  const types = useResource(() => api.itemTypes(org.id), [org.id]);
  const [key, setKey] = useState("");
  const [name, setName] = useState("");
  const [schema, setSchema] = useState('{\n  "type": "object",\n  "properties": {}\n}');
  const form = useForm(
    () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(schema);
      } catch {
        throw new Error("The schema is not valid JSON.");
      }
      return api.putItemType(org.id, key.trim(), { name: name.trim(), schema: parsed });
    },
    () => types.reload(),
  );
  return (
    <>
      <PageHeader title="Item types" description="Each type's attributes are checked against its JSON Schema." />
      {types.loading ? (
        <Loading label="Loading types…" />
      ) : !types.data ? (
        <ErrorState error={types.error} onRetry={types.reload} />
      ) : (
        <Card className="mb-4">
          <ul className="divide-y divide-slate-200 dark:divide-slate-700" aria-label="Item types">
            {types.data.map((t) => (
              <li key={t.key} className="space-y-1 px-4 py-3 text-sm">
                <p className="font-medium text-slate-900 dark:text-white">
                  {t.name} <span className="font-mono text-slate-600 dark:text-slate-400">({t.key}{t.builtIn ? ", built in" : ""})</span>
                </p>
                <pre className="overflow-x-auto text-xs text-slate-700 dark:text-slate-300">{JSON.stringify(t.schema)}</pre>
                {isAdmin && (
                  <Button size="sm" variant="secondary" onClick={() => (setKey(t.key), setName(t.name), setSchema(JSON.stringify(t.schema, null, 2)))}>
                    Edit {t.name}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </Card>
      )}
      {isAdmin && (
        <Card>
          <CardHeader title="Define a type, or a type's schema" />
          <form onSubmit={form.onSubmit} className="space-y-4 p-4" noValidate>
            <FormError form={form} />
            <TextField label="Key" value={key} onChange={(e) => setKey(e.target.value)} error={form.fieldError("typeKey")} />
            <TextField label="Type name" value={name} onChange={(e) => setName(e.target.value)} error={form.fieldError("name")} />
            <TextArea label="Attribute schema (JSON Schema)" className="font-mono" rows={8} value={schema} onChange={(e) => setSchema(e.target.value)} error={form.fieldError("schema")} />
            <Button type="submit" pending={form.pending}>
              Save type
            </Button>
          </form>
        </Card>
      )}
    </>
  );
}
