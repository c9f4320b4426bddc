"use client";
// A catalogue item's editor (admins): name, icon, category, description,
// the form (JSON Schema with a live preview), approval steps (none: no
// approval), the fulfilment plan, who may request it and the target time;
// publish, withdraw or retire it. Saving replaces the item against the
// version it was loaded at (If-Match).

import { useRef, useState } from "react";
import { api, ApiError, type ApprovalStep, type CatalogItem, type CatalogItemInput, type CatalogItemStatus, type Versioned } from "@/lib/api";
import { schemaProperties } from "@/lib/answers";
import { useForm } from "@/lib/form";
import { formatDateTime } from "@/lib/format";
import { useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { Link, navigate, useDocumentTitle } from "@/lib/router";
import { Alert, ErrorAlert, FormError } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { Checkbox, SelectField, TextField } from "@/components/ui/Field";
import { ErrorState, Loading } from "@/components/ui/States";
import { MarkdownEditor } from "@/components/MarkdownEditor";
import { ApprovalStepEditor, newStep } from "@/components/records/ApprovalStepEditor";
import { EXAMPLE_FORM, FormSchemaEditor, parseSchema } from "./FormSchemaEditor";
import { FulfilmentEditor, planDraft, planOf, type PlanDraft } from "./FulfilmentEditor";
import { ItemStatusBadge } from "./shared";

type Unit = "minutes" | "hours" | "days";
const UNIT_MINUTES: Record<Unit, number> = { minutes: 1, hours: 60, days: 1440 };

function targetDraft(minutes: number | null | undefined): { amount: string; unit: Unit } {
  if (!minutes) return { amount: "", unit: "hours" };
  const unit: Unit = minutes % 1440 === 0 ? "days" : minutes % 60 === 0 ? "hours" : "minutes";
  return { amount: String(minutes / UNIT_MINUTES[unit]), unit };
}

/** JSON pointers of a form's answers (nested objects' too), for conditions. */
function pointersOf(schema: unknown, prefix = ""): string[] {
  return Object.entries(schemaProperties(schema)).flatMap(([key, property]) => {
    const pointer = `${prefix}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    return [pointer, ...pointersOf(property, pointer)];
  });
}

/** The moves an item's status allows, as buttons. */
const MOVES: Record<CatalogItemStatus, { to: CatalogItemStatus; label: string }[]> = {
  draft: [
    { to: "published", label: "Publish" },
    { to: "retired", label: "Retire" },
  ],
  published: [
    { to: "draft", label: "Withdraw" },
    { to: "retired", label: "Retire" },
  ],
  retired: [{ to: "draft", label: "Back to draft" }],
};

function ItemEditor({ saved, onSaved, onReload }: { saved?: Versioned<CatalogItem>; onSaved: (item: Versioned<CatalogItem>) => void; onReload: () => void }) {
  const { org, membership } = useOrg();
  const item = saved?.value;
  const categories = useResource(() => api.catalog(org.id).then((c) => c.categories), [org.id]);
  const teams = useResource(() => api.teams(org.id), [org.id]);
  const [name, setName] = useState(item?.name ?? "");
  const [icon, setIcon] = useState(item?.icon ?? "");
  const [category, setCategory] = useState(item?.category ?? "");
  const [description, setDescription] = useState(item?.description ?? "");
  const [formText, setFormText] = useState(JSON.stringify(item?.form ?? EXAMPLE_FORM, null, 2));
  const [approval, setApproval] = useState<ApprovalStep[]>(item?.setup?.approval ?? []);
  const [plan, setPlan] = useState<PlanDraft>(planDraft(item?.setup?.fulfilment));
  const [audience, setAudience] = useState<string[]>(item?.setup?.audienceTeams ?? []);
  const initialTarget = targetDraft(item?.targetMinutes);
  const [amount, setAmount] = useState(initialTarget.amount);
  const [unit, setUnit] = useState<Unit>(initialTarget.unit);
  const [stale, setStale] = useState(false);
  const [moveError, setMoveError] = useState<unknown>();
  const [moving, setMoving] = useState(false);

  const parsed = parseSchema(formText);
  const input = (): CatalogItemInput => ({
    name: name.trim(),
    icon: icon.trim(),
    category: category || null,
    description,
    form: parsed.schema ?? {},
    approval,
    fulfilment: planOf(plan),
    audienceTeams: audience,
    targetMinutes: amount.trim() ? Math.round(Number(amount) * UNIT_MINUTES[unit]) : null,
  });
  // Changes not saved yet (a status move applies to the saved item): the
  // input against what it was when this editor opened the saved item.
  const now = JSON.stringify(input());
  const baseline = useRef(now);
  const dirty = !item || now !== baseline.current;

  const form = useForm(
    async () => {
      if (parsed.error) throw new Error(`${parsed.error} Fix it before saving.`);
      try {
        return saved ? await api.replaceCatalogItem(org.id, saved.value.id, saved.etag, input()) : await api.createCatalogItem(org.id, input());
      } catch (e) {
        if (e instanceof ApiError && e.status === 412) setStale(true);
        throw e;
      }
    },
    (result) => {
      onSaved(result);
      if (!saved) navigate(`/${membership.slug}/settings/catalogue/${result.value.id}`, { replace: true });
    },
    { fields: ["name", "icon", "category", "description", "form", "approval", "fulfilment", "audienceTeams", "targetMinutes"] },
  );

  async function move(to: CatalogItemStatus) {
    if (!saved) return;
    setMoving(true);
    setMoveError(undefined);
    try {
      onSaved(await api.moveCatalogItem(org.id, saved.value.id, saved.etag, to));
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) setStale(true);
      else setMoveError(e);
    } finally {
      setMoving(false);
    }
  }

  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-6" aria-label={item ? `Edit ${item.name}` : "New catalogue item"}>
      {stale && (
        <Alert tone="warning" title="This item changed meanwhile" action={<Button size="sm" onClick={onReload}>Reload</Button>}>
          Someone else saved it since you opened it. Reload to see their version (your changes here are lost), then edit again.
        </Alert>
      )}
      {item && (
        <Card className="flex flex-wrap items-center gap-3 p-4">
          <span className="text-sm text-slate-700 dark:text-slate-300">Status:</span>
          <ItemStatusBadge status={item.status} />
          <span className="text-sm text-slate-600 dark:text-slate-400">
            form version {item.formVersion}
            {item.setup && ` · updated ${formatDateTime(item.setup.updatedAt)}`}
          </span>
          <span className="ml-auto flex flex-wrap gap-2" role="group" aria-label="Item status">
            {MOVES[item.status].map((m, i) => (
              <Button key={m.to} size="sm" variant={i === 0 ? "primary" : "secondary"} disabled={dirty || moving} onClick={() => void move(m.to)}>
                {m.label}
              </Button>
            ))}
          </span>
          {dirty && <p className="w-full text-xs text-slate-600 dark:text-slate-400">Save your changes first to publish, withdraw or retire the item.</p>}
          <ErrorAlert error={moveError} className="w-full" />
        </Card>
      )}
      <FormError form={form} />
      <Card>
        <CardHeader title="What it is" />
        <div className="space-y-4 p-4">
          <div className="grid gap-4 sm:grid-cols-[2fr_8rem_1fr]">
            <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={form.fieldError("name")} required />
            <TextField label="Icon" hint="An emoji, e.g. 💻" value={icon} onChange={(e) => setIcon(e.target.value)} error={form.fieldError("icon")} maxLength={16} />
            <SelectField label="Category" value={category} onChange={(e) => setCategory(e.target.value)} error={form.fieldError("category")}>
              <option value="">No category</option>
              {(categories.data ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </SelectField>
          </div>
          <MarkdownEditor label="Description" value={description} onChange={setDescription} rows={4} error={form.fieldError("description")} />
          <div className="grid gap-4 sm:grid-cols-[10rem_10rem]">
            <TextField
              label="Target time"
              type="number"
              min={0}
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              error={form.fieldError("targetMinutes")}
              hint="Empty: none"
            />
            <SelectField label="Unit" value={unit} onChange={(e) => setUnit(e.target.value as Unit)}>
              <option value="minutes">minutes</option>
              <option value="hours">hours</option>
              <option value="days">days</option>
            </SelectField>
          </div>
          <fieldset>
            <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">Who may request it</legend>
            <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">Members of the teams ticked; none ticked: everyone in {membership.name}.</p>
            <div className="flex flex-wrap gap-x-5 gap-y-2">
              {(teams.data ?? []).map((t) => (
                <Checkbox
                  key={t.id}
                  label={t.name}
                  checked={audience.includes(t.id)}
                  onChange={(e) => setAudience(e.target.checked ? [...audience, t.id] : audience.filter((id) => id !== t.id))}
                />
              ))}
              {teams.data?.length === 0 && <span className="text-sm text-slate-600 dark:text-slate-400">No teams yet.</span>}
            </div>
            {form.errorUnder("audienceTeams") && <p className="mt-1 text-sm text-red-700 dark:text-red-300">{form.errorUnder("audienceTeams")}</p>}
          </fieldset>
        </div>
      </Card>
      <Card>
        <CardHeader title="Form" description="The questions a request answers." />
        <div className="p-4">
          <FormSchemaEditor text={formText} onChange={setFormText} error={form.errorUnder("form")} />
        </div>
      </Card>
      <Card>
        <CardHeader title="Approval" description="Steps in order; each approves before the next is asked. No steps: requests go straight to fulfilment." />
        <div className="space-y-3 p-4">
          {approval.map((step, i) => (
            <ApprovalStepEditor
              key={i}
              label={`Approval step ${i + 1}`}
              step={step}
              withGroups
              onChange={(changed) => setApproval(approval.map((s, j) => (j === i ? changed : s)))}
              errorOf={(field) => form.errorUnder(`approval[${i}].${field}`)}
              actions={
                <Button variant="ghost" size="sm" onClick={() => setApproval(approval.filter((_, j) => j !== i))}>
                  Remove step {i + 1}
                </Button>
              }
            />
          ))}
          <Button variant="secondary" onClick={() => setApproval([...approval, newStep(approval.length ? `Step ${approval.length + 1}` : "Manager")])}>
            Add an approval step
          </Button>
        </div>
      </Card>
      <Card>
        <CardHeader title="Fulfilment plan" description="Once approved, the tasks of stage 1 open for their teams; when they are done, stage 2's, and so on. The last task fulfils the request." />
        <div className="p-4">
          <FulfilmentEditor plan={plan} teams={teams.data} pointers={parsed.schema ? pointersOf(parsed.schema) : []} onChange={setPlan} errorOf={(field) => form.errorUnder(`fulfilment.${field}`)} />
        </div>
      </Card>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" pending={form.pending} disabled={!!item && !dirty}>
          {item ? "Save changes" : "Create draft"}
        </Button>
        <Button variant="secondary" onClick={() => navigate(`/${membership.slug}/settings/catalogue`)}>
          {item && !dirty ? "Back to the catalogue" : "Cancel"}
        </Button>
      </div>
    </form>
  );
}

export default function ItemEditorPage({ itemId }: { itemId?: string }) {
  const { org, membership } = useOrg();
  const detail = useResource<Versioned<CatalogItem>>(itemId ? () => api.catalogItem(org.id, itemId) : null, [org.id, itemId]);
  // A new item is saved under its id; the editor stays (the URL follows).
  const [saved, setSaved] = useState<Versioned<CatalogItem>>();
  const current = saved ?? detail.data;
  useDocumentTitle(current ? `${current.value.name} · Catalogue` : "New item · Catalogue");
  if (itemId && detail.loading && !current) return <Loading label="Loading the item…" />;
  if (itemId && !current) return <ErrorState error={detail.error} onRetry={detail.reload} />;
  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/${membership.slug}/settings/catalogue`} className="text-brand-700 hover:underline dark:text-brand-300">
          ← Catalogue
        </Link>
      </nav>
      <h2 className="text-xl font-semibold text-slate-900 dark:text-white">{current ? current.value.name : "New item"}</h2>
      {/* Each saved version opens afresh (as the server keeps it). */}
      <ItemEditor
        key={current ? `${current.value.id}@${current.value.version}` : "new"}
        saved={current}
        onSaved={setSaved}
        onReload={() => {
          setSaved(undefined);
          void detail.reload();
        }}
      />
    </div>
  );
}
