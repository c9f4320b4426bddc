"use client";
// The whole app behind one exported page: the URL is matched here, and each
// screen is its own chunk, loaded when first needed.

import dynamic from "next/dynamic";
import { useEffect, type ReactNode } from "react";
import type { Membership } from "@/lib/api";
import { UPCOMING_MODULES, MODULE_LABEL } from "@/lib/modules";
import { OrgProvider, useOrg } from "@/lib/org";
import { orgHome, PENDING_JOIN, RESERVED } from "@/lib/paths";
import { navigate, useLocation } from "@/lib/router";
import { SessionProvider, useSession } from "@/lib/session";
import { AppShell } from "@/components/AppShell";
import { Logo } from "@/components/Logo";
import { ButtonLink } from "@/components/ui/Button";
import { ComingSoon, ErrorState, Loading, NotFound } from "@/components/ui/States";
import { SETTINGS_SECTIONS, SettingsLayout } from "@/screens/settings/SettingsLayout";

const loading = () => <Loading />;
const Login = dynamic(() => import("@/screens/auth/Login"), { loading });
const Signup = dynamic(() => import("@/screens/auth/Signup"), { loading });
const ForgotPassword = dynamic(() => import("@/screens/auth/ForgotPassword"), { loading });
const ResetPassword = dynamic(() => import("@/screens/auth/ResetPassword"), { loading });
const VerifyEmail = dynamic(() => import("@/screens/auth/VerifyEmail"), { loading });
const AcceptInvite = dynamic(() => import("@/screens/auth/AcceptInvite"), { loading });
const NewOrg = dynamic(() => import("@/screens/auth/NewOrg"), { loading });
const IncidentList = dynamic(() => import("@/screens/incidents/IncidentList"), { loading });
const IncidentDetail = dynamic(() => import("@/screens/incidents/IncidentDetail"), { loading });
const NewIncident = dynamic(() => import("@/screens/incidents/NewIncident"), { loading });
const Dashboard = dynamic(() => import("@/screens/dashboard/Dashboard"), { loading });
const KnowledgeBase = dynamic(() => import("@/screens/kb/KnowledgeBase"), { loading });
const Problems = dynamic(() => import("@/screens/problems/Problems"), { loading });
const Changes = dynamic(() => import("@/screens/changes/Changes"), { loading });
const Assets = dynamic(() => import("@/screens/assets/Assets"), { loading });
const Portal = dynamic(() => import("@/screens/portal/Portal"), { loading });
const Requests = dynamic(() => import("@/screens/requests/Requests"), { loading });
const CatalogueAdmin = dynamic(() => import("@/screens/catalog/CatalogueAdmin"), { loading });
const Members = dynamic(() => import("@/screens/settings/Members"), { loading });
const Teams = dynamic(() => import("@/screens/settings/Teams"), { loading });
const Modules = dynamic(() => import("@/screens/settings/Modules"), { loading });
const SlaTargets = dynamic(() => import("@/screens/settings/SlaTargets"), { loading });
const SlaSettings = dynamic(() => import("@/screens/sla/SlaSettings"), { loading });
const Audit = dynamic(() => import("@/screens/settings/Audit"), { loading });
const Tokens = dynamic(() => import("@/screens/settings/Tokens"), { loading });
const Billing = dynamic(() => import("@/screens/settings/Billing"), { loading });
const Integrations = dynamic(() => import("@/screens/settings/Integrations"), { loading });
const Notifications = dynamic(() => import("@/screens/settings/Notifications"), { loading });
const KnowledgeBaseSettings = dynamic(() => import("@/screens/settings/KnowledgeBaseSettings"), { loading });
const OnCall = dynamic(() => import("@/screens/oncall/OnCall"), { loading });
const JoinPortal = dynamic(() => import("@/screens/auth/JoinPortal"), { loading });

const LAST_ORG = "simplicity:lastOrg";

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return <Loading />;
}

