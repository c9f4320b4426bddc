"use client";
// A tiny client-side router over the History API. The server answers every
// non-API path with the same app shell, so the browser URL is the route.

import { useEffect, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from "react";

const listeners = new Set<() => void>();
const CHANGE = "simplicity:navigate";

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    window.addEventListener("popstate", notify);
    window.addEventListener(CHANGE, notify);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      window.removeEventListener("popstate", notify);
      window.removeEventListener(CHANGE, notify);
    }
  };
}

function notify() {
  for (const listener of [...listeners]) listener();
}

const snapshot = () => window.location.pathname + window.location.search;
// While pre-rendering (and hydrating) there is no URL yet: "" means "unknown".
const serverSnapshot = () => "";

export interface Location {
  /** False while pre-rendering/hydrating, before the browser URL is known. */
  ready: boolean;
  pathname: string;
  search: URLSearchParams;
  href: string;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot, serverSnapshot);
  if (!href) return { ready: false, pathname: "/", search: new URLSearchParams(), href };
  const url = new URL(href, "http://app.invalid");
  return { ready: true, pathname: url.pathname, search: url.searchParams, href };
}

export function navigate(to: string, options: { replace?: boolean; keepScroll?: boolean } = {}) {
  const current = snapshot();
  if (to === current) return;
  if (options.replace) window.history.replaceState(window.history.state, "", to);
  else window.history.pushState(window.history.state, "", to);
  window.dispatchEvent(new Event(CHANGE));
  if (!options.keepScroll) window.scrollTo(0, 0);
}

/** Replaces the query string of the current URL, dropping empty values. */
export function setQuery(values: Record<string, string | undefined>) {
  const params = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(values)) {
    if (value) params.set(key, value);
    else params.delete(key);
  }
  const qs = params.toString();
  navigate(`${window.location.pathname}${qs ? `?${qs}` : ""}`, { replace: true, keepScroll: true });
}

function isPlainClick(event: MouseEvent<HTMLAnchorElement>) {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return (
    <a
      href={href}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented || !isPlainClick(event) || rest.target) return;
        event.preventDefault();
        navigate(href);
      }}
      {...rest}
    />
  );
}

/** Sets the browser tab's title while the calling screen is shown. */
export function useDocumentTitle(title: string | undefined) {
  useEffect(() => {
    if (title) document.title = `${title} · Simplicity`;
  }, [title]);
}
