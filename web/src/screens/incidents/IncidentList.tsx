"use client";

import { useEffect, useRef, useState } from "react";
import { api, SEVERITIES, STATUSES, type Incident, type IncidentFilters } from "@/lib/api";
import { formatRelative, STATUS_LABEL } from "@/lib/format";
import { searchFocus } from "@/lib/hotkeys";
import { useFreshMembers, useIncidentEvents, useMemberName, useOrg } from "@/lib/org";
import { usePages } from "@/lib/pages";
import { Link, setQuery, useLocation } from "@/lib/router";
import { SeverityBadge, StatusBadge } from "@/components/ui/Badge";
import { Button, ButtonLink } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { inputClass } from "@/components/ui/Field";
import { PageHeader } from "@/components/ui/Card";
import { EmptyState, ErrorState, LoadMore, Loading } from "@/components/ui/States";
import { TableHead } from "@/components/ui/Table";
import { ErrorAlert } from "@/components/ui/Alert";

const FILTER_KEYS = ["status", "severity", "assignee", "label", "q", "sort"] as const;

function filtersFrom(search: URLSearchParams): IncidentFilters {
  const filters: IncidentFilters = {};
  for (const key of FILTER_KEYS) {
    const value = search.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

/** A text filter that waits for typing to pause before updating the URL. */
function useDebouncedQuery(key: "q" | "label", urlValue: string) {
  const [value, setValue] = useState(urlValue);
  const typed = useRef(urlValue);
  useEffect(() => {
    // Follow the URL when it changes from elsewhere (back button, "Clear").
    if (urlValue !== typed.current) {
      typed.current = urlValue;
      setValue(urlValue);
    }
  }, [urlValue]);
  useEffect(() => {
    if (value === typed.current) return;
    const timer = setTimeout(() => {
      typed.current = value;
      setQuery({ [key]: value.trim() || undefined });
    }, 300);
    return () => clearTimeout(timer);
  }, [key, value]);
  return [value, setValue] as const;
}

function FilterSelect({ id, label, value, onChange, children }: { id: string; label: string; value: string; onChange: (v: string) => void; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-700 dark:text-slate-300">
        {label}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className={inputClass}>
        {children}
      </select>
    </div>
  );
}

function Filters({ filters }: { filters: IncidentFilters }) {
  const members = useFreshMembers({ agentsOnly: true });
  const [q, setQ] = useDebouncedQuery("q", filters.q ?? "");
  const [label, setLabel] = useDebouncedQuery("label", filters.label ?? "");
  const searchRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (searchFocus.pending) {
      searchFocus.pending = false;
      searchRef.current?.focus();
    }
  }, []);
  const any = FILTER_KEYS.some((key) => key !== "sort" && filters[key]);

  return (
    <Card className="mb-4 p-4">
      <form role="search" aria-label="Filter incidents" onSubmit={(e) => e.preventDefault()} className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <div className="col-span-2 sm:col-span-3 lg:col-span-2">
          <label htmlFor="incident-search" className="mb-1 block text-xs font-medium text-slate-700 dark:text-slate-300">
            Search <span className="font-normal text-slate-600 dark:text-slate-400">(press /)</span>
          </label>
          <input
            id="incident-search"
            ref={searchRef}
            type="search"
            value={q}
            placeholder="Title or description"
            onChange={(e) => setQ(e.target.value)}
            className={inputClass}
          />
        </div>
        <FilterSelect id="filter-status" label="Status" value={filters.status ?? ""} onChange={(v) => setQuery({ status: v })}>
          <option value="">Any status</option>
          <option value="active">Active (not resolved)</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect id="filter-severity" label="Severity" value={filters.severity ?? ""} onChange={(v) => setQuery({ severity: v })}>
          <option value="">Any severity</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect id="filter-assignee" label="Assignee" value={filters.assignee ?? ""} onChange={(v) => setQuery({ assignee: v })}>
          <option value="">Anyone</option>
          <option value="me">Me</option>
          {members.data?.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name || m.email}
            </option>
          ))}
        </FilterSelect>
        <div>
          <label htmlFor="filter-label" className="mb-1 block text-xs font-medium text-slate-700 dark:text-slate-300">
            Label
          </label>
          <input id="filter-label" value={label} onChange={(e) => setLabel(e.target.value)} placeholder="e.g. database" className={inputClass} />
        </div>
        <div className="col-span-2 flex flex-wrap items-end justify-between gap-3 sm:col-span-3 lg:col-span-6">
          <FilterSelect id="filter-sort" label="Sort by" value={filters.sort ?? "created"} onChange={(v) => setQuery({ sort: v === "created" ? "" : v })}>
            <option value="created">Newest first</option>
            <option value="severity">Severity (P1 first)</option>
          </FilterSelect>
          {any && (
            <Button variant="ghost" size="sm" onClick={() => setQuery({ status: "", severity: "", assignee: "", label: "", q: "" })}>
              Clear filters
            </Button>
          )}
        </div>
      </form>
    </Card>
  );
}

