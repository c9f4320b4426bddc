"use client";

import type { ReactNode } from "react";
import { ApiError, messageOf } from "@/lib/api";
import type { Pages } from "@/lib/pages";
import { ErrorAlert } from "./Alert";
import { Button } from "./Button";
import { Icon, type IconName } from "./Icon";
import { Spinner } from "./Spinner";

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <div role="status" className="flex items-center justify-center gap-3 py-16 text-sm text-slate-600 dark:text-slate-400">
      <Spinner />
      <span>{label}</span>
    </div>
  );
}

function Panel({ icon, title, children, action }: { icon: IconName; title: ReactNode; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center px-4 py-14 text-center">
      <div className="mb-4 flex h-12 w-12 items-center justify-center rounded-full bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300">
        <Icon name={icon} />
      </div>
      <h2 className="text-lg font-semibold text-slate-900 dark:text-white">{title}</h2>
      {children && <div className="mt-2 text-sm text-slate-600 dark:text-slate-400">{children}</div>}
      {action && <div className="mt-5">{action}</div>}
    </div>
  );
}

export function EmptyState({ title, children, action }: { title: ReactNode; children?: ReactNode; action?: ReactNode }) {
  return (
    <Panel icon="inbox" title={title} action={action}>
      {children}
    </Panel>
  );
}

export function NotAllowed({ children }: { children?: ReactNode }) {
  return (
    <Panel icon="lock" title="You don't have access to this page">
      {children ?? "Only organisation admins can open this page. Ask an admin if you need access."}
    </Panel>
  );
}

export function NotFound({ children }: { children?: ReactNode }) {
  return (
    <Panel icon="question" title="Not found">
      {children ?? "This page does not exist, or you do not have access to it."}
    </Panel>
  );
}

export function ComingSoon({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Panel icon="tools" title={`${title} is coming soon`}>
      {children ?? "This part of Simplicity is not available yet. Nothing here is live data."}
    </Panel>
  );
}

/** The error state of a screen; 403 and 404 get their own wording. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (error instanceof ApiError && error.status === 403) return <NotAllowed />;
  if (error instanceof ApiError && error.status === 404) return <NotFound />;
  return (
    <Panel
      icon="alert"
      title="Something went wrong"
      action={
        onRetry && (
          <Button variant="secondary" onClick={onRetry}>
            Try again
          </Button>
        )
      }
    >
      {messageOf(error)}
    </Panel>
  );
}

/** The foot of a paged list: the button for its next page, and what went wrong loading one. */
export function LoadMore({ pages, label }: { pages: Pages<unknown>; label: string }) {
  if (!pages.hasMore && !pages.more.error) return null;
  return (
    <div className="border-t border-slate-200 p-3 text-center dark:border-slate-700">
      <ErrorAlert error={pages.more.error} className="mb-3 text-left" />
      {pages.hasMore && (
        <Button variant="secondary" onClick={pages.loadMore} pending={pages.more.pending}>
          {label}
        </Button>
      )}
    </div>
  );
}
