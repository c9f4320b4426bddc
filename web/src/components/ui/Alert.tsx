import type { ReactNode } from "react";
import { messageOf } from "@/lib/api";
import type { Form } from "@/lib/form";
import { cx } from "./cx";

type Tone = "error" | "warning" | "success" | "info";

const tones: Record<Tone, string> = {
  error: "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100",
  warning: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-100",
  success: "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/60 dark:text-emerald-100",
  info: "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950/60 dark:text-sky-100",
};

export function Alert({
  tone = "info",
  title,
  children,
  action,
  className,
}: {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  className?: string;
}) {
  return (
    <div
      role={tone === "error" || tone === "warning" ? "alert" : "status"}
      className={cx("flex flex-wrap items-start gap-3 rounded-md border px-4 py-3 text-sm", tones[tone], className)}
    >
      <div className="min-w-0 flex-1">
        {title && <p className="font-semibold">{title}</p>}
        {children && <div className={title ? "mt-1" : undefined}>{children}</div>}
      </div>
      {action && <div className="shrink-0">{action}</div>}
    </div>
  );
}

/** An error from an API call (or anything thrown), as an alert; `children` follow its message. */
export function ErrorAlert({ error, action, className, children }: { error: unknown; action?: ReactNode; className?: string; children?: ReactNode }) {
  if (!error) return null;
  return (
    <Alert tone="error" action={action} className={className}>
      {messageOf(error)}
      {children}
    </Alert>
  );
}

/** What went wrong with a form that names no field (those show beside their field). */
export function FormError({ form, className, children }: { form: Form; className?: string; children?: ReactNode }) {
  return (
    <ErrorAlert error={form.formError} className={className}>
      {children}
    </ErrorAlert>
  );
}