function IncidentRow({ incident, slug }: { incident: Incident; slug: string }) {
  const nameOf = useMemberName();
  return (
    <tr className="border-t border-slate-200 align-top dark:border-slate-700">
      <td className="whitespace-nowrap px-4 py-3 font-mono text-sm text-slate-700 dark:text-slate-300">{incident.reference}</td>
      <td className="px-4 py-3">
        <Link href={`/${slug}/incidents/${incident.number}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline dark:text-white dark:hover:text-brand-300">
          {incident.title}
        </Link>
        <div className="mt-1 flex flex-wrap gap-2 sm:hidden">
          <SeverityBadge severity={incident.severity} />
          <StatusBadge status={incident.status} />
        </div>
        {incident.labels.length > 0 && (
          <div className="mt-1 flex flex-wrap gap-1">
            {incident.labels.map((l) => (
              <span key={l} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">
                {l}
              </span>
            ))}
          </div>
        )}
      </td>
      <td className="hidden px-4 py-3 sm:table-cell">
        <SeverityBadge severity={incident.severity} />
      </td>
      <td className="hidden px-4 py-3 sm:table-cell">
        <StatusBadge status={incident.status} />
      </td>
      <td className="hidden px-4 py-3 text-sm text-slate-700 md:table-cell dark:text-slate-300">
        {incident.assignees.length ? incident.assignees.map(nameOf).join(", ") : <span className="text-slate-600 dark:text-slate-400">Unassigned</span>}
      </td>
      <td className="hidden whitespace-nowrap px-4 py-3 text-sm text-slate-700 lg:table-cell dark:text-slate-300" title={incident.createdAt}>
        {formatRelative(incident.createdAt)}
      </td>
    </tr>
  );
}

export default function IncidentList() {
  const { org, membership } = useOrg();
  const { search } = useLocation();
  const filters = filtersFrom(search);
  const key = JSON.stringify(filters);
  const list = usePages((cursor) => api.incidents(org.id, { ...filters, cursor }), [org.id, key]);
  useIncidentEvents(() => void list.reload());
  const incidents = list.data ?? [];
  const filtered = Object.keys(filters).some((k) => k !== "sort");

  return (
    <>
      <PageHeader
        title="Incidents"
        description={`Everything that went wrong in ${org.name}. The list updates live.`}
        actions={
          <ButtonLink href={`/${membership.slug}/incidents/new`} aria-keyshortcuts="c">
            New incident
          </ButtonLink>
        }
      />
      <Filters filters={filters} />
      {list.loading ? (
        <Loading label="Loading incidents…" />
      ) : list.error && !list.data ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : incidents.length === 0 ? (
        <Card>
          <EmptyState
            title={filtered ? "No incidents match these filters" : "No incidents yet"}
            action={!filtered && <ButtonLink href={`/${membership.slug}/incidents/new`}>Open the first incident</ButtonLink>}
          >
            {filtered ? "Try other filters, or clear them." : "When something breaks, open an incident here and your team sees it at once."}
          </EmptyState>
        </Card>
      ) : (
        <Card className="overflow-hidden">
          <table className="w-full text-left">
            <caption className="sr-only">Incidents</caption>
            <TableHead
              className="bg-slate-50 dark:bg-slate-800/60"
              cellClassName="font-semibold"
              columns={[
                { label: "Ref" },
                { label: "Title" },
                { label: "Severity", className: "hidden sm:table-cell" },
                { label: "Status", className: "hidden sm:table-cell" },
                { label: "Assignees", className: "hidden md:table-cell" },
                { label: "Opened", className: "hidden lg:table-cell" },
              ]}
            />
            <tbody>
              {incidents.map((incident) => (
                <IncidentRow key={incident.id} incident={incident} slug={membership.slug} />
              ))}
            </tbody>
          </table>
          <LoadMore pages={list} label="Load more" />
        </Card>
      )}
      {list.error && list.data ? <ErrorAlert error={list.error} className="mt-3" /> : null}
    </>
  );
}
