"use client";

import type { ReactNode } from "react";
import { Link, useLocation } from "@/lib/router";
import { cx } from "./cx";

export interface Tab {
  href: string;
  label: string;
}

/** A module's views as tabs, the one at the current path marked; `children` go after them (a link aside, say). */
export function TabNav({ label, tabs, children }: { label: string; tabs: Tab[]; children?: ReactNode }) {
  const { pathname } = useLocation();
  return (
    <nav aria-label={label} className="mb-4 flex flex-wrap items-center gap-2 border-b border-slate-200 pb-2 dark:border-slate-700">
      {tabs.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={pathname === tab.href ? "page" : undefined}
          className={cx(
            "rounded-md px-3 py-1.5 text-sm font-medium",
            pathname === tab.href ? "bg-brand-50 text-brand-800 dark:bg-brand-900 dark:text-brand-50" : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
          )}
        >
          {tab.label}
        </Link>
      ))}
      {children}
    </nav>
  );
}