/** Renders its children for a signed-in user; sends anyone else to sign in. */
function RequireAuth({ children }: { children: ReactNode }) {
  const { state, refresh } = useSession();
  const { href } = useLocation();
  if (state.status === "loading") return <Loading />;
  if (state.status === "error") return <ErrorState error={state.error} onRetry={() => void refresh()} />;
  if (state.status === "signedOut") return <Redirect to={`/login?next=${encodeURIComponent(href)}`} />;
  return <>{children}</>;
}

function Home() {
  const { state } = useSession();
  if (state.status !== "signedIn") return <RequireAuth>{null}</RequireAuth>;
  const { memberships } = state.me;
  if (!memberships.length) {
    // Someone who set out to join a portal, back from confirming their address.
    const joining = typeof localStorage !== "undefined" ? localStorage.getItem(PENDING_JOIN) : null;
    return <Redirect to={joining ? `/${encodeURIComponent(joining)}/portal` : "/new-org"} />;
  }
  const last = typeof localStorage !== "undefined" ? localStorage.getItem(LAST_ORG) : null;
  const org = memberships.find((m) => m.slug === last) ?? memberships[0];
  return <Redirect to={orgHome(org)} />;
}

/** Pages that need a module the organisation has switched off. */
function ModuleOff({ module }: { module: string }) {
  const { membership, isAdmin } = useOrg();
  return (
    <NotFound>
      {MODULE_LABEL[module]} is switched off for {membership.name}.{" "}
      {isAdmin ? "Switch it on under Settings → Modules." : "An admin can switch it on."}
    </NotFound>
  );
}

/** A requester's pages: the portal only (its home, and the agents' usual start, lead there). */
function RequesterScreen({ rest }: { rest: string[] }) {
  const { membership } = useOrg();
  const [section] = rest;
  const portal = `/${membership.slug}/portal`;
  if (section === "portal") return <Portal view={rest.slice(1)} />;
  if (section === undefined || section === "incidents" || section === "dashboard") return <Redirect to={portal} />;
  return (
    <>
      <NotFound>This page is for the people who handle requests. You ask for things, and follow them, through the portal.</NotFound>
      <div className="text-center">
        <ButtonLink href={portal}>Go to the portal</ButtonLink>
      </div>
    </>
  );
}

function OrgScreen({ rest }: { rest: string[] }) {
  const { org, membership, isAdmin, isRequester } = useOrg();
  const [section, sub] = rest;
  const incidentsOn = org.features.incidentManagement !== false;

  if (isRequester) return <RequesterScreen rest={rest} />;
  if (section === undefined) return <Redirect to={`/${membership.slug}/incidents`} />;
  if (section === "incidents" || section === "dashboard") {
    if (!incidentsOn) return <ModuleOff module="incidentManagement" />;
    if (section === "dashboard") return <Dashboard />;
    if (sub === undefined) return <IncidentList />;
    if (sub === "new") return <NewIncident />;
    return <IncidentDetail key={sub} number={sub.replace(/^INC-/i, "")} />;
  }
  if (section === "kb") {
    if (!org.features.knowledgeBase) return <ModuleOff module="knowledgeBase" />;
    return <KnowledgeBase view={sub ?? ""} tab={rest[2]} />;
  }
  if (section === "problems") {
    if (!org.features.problemManagement) return <ModuleOff module="problemManagement" />;
    return <Problems view={sub ?? ""} />;
  }
  if (section === "changes") {
    if (!org.features.changeManagement) return <ModuleOff module="changeManagement" />;
    return <Changes view={sub ?? ""} />;
  }
  if (section === "assets") {
    if (!org.features.assetManagement) return <ModuleOff module="assetManagement" />;
    return <Assets view={sub ?? ""} />;
  }
  if (section === "portal") return <Portal view={rest.slice(1)} />;
  if (section === "requests") {
    if (!org.features.requestFulfillment) return <ModuleOff module="requestFulfillment" />;
    return <Requests view={sub ?? ""} />;
  }
  if (section === "catalog") return <Redirect to={`/${membership.slug}/${sub === "admin" ? "settings/catalogue" : "portal"}`} />;
  if (section === "on-call") return <OnCall />;
  if (section === "sla") {
    // SLA management lives in the records' pages and, for admins, in Settings.
    if (!org.features.slaManagement) return <ModuleOff module="slaManagement" />;
    return <Redirect to={`/${membership.slug}/settings/sla-policies`} />;
  }
  if (section in UPCOMING_MODULES) {
    const module = UPCOMING_MODULES[section];
    if (!org.features[module]) return <ModuleOff module={module} />;
    return <ComingSoon title={MODULE_LABEL[module]} />;
  }
  if (section === "settings") {
    if (sub === undefined) return <Redirect to={`/${membership.slug}/settings/${isAdmin ? "members" : "tokens"}`} />;
    const current = SETTINGS_SECTIONS.find((s) => s.segment === sub);
    if (!current) return <NotFound />;
    if (current.module && !org.features[current.module]) return <ModuleOff module={current.module} />;
    const screens: Record<string, ReactNode> = {
      members: <Members />,
      teams: <Teams />,
      modules: <Modules />,
      sla: <SlaTargets />,
      audit: <Audit />,
      tokens: <Tokens />,
      billing: <Billing />,
      notifications: <Notifications />,
      integrations: <Integrations />,
      "knowledge-base": <KnowledgeBaseSettings />,
      catalogue: <CatalogueAdmin view={rest[2] ?? ""} />,
      "sla-policies": <SlaSettings view={rest.slice(2)} />,
    };
    return <SettingsLayout section={current}>{screens[sub]}</SettingsLayout>;
  }
  return <NotFound />;
}

