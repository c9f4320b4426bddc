"use client";
// Beside the new-incident form: as the title is typed, the known errors
// and published articles whose words match it (knowledge base search;
// with only problem management on, its known errors), each opening in a
// new tab so the form keeps what was typed.

import { useRef } from "react";
import { api, type SearchResult } from "@/lib/api";
import { useDebounced } from "@/lib/debounce";
import { useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { SearchResultList } from "@/screens/kb/shared";

/** Known errors matching `q` from the problems list (no knowledge base). */
async function knownErrors(orgId: string, q: string): Promise<SearchResult[]> {
  const page = await api.problems(orgId, { q, knownError: true, limit: 5 });
  return page.data.map((p, i) => ({
    kind: "known_error",
    id: p.id,
    number: p.number,
    title: p.title,
    snippet: p.workaround ? [{ text: `Workaround: ${p.workaround}`, match: false }] : [],
    rank: -i,
  }));
}

export function MatchingKnowledge({ title }: { title: string }) {
  const { org, membership } = useOrg();
  const q = useDebounced(title.trim(), 200);
  const kb = !!org.features.knowledgeBase;
  const problems = !!org.features.problemManagement;
  const search = q.length >= 3 && (kb || problems);
  const found = useResource<SearchResult[]>(
    search ? () => (kb ? api.searchKb(org.id, { q, kind: ["known_error", "article"], match: "any", limit: 5 }) : knownErrors(org.id, q)) : null,
    [org.id, q, search, kb],
  );
  // Keep the last matches on screen while the next ones are on their way.
  const last = useRef<SearchResult[]>([]);
  if (!search) last.current = [];
  else if (found.data) last.current = found.data;
  const shown = last.current;
  const heading = kb ? "Matching known errors and articles" : "Matching known errors";
  return (
    <div aria-live="polite">
      {shown.length > 0 && (
        <section aria-label={heading} className="mt-3 rounded-md border border-violet-200 bg-violet-50/50 px-4 pt-3 dark:border-violet-800 dark:bg-violet-950/30">
          <h2 className="text-sm font-semibold text-slate-900 dark:text-slate-100">{heading}</h2>
          <p className="text-xs text-slate-600 dark:text-slate-400">Someone may have seen this before: check for a workaround.</p>
          <SearchResultList results={shown} slug={membership.slug} label={heading} newTab />
        </section>
      )}
    </div>
  );
}
