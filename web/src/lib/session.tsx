"use client";
// Who is signed in (GET /api/me), shared by every screen.

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, ApiError, type Me } from "./api";

type SessionState =
  | { status: "loading" }
  | { status: "signedOut" }
  | { status: "signedIn"; me: Me }
  | { status: "error"; error: unknown };

interface Session {
  state: SessionState;
  /** Loads /api/me again (after sign-in, joining an org, …); resolves with it. */
  refresh: () => Promise<Me | undefined>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "loading" });

  const refresh = useCallback(async () => {
    try {
      const me = await api.me();
      setState({ status: "signedIn", me });
      return me;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setState({ status: "signedOut" });
      else setState({ status: "error", error });
      return undefined;
    }
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setState({ status: "signedOut" });
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo(() => ({ state, refresh, signOut }), [state, refresh, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
}

/** The signed-in user; only for screens rendered behind RequireAuth. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== "signedIn") throw new Error("useMe without a signed-in user");
  return state.me;
}
