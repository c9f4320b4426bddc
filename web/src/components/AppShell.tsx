"use client";
// The frame of every organisation page: top bar (org switcher, user, sign
// out), navigation of the modules switched on, and global shortcuts.

import { useEffect, useRef, useState, type ReactNode } from "react";
import { api, messageOf } from "@/lib/api";
import { useStripeRedirect } from "@/lib/billing";
import { searchFocus, useHotkeys } from "@/lib/hotkeys";
import { MODULE_LABEL, MODULE_SCREENS, planName, UPCOMING_MODULES } from "@/lib/modules";
import { useOrg } from "@/lib/org";
import { orgHome } from "@/lib/paths";
import { Link, navigate, useLocation } from "@/lib/router";
import { useMe, useSession } from "@/lib/session";
import { Logo } from "./Logo";
import { ResendVerification } from "./ResendVerification";
import { Button } from "./ui/Button";
import { cx } from "./ui/cx";

interface NavItem {
  href: string;
  label: string;
  /** Also active for deeper paths. */
  prefix?: boolean;
  /** Deeper paths that belong to other items. */
  except?: string[];
}

/** A requester's navigation: the portal only. */
function portalItems(slug: string, features: Record<string, boolean>): NavItem[] {
  const portal = `/${slug}/portal`;
  const items: NavItem[] = [];
  if (features.serviceCatalog) items.push({ href: portal, label: "Catalogue", prefix: true, except: [`${portal}/requests`, `${portal}/help`] });
  if (features.requestFulfillment) items.push({ href: `${portal}/requests`, label: "My requests", prefix: true });
  if (features.knowledgeBase) items.push({ href: `${portal}/help`, label: "Help articles", prefix: true });
  return items;
}

export function navItems(slug: string, features: Record<string, boolean>, requester = false): NavItem[] {
  if (requester) return portalItems(slug, features);
  const base = `/${slug}`;
  const items: NavItem[] = [];
  if (features.incidentManagement !== false) {
    items.push({ href: `${base}/incidents`, label: "Incidents", prefix: true });
    items.push({ href: `${base}/dashboard`, label: "Dashboard" });
  }
  if (features.knowledgeBase) items.push({ href: `${base}/kb`, label: "Knowledge base", prefix: true });
  for (const [segment, module] of Object.entries(MODULE_SCREENS)) {
    if (features[module]) items.push({ href: `${base}/${segment}`, label: MODULE_LABEL[module], prefix: true });
  }
  for (const [segment, module] of Object.entries(UPCOMING_MODULES)) {
    if (features[module]) items.push({ href: `${base}/${segment}`, label: MODULE_LABEL[module] });
  }
  items.push({ href: `${base}/on-call`, label: "On-call" });
  items.push({ href: `${base}/settings`, label: "Settings", prefix: true });
  return items;
}

function OrgSwitcher() {
  const me = useMe();
  const { membership } = useOrg();
  return (
    <div className="min-w-0">
      <label htmlFor="org-switcher" className="sr-only">
        Organisation
      </label>
      <select
        id="org-switcher"
        value={membership.slug}
        onChange={(e) => {
          const next = me.memberships.find((m) => m.slug === e.target.value);
          navigate(next ? orgHome(next) : "/new-org");
        }}
        className="max-w-[11rem] truncate rounded-md border border-slate-300 bg-white py-1.5 pl-2 pr-8 text-sm font-medium text-slate-900 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/40 sm:max-w-xs dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100"
      >
        {me.memberships.map((m) => (
          <option key={m.orgId} value={m.slug}>
            {m.name}
          </option>
        ))}
        <option value="__new">+ New organisation…</option>
      </select>
    </div>
  );
}

function VerifyEmailBanner() {
  const me = useMe();
  if (me.user.emailVerified) return null;
  return (
    <div className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-3 gap-y-1">
        <span>Please confirm your email address ({me.user.email}) with the link we sent you.</span>
        <ResendVerification />
      </div>
    </div>
  );
}

/** For admins, on every page of the organisation (but billing's own, which says it there), while its last payment has failed. */
function PastDueBanner() {
  const { org, membership, isAdmin, billing } = useOrg();
  const { pathname } = useLocation();
  const portal = useStripeRedirect(() => api.billingPortal(org.id));
  if (!isAdmin || !billing?.pastDue || pathname === `/${membership.slug}/settings/billing`) return null;
  return (
    <div
      role="region"
      aria-label="Billing problem"
      className="border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    >
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-3 gap-y-1">
        <span>
          <strong className="font-semibold">Payment failed</strong> — update your card to keep {planName(billing.plan)}.
        </span>
        <Button size="sm" variant="danger" pending={!!portal.pending} onClick={() => void portal.go("card")}>
          Update card
        </Button>
        {portal.error ? <span>{messageOf(portal.error)}</span> : null}
      </div>
    </div>
  );
}

