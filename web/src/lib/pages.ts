"use client";
// Lists the API answers in cursor pages: the first page loads like
// `useResource`, `loadMore` adds the next. A new first page (a reload, or
// other `deps`) starts the list over from it.

import { useCallback, useRef, useState } from "react";
import type { Page } from "./api";
import { useResource } from "./resource";

export interface Pages<T> {
  /** The items of the pages so far; undefined until the first page arrives. */
  data: T[] | undefined;
  /** The first page's error, loading (before its first answer) and reload. */
  error: unknown;
  loading: boolean;
  reload: () => Promise<void>;
  /** Whether there is a next page. */
  hasMore: boolean;
  loadMore: () => Promise<void>;
  /** Loading the next page: whether it is pending, and its error. */
  more: { pending: boolean; error: unknown };
}

/** The pages after `first`, for the first page they follow. */
interface Rest<T> {
  first: Page<T> | undefined;
  items: T[];
  nextCursor?: string | null;
  pending: boolean;
  error?: unknown;
}

export function usePages<T>(load: (cursor?: string) => Promise<Page<T>>, deps: readonly unknown[]): Pages<T> {
  const loadRef = useRef(load);
  loadRef.current = load;
  const first = useResource(() => loadRef.current(), deps);
  const [stored, setStored] = useState<Rest<T>>({ first: undefined, items: [], pending: false });
  // Pages loaded after an older first page no longer count.
  const rest: Rest<T> = stored.first === first.data ? stored : { first: first.data, items: [], nextCursor: first.data?.nextCursor, pending: false };
  const restRef = useRef(rest);
  restRef.current = rest;

  const loadMore = useCallback(async () => {
    const from = restRef.current;
    if (!from.first || !from.nextCursor || from.pending) return;
    setStored({ ...from, pending: true, error: undefined });
    const same = (r: Rest<T>) => r.first === from.first;
    try {
      const page = await loadRef.current(from.nextCursor);
      setStored((r) => (same(r) ? { ...r, items: [...r.items, ...page.data], nextCursor: page.nextCursor, pending: false } : r));
    } catch (error) {
      setStored((r) => (same(r) ? { ...r, pending: false, error } : r));
    }
  }, []);

  return {
    data: first.data && [...first.data.data, ...rest.items],
    error: first.error,
    loading: first.loading,
    reload: first.reload,
    hasMore: !!rest.nextCursor,
    loadMore,
    more: { pending: rest.pending, error: rest.error },
  };
}
