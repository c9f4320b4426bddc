"use client";
// The organisation a page belongs to (from the URL slug): its settings,
// members, the signed-in user's roles there, and its live event stream.

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { api, type Billing, type Member, type Membership, type Org } from "./api";
import { EVENT_TYPES, type IncidentEvent } from "./incidents";
import { useResource, type Resource } from "./resource";

type Listener = (event: IncidentEvent) => void;

interface OrgContextValue {
  membership: Membership;
  org: Org;
  isAdmin: boolean;
  /** Asks through the portal only: no members list, no event stream, no agent screens. */
  isRequester: boolean;
  setOrg: (org: Org) => void;
  members: Resource<Member[]>;
  /**
   * The subscription, fetched once per organisation for admins only (for the
   * past-due banner); null for others, while loading, or when billing is not
   * configured. The billing page refreshes it with `setBilling`.
   */
  billing: Billing | null;
  setBilling: (billing: Billing) => void;
  /** Whether the event stream is connected. */
  live: boolean;
  subscribe: (listener: Listener) => () => void;
}

const OrgContext = createContext<OrgContextValue | null>(null);

export function OrgProvider({
  membership,
  children,
  fallback,
}: {
  membership: Membership;
  children: ReactNode;
  fallback: (org: Resource<Org>) => ReactNode;
}) {
  const orgId = membership.orgId;
  const org = useResource(() => api.org(orgId), [orgId]);
  const isAdmin = membership.roles.includes("admin");
  const isRequester = membership.roles.includes("requester");
  // A requester reaches neither the members nor the event stream (404s).
  const members = useResource(isRequester ? null : () => api.members(orgId).then((page) => page.data), [orgId, isRequester]);
  const [billing, setBilling] = useState<Billing | null>(null);
  useEffect(() => {
    if (!isAdmin) return;
    let current = true;
    // Best effort: 503 (no Stripe here), 403 and the rest just mean no banner.
    api.billing(orgId).then(
      (b) => current && setBilling(b),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [orgId, isAdmin]);
  const { live, subscribe } = useEventStream(orgId, !isRequester);

  const value = useMemo<OrgContextValue | null>(
    () =>
      org.data
        ? {
            membership,
            org: org.data,
            isAdmin,
            isRequester,
            setOrg: org.setData,
            members,
            billing,
            setBilling,
            live,
            subscribe,
          }
        : null,
    [membership, org.data, isAdmin, isRequester, org.setData, members, billing, live, subscribe],
  );

  if (!value) return <>{fallback(org)}</>;
  return <OrgContext.Provider value={value}>{children}</OrgContext.Provider>;
}

function useEventStream(orgId: string, enabled: boolean) {
  const listeners = useRef(new Set<Listener>());
  const [live, setLive] = useState(false);

  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    const source = new EventSource(api.eventsUrl(orgId));
    const onEvent = (message: MessageEvent<string>) => {
      let event: IncidentEvent;
      try {
        event = JSON.parse(message.data) as IncidentEvent;
      } catch {
        return;
      }
      for (const listener of [...listeners.current]) listener(event);
    };
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false);
    for (const type of EVENT_TYPES) source.addEventListener(type, onEvent);
    return () => {
      source.close();
      setLive(false);
    };
  }, [orgId, enabled]);

  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  return { live, subscribe };
}

export function useOrg(): OrgContextValue {
  const value = useContext(OrgContext);
  if (!value) throw new Error("useOrg outside OrgProvider");
  return value;
}

/**
 * Calls `onEvent` for each incident event (optionally only those `accept`
 * lets through), coalescing bursts into one call.
 */
export function useIncidentEvents(onEvent: () => void, accept?: (event: IncidentEvent) => boolean) {
  const { subscribe } = useOrg();
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const filter = useRef(accept);
  filter.current = accept;

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = subscribe((event) => {
      if (filter.current && !filter.current(event)) return;
      clearTimeout(timer);
      timer = setTimeout(() => handler.current(), 100);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [subscribe]);
}

/** Whether a member works in the app: requesters only ask through the portal (no seat; never assigned, paged or asked to approve). */
export const isAgent = (member: Member) => !member.roles.includes("requester");

/**
 * The organisation's members, reloaded when a screen that picks people
 * opens (people join any time); `agentsOnly` leaves requesters out.
 */
export function useFreshMembers({ agentsOnly = false }: { agentsOnly?: boolean } = {}): Resource<Member[]> {
  const { members } = useOrg();
  const reload = members.reload;
  useEffect(() => {
    void reload();
  }, [reload]);
  const agents = useMemo(() => members.data?.filter(isAgent), [members.data]);
  return agentsOnly ? { ...members, data: agents } : members;
}

/** A member's display name from their user id; an unknown id reloads the members once. */
export function useMemberName(): (userId: string | null | undefined) => string {
  const { members } = useOrg();
  const reloadedFor = useRef(new Set<string>());
  const missing = useRef<string[]>([]);
  const { data, reload } = members;
  useEffect(() => {
    const fresh = missing.current.filter((id) => !reloadedFor.current.has(id));
    missing.current = [];
    if (!fresh.length) return;
    fresh.forEach((id) => reloadedFor.current.add(id));
    void reload();
  });
  return useCallback(
    (userId) => {
      if (!userId) return "—";
      const member = data?.find((m) => m.userId === userId);
      if (member) return member.name || member.email;
      if (data) missing.current.push(userId);
      return data ? "Former member" : "…";
    },
    [data],
  );
}