export function AppShell({ children }: { children: ReactNode }) {
  const me = useMe();
  const { signOut } = useSession();
  const { org, membership, live, isRequester } = useOrg();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const items = navItems(membership.slug, org.features, isRequester);

  useHotkeys(
    isRequester
      ? {}
      : {
          c: () => navigate(`/${membership.slug}/incidents/new`),
          "/": () => {
            const search = document.getElementById("incident-search");
            if (search) search.focus();
            else {
              searchFocus.pending = true;
              navigate(`/${membership.slug}/incidents`);
            }
          },
        },
  );

  // After moving to another page, start keyboard and screen-reader users at
  // its content — unless the new page already focused a field itself.
  const mainRef = useRef<HTMLElement>(null);
  const firstPath = useRef(pathname);
  useEffect(() => {
    if (pathname === firstPath.current) return;
    firstPath.current = "";
    const active = document.activeElement;
    if (!active || active === document.body || active.closest("nav, header")) mainRef.current?.focus({ preventScroll: true });
  }, [pathname]);

  const isActive = (item: NavItem) =>
    pathname === item.href ||
    (item.prefix && pathname.startsWith(`${item.href}/`) && !item.except?.some((other) => pathname === other || pathname.startsWith(`${other}/`)));

  const nav = (
    <ul className="flex flex-col gap-1">
      {items.map((item) => (
        <li key={item.href}>
          <Link
            href={item.href}
            onClick={() => setMenuOpen(false)}
            aria-current={isActive(item) ? "page" : undefined}
            className={cx(
              "block rounded-md px-3 py-2 text-sm font-medium",
              isActive(item)
                ? "bg-brand-50 text-brand-800 dark:bg-slate-800 dark:text-white"
                : "text-slate-700 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white",
            )}
          >
            {item.label}
          </Link>
        </li>
      ))}
    </ul>
  );

  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow dark:focus:bg-slate-800"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur dark:border-slate-800 dark:bg-slate-950/95">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-3 px-4">
          <Button
            variant="ghost"
            size="sm"
            className="md:hidden"
            aria-expanded={menuOpen}
            aria-controls="mobile-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            <span aria-hidden="true">☰</span>
            <span className="sr-only">Menu</span>
          </Button>
          <Link href={orgHome(membership)} className="hidden text-slate-900 sm:block dark:text-white" aria-label="Simplicity home">
            <Logo />
          </Link>
          <OrgSwitcher />
          {!isRequester && (
            <span
              className={cx(
                "hidden items-center gap-1.5 text-xs sm:inline-flex",
                live ? "text-emerald-700 dark:text-emerald-300" : "text-slate-600 dark:text-slate-400",
              )}
              title={live ? "Live updates are on" : "Live updates are reconnecting"}
            >
              <span className={cx("h-2 w-2 rounded-full", live ? "bg-emerald-500" : "bg-slate-400")} aria-hidden="true" />
              {live ? "Live" : "Offline"}
            </span>
          )}
          <div className="ml-auto flex items-center gap-2">
            <span className="hidden max-w-[12rem] truncate text-sm text-slate-700 lg:inline dark:text-slate-300" title={me.user.email}>
              {me.user.name || me.user.email}
            </span>
            <Button
              variant="secondary"
              size="sm"
              onClick={async () => {
                await signOut();
                navigate("/login");
              }}
            >
              Sign out
            </Button>
          </div>
        </div>
      </header>
      <VerifyEmailBanner />
      <PastDueBanner />
      {menuOpen && (
        <nav id="mobile-nav" aria-label="Main" className="border-b border-slate-200 bg-white px-4 py-3 md:hidden dark:border-slate-800 dark:bg-slate-950">
          {nav}
        </nav>
      )}
      <div className="mx-auto flex max-w-7xl gap-8 px-4 py-6">
        <nav aria-label="Main" className="hidden w-48 shrink-0 md:block">
          {nav}
          {!isRequester && (
            <p className="mt-6 px-3 text-xs leading-5 text-slate-600 dark:text-slate-400">
              Shortcuts: <kbd className="font-mono">c</kbd> new incident, <kbd className="font-mono">/</kbd> search,{" "}
              <kbd className="font-mono">a</kbd> acknowledge
            </p>
          )}
        </nav>
        <main id="main" ref={mainRef} className="min-w-0 flex-1 focus:outline-none" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
