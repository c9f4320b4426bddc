"use client";

import type { ReactNode } from "react";
import type { Module } from "@/lib/api";
import { useOrg } from "@/lib/org";
import { Link, useDocumentTitle, useLocation } from "@/lib/router";
import { cx } from "@/components/ui/cx";
import { NotAllowed } from "@/components/ui/States";

export interface SettingsSection {
  segment: string;
  label: string;
  adminOnly: boolean;
  /** Shown only while this module is on. */
  module?: Module;
}

export const SETTINGS_SECTIONS: SettingsSection[] = [
  { segment: "members", label: "Members", adminOnly: true },
  { segment: "teams", label: "Teams", adminOnly: true },
  { segment: "modules", label: "Modules", adminOnly: true },
  { segment: "sla", label: "SLA targets", adminOnly: true, module: "slaManagement" },
  { segment: "sla-policies", label: "SLA policies", adminOnly: true, module: "slaManagement" },
  { segment: "audit", label: "Audit log", adminOnly: true },
  { segment: "tokens", label: "API tokens", adminOnly: false },
  { segment: "notifications", label: "My notifications", adminOnly: false },
  { segment: "billing", label: "Billing", adminOnly: true },
  { segment: "integrations", label: "Integrations", adminOnly: true },
  { segment: "knowledge-base", label: "Knowledge base", adminOnly: true, module: "knowledgeBase" },
  { segment: "catalogue", label: "Catalogue", adminOnly: true, module: "serviceCatalog" },
];

export function SettingsLayout({ section, children }: { section: SettingsSection; children: ReactNode }) {
  const { org, membership, isAdmin } = useOrg();
  const { pathname } = useLocation();
  useDocumentTitle(`${section.label} · Settings`);
  const visible = SETTINGS_SECTIONS.filter((s) => (isAdmin || !s.adminOnly) && (!s.module || org.features[s.module]));
  return (
    <div>
      <h1 className="mb-4 text-2xl font-bold tracking-tight text-slate-900 dark:text-white">Settings</h1>
      <nav aria-label="Settings" className="mb-6 overflow-x-auto border-b border-slate-200 dark:border-slate-700">
        <ul className="flex gap-1">
          {visible.map((s) => {
            const href = `/${membership.slug}/settings/${s.segment}`;
            const active = pathname === href || pathname.startsWith(`${href}/`);
            return (
              <li key={s.segment}>
                <Link
                  href={href}
                  aria-current={active ? "page" : undefined}
                  className={cx(
                    "-mb-px block whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium",
                    active
                      ? "border-brand-600 text-brand-800 dark:border-brand-400 dark:text-white"
                      : "border-transparent text-slate-700 hover:border-slate-300 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white",
                  )}
                >
                  {s.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {section.adminOnly && !isAdmin ? (
        <NotAllowed>Only admins of {membership.name} can change these settings. Ask an admin if you need access.</NotAllowed>
      ) : (
        children
      )}
    </div>
  );
}
