"use client";

import { useState } from "react";
import { api, type CreatedToken, type TokenScope } from "@/lib/api";
import { useForm } from "@/lib/form";
import { formatDateTime } from "@/lib/format";
import { useAction, useResource } from "@/lib/resource";
import { Alert, ErrorAlert, FormError } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { SelectField, TextField } from "@/components/ui/Field";
import { EmptyState, ErrorState, Loading } from "@/components/ui/States";

function NewSecret({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <Alert
      tone="success"
      title={`Token “${token.name}” created`}
      action={
        <Button size="sm" variant="secondary" onClick={onDone}>
          Done
        </Button>
      }
    >
      <p>Copy the secret now: it is shown only this once.</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code className="break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900 dark:bg-slate-900 dark:text-slate-100" data-testid="token-secret">
          {token.secret}
        </code>
        <Button
          size="sm"
          variant="secondary"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(token.secret);
              setCopied(true);
            } catch {
              setCopied(false);
            }
          }}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
    </Alert>
  );
}

export default function Tokens() {
  const tokens = useResource(() => api.tokens().then((p) => p.data), []);
  const [name, setName] = useState("");
  const [scope, setScope] = useState<TokenScope>("read-only");
  const [expires, setExpires] = useState("");
  const [created, setCreated] = useState<CreatedToken>();
  const form = useForm(
    () => api.createToken({ name: name.trim(), scope, expiresAt: expires ? new Date(`${expires}T23:59:59Z`).toISOString() : null }),
    (token) => {
      setCreated(token);
      setName("");
      setExpires("");
      void tokens.reload();
    },
  );
  const revoke = useAction((id: string) => api.revokeToken(id));

  return (
    <div className="space-y-6">
      {created && <NewSecret token={created} onDone={() => setCreated(undefined)} />}
      <Card>
        <CardHeader title="Create an API token" description="Personal tokens act as you: send them as “Authorization: Bearer …”." />
        <form onSubmit={form.onSubmit} className="grid gap-3 p-4 sm:grid-cols-4 sm:items-start" noValidate>
          <FormError form={form} className="sm:col-span-4" />
          <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={form.fieldError("name")} placeholder="e.g. CI pipeline" className="sm:col-span-2" required />
          <SelectField label="Access" value={scope} onChange={(e) => setScope(e.target.value as TokenScope)} error={form.fieldError("scope")}>
            <option value="read-only">Read only</option>
            <option value="read-write">Read and write</option>
          </SelectField>
          <TextField label="Expires (optional)" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} error={form.fieldError("expiresAt")} />
          <div className="sm:col-span-4">
            <Button type="submit" pending={form.pending} disabled={!name.trim()}>
              Create token
            </Button>
          </div>
        </form>
      </Card>
      <Card>
        <CardHeader title="Your tokens" />
        <ErrorAlert error={revoke.error} className="m-4" />
        {tokens.loading ? (
          <Loading label="Loading tokens…" />
        ) : !tokens.data ? (
          <ErrorState error={tokens.error} onRetry={tokens.reload} />
        ) : tokens.data.length === 0 ? (
          <EmptyState title="No API tokens">Create one above to use the API from scripts and tools.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200 dark:divide-slate-700">
            {tokens.data.map((t) => (
              <li key={t.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
                <div className="min-w-0 flex-1">
                  <p className="font-medium text-slate-900 dark:text-white">{t.name}</p>
                  <p className="text-slate-600 dark:text-slate-400">
                    {t.scope === "read-only" ? "Read only" : "Read and write"} · created {formatDateTime(t.createdAt)} · {t.lastUsedAt ? `last used ${formatDateTime(t.lastUsedAt)}` : "never used"}
                    {t.expiresAt && ` · expires ${formatDateTime(t.expiresAt)}`}
                  </p>
                </div>
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Revoke ${t.name}`}
                  onClick={async () => {
                    if (!window.confirm(`Revoke “${t.name}”? Anything using it stops working.`)) return;
                    await revoke.run(t.id);
                    void tokens.reload();
                  }}
                >
                  Revoke
                </Button>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
