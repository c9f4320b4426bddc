"use client";

import { useState } from "react";
import { api, ApiError, messageOf, type Module } from "@/lib/api";
import { ALWAYS_ON, MODULE_DESCRIPTION, MODULE_LABEL, MODULE_PLAN, planName } from "@/lib/modules";
import { useOrg } from "@/lib/org";
import { Alert } from "@/components/ui/Alert";
import { Card, CardHeader } from "@/components/ui/Card";
import { cx } from "@/components/ui/cx";

function Toggle({ id, checked, disabled, onChange, labelledBy, describedBy }: { id: string; checked: boolean; disabled?: boolean; onChange: (on: boolean) => void; labelledBy: string; describedBy: string }) {
  return (
    <button
      id={id}
      type="button"
      role="switch"
      aria-checked={checked}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      disabled={disabled}
      onClick={() => onChange(!checked)}
      className={cx(
        "relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:cursor-not-allowed disabled:opacity-50",
        checked ? "bg-brand-600" : "bg-slate-400 dark:bg-slate-600",
      )}
    >
      <span className={cx("inline-block h-5 w-5 rounded-full bg-white shadow transition-transform", checked ? "translate-x-5" : "translate-x-0.5")} />
    </button>
  );
}

export default function Modules() {
  const { org, setOrg } = useOrg();
  const [pending, setPending] = useState<string>();
  const [error, setError] = useState<{ module: string; message: string }>();
  // A 402 names the plan a module needs; it overrides our own table.
  const [requiredPlans, setRequiredPlans] = useState<Record<string, string>>({});

  const toggle = async (module: Module, on: boolean) => {
    setPending(module);
    setError(undefined);
    try {
      setOrg(await api.setFeatures(org.id, { [module]: on }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 402 && e.problem.requiredPlan) {
        setRequiredPlans((plans) => ({ ...plans, [module]: e.problem.requiredPlan! }));
      }
      setError({ module, message: messageOf(e) });
    } finally {
      setPending(undefined);
    }
  };

  const modules = (Object.keys(org.features) as Module[]).sort((a, b) => (MODULE_LABEL[a] ?? a).localeCompare(MODULE_LABEL[b] ?? b));

  return (
    <Card>
      <CardHeader
        title="Modules"
        description={`Switch ITSM modules on or off for everyone in ${org.name}. You are on the ${planName(org.plan)} plan.`}
      />
      {error && (
        <div className="px-4 pt-4">
          <Alert tone="error" title={`Could not change ${MODULE_LABEL[error.module] ?? error.module}`}>
            {error.message}
          </Alert>
        </div>
      )}
      <ul className="divide-y divide-slate-200 dark:divide-slate-700">
        {modules.map((module) => {
          const allowed = org.limits.modules.includes(module) && !requiredPlans[module];
          const locked = ALWAYS_ON.has(module);
          const id = `module-${module}`;
          return (
            <li key={module} className="flex items-start gap-4 px-4 py-4">
              <div className="min-w-0 flex-1">
                <p id={`${id}-label`} className="font-medium text-slate-900 dark:text-white">
                  {MODULE_LABEL[module] ?? module}
                </p>
                <p id={`${id}-desc`} className="text-sm text-slate-600 dark:text-slate-400">
                  {MODULE_DESCRIPTION[module]}
                  {!allowed && (
                    <span className="ml-1 font-medium text-amber-800 dark:text-amber-300">
                      Requires {planName(requiredPlans[module] ?? MODULE_PLAN[module])}.
                    </span>
                  )}
                  {locked && <span className="ml-1 font-medium">Always on.</span>}
                </p>
              </div>
              <Toggle
                id={id}
                checked={!!org.features[module]}
                disabled={!allowed || locked || pending === module}
                onChange={(on) => toggle(module, on)}
                labelledBy={`${id}-label`}
                describedBy={`${id}-desc`}
              />
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