function NotAMember({ slug }: { slug: string }) {
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <Logo className="text-xl text-slate-900 dark:text-white" />
      <NotFound>
        There is no organisation “{slug}”, or you are not a member of it.
      </NotFound>
      <div className="text-center">
        <ButtonLink href="/">Go to your organisations</ButtonLink>
      </div>
    </main>
  );
}

function OrgRoute({ slug, rest }: { slug: string; rest: string[] }) {
  const { state } = useSession();
  const membership: Membership | undefined = state.status === "signedIn" ? state.me.memberships.find((m) => m.slug === slug) : undefined;
  useEffect(() => {
    if (membership) localStorage.setItem(LAST_ORG, membership.slug);
  }, [membership]);
  // A portal may be open to people of its email domain: offered to anyone
  // (whether the organisation exists is the server's to keep).
  if (!membership) return rest.length === 0 || rest[0] === "portal" ? <JoinPortal slug={slug} /> : <NotAMember slug={slug} />;
  return (
    <OrgProvider
      key={membership.orgId}
      membership={membership}
      fallback={(org) => (org.loading ? <Loading label="Loading organisation…" /> : <ErrorState error={org.error} onRetry={org.reload} />)}
    >
      <AppShell>
        <OrgScreen rest={rest} />
      </AppShell>
    </OrgProvider>
  );
}

function Routes() {
  const { ready, pathname } = useLocation();
  if (!ready) return <Loading />;
  const segments = pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const [first, second] = segments;

  switch (first) {
    case undefined:
      return <Home />;
    case "login":
      return <Login />;
    case "signup":
      return <Signup />;
    case "forgot-password":
      return <ForgotPassword />;
    case "reset-password":
      return <ResetPassword />;
    case "verify-email":
      return <VerifyEmail />;
    case "invite":
      return second ? <AcceptInvite token={second} /> : <NotFound />;
    case "new-org":
      return (
        <RequireAuth>
          <NewOrg />
        </RequireAuth>
      );
  }
  if (RESERVED.has(first)) return <NotFound />;
  return (
    <RequireAuth>
      <OrgRoute slug={first} rest={segments.slice(1)} />
    </RequireAuth>
  );
}

export default function App() {
  return (
    <SessionProvider>
      <Routes />
    </SessionProvider>
  );
}
