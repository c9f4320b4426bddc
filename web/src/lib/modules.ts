// ITSM modules: their names in the UI and, for those with screens, where
// their navigation entry points.

import type { Plan } from "./api";

export const MODULE_LABEL: Record<string, string> = {
  incidentManagement: "Incident management",
  problemManagement: "Problem management",
  changeManagement: "Change management",
  requestFulfillment: "Request fulfilment",
  serviceCatalog: "Service catalogue",
  knowledgeBase: "Knowledge base",
  assetManagement: "Asset management",
  slaManagement: "SLA management",
};

export const MODULE_DESCRIPTION: Record<string, string> = {
  incidentManagement: "Open, triage and resolve incidents with SLA timers.",
  problemManagement: "Find and fix the root causes behind recurring incidents.",
  changeManagement: "Plan, approve and track changes to production.",
  requestFulfillment: "Handle routine service requests from your users.",
  serviceCatalog: "Publish the services your team offers.",
  knowledgeBase: "Write and share runbooks and how-to articles.",
  assetManagement: "Keep track of hardware, software and licences.",
  slaManagement: "Advanced SLA policies and reporting.",
};

/** The cheapest plan that includes each module (mirrors the server's plan table; a 402 has the final word). */
export const MODULE_PLAN: Record<string, Plan> = {
  incidentManagement: "free",
  knowledgeBase: "free",
  problemManagement: "pro",
  changeManagement: "pro",
  slaManagement: "pro",
  requestFulfillment: "enterprise",
  serviceCatalog: "enterprise",
  assetManagement: "enterprise",
};

/** The plans from cheapest to dearest. */
export const PLANS: Plan[] = ["free", "pro", "enterprise"];

/** Seats each plan allows, null for unlimited (mirrors the server's plan table, like MODULE_PLAN). */
export const PLAN_SEATS: Record<Plan, number | null> = { free: 5, pro: 50, enterprise: null };

/** Whether `plan` costs more than `than`. */
export function planAbove(plan: Plan, than: Plan): boolean {
  return PLANS.indexOf(plan) > PLANS.indexOf(than);
}

/** The modules `plan` unlocks, by MODULE_PLAN, in MODULE_LABEL order. */
export function planModules(plan: Plan): string[] {
  return Object.keys(MODULE_LABEL).filter((module) => !planAbove(MODULE_PLAN[module], plan));
}

/** Modules with screens, by URL segment, in navigation order. */
export const MODULE_SCREENS: Record<string, string> = {
  problems: "problemManagement",
  changes: "changeManagement",
  requests: "requestFulfillment",
  portal: "serviceCatalog",
  assets: "assetManagement",
};

/** Modules whose screens are still to come, by URL segment (none now: SLA management lives in Settings and on the records' pages). */
export const UPCOMING_MODULES: Record<string, string> = {};

export const ALWAYS_ON = new Set(["incidentManagement"]);

export function planName(plan: string | null | undefined): string {
  if (!plan) return "a higher plan";
  return plan.charAt(0).toUpperCase() + plan.slice(1);
}
