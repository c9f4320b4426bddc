#!/usr/bin/env node
// First-load JS per route, gzipped, after `next build`.
//
// The app is one exported page (out/index.html) whose client router loads
// each screen as its own chunk, so Next's table shows only "/" (the shell).
// This adds each screen's chunks (from .next/react-loadable-manifest.json)
// to the shell's scripts, writes test-artifacts/first-load-js.txt, and
// fails when the incidents list is over its budget.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const web = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(web, "out");
const distDir = join(web, process.env.NEXT_DIST_DIR || ".next");
const BUDGET_KB = Number(process.env.INCIDENTS_BUDGET_KB || 150);

// The JSON Schema form (react-jsonschema-form, Ajv), loaded by the pages that show one.
const FORM_LOADER = "src/components/forms/LazyJsonSchemaForm.tsx";

// [route, screen, optionally [file, import] of a chunk the screen loads after it].
const ROUTES = [
  ["/login", "@/screens/auth/Login"],
  ["/signup", "@/screens/auth/Signup"],
  ["/forgot-password", "@/screens/auth/ForgotPassword"],
  ["/reset-password?token=", "@/screens/auth/ResetPassword"],
  ["/verify-email?token=", "@/screens/auth/VerifyEmail"],
  ["/invite/{token}", "@/screens/auth/AcceptInvite"],
  ["/new-org", "@/screens/auth/NewOrg"],
  ["/{slug}/portal (joining, for non-members)", "@/screens/auth/JoinPortal"],
  ["/{slug}/incidents", "@/screens/incidents/IncidentList"],
  ["/{slug}/incidents/new", "@/screens/incidents/NewIncident"],
  ["/{slug}/incidents/{number}", "@/screens/incidents/IncidentDetail"],
  ["/{slug}/incidents/{number} (+ matching knowledge, loaded after)", "@/screens/incidents/IncidentDetail", ["src/screens/incidents/IncidentDetail.tsx", "./MatchingKnowledge"]],
  ["/{slug}/incidents/{number} (+ SLA panel, loaded after)", "@/screens/incidents/IncidentDetail", ["src/screens/incidents/IncidentDetail.tsx", "@/components/records/SlaPanel"]],
  ["/{slug}/dashboard", "@/screens/dashboard/Dashboard"],
  ["/{slug}/dashboard (+ chart, loaded after)", "@/screens/dashboard/Dashboard", ["src/screens/dashboard/Dashboard.tsx", "./DailyChart"]],
  ["/{slug}/dashboard (+ postmortem follow-ups, loaded after)", "@/screens/dashboard/Dashboard", ["src/screens/dashboard/Dashboard.tsx", "./FollowUps"]],
  ["/{slug}/kb", "@/screens/kb/KnowledgeBase"],
  ["/{slug}/portal", "@/screens/portal/Portal"],
  ["/{slug}/portal/items/{id} (+ form, loaded after)", "@/screens/portal/Portal", [FORM_LOADER, "./JsonSchemaForm"]],
  ["/{slug}/requests", "@/screens/requests/Requests"],
  ["/{slug}/requests/{number} (+ SLA panel, loaded after)", "@/screens/requests/Requests", ["src/screens/requests/RequestDetail.tsx", "@/components/records/SlaPanel"]],
  ["/{slug}/settings/catalogue", "@/screens/catalog/CatalogueAdmin"],
  ["/{slug}/settings/catalogue/{id} (+ form preview, loaded after)", "@/screens/catalog/CatalogueAdmin", [FORM_LOADER, "./JsonSchemaForm"]],
  ["/{slug}/settings/members", "@/screens/settings/Members"],
  ["/{slug}/settings/modules", "@/screens/settings/Modules"],
  ["/{slug}/settings/sla", "@/screens/settings/SlaTargets"],
  ["/{slug}/settings/sla-policies", "@/screens/sla/SlaSettings"],
  ["/{slug}/settings/audit", "@/screens/settings/Audit"],
  ["/{slug}/settings/tokens", "@/screens/settings/Tokens"],
  ["/{slug}/settings/billing", "@/screens/settings/Billing"],
  ["/{slug}/settings/integrations", "@/screens/settings/Integrations"],
  ["/{slug}/settings/notifications", "@/screens/settings/Notifications"],
  ["/{slug}/on-call", "@/screens/oncall/OnCall"],
];

const gzCache = new Map();
function gzipBytes(file) {
  if (!gzCache.has(file)) gzCache.set(file, gzipSync(readFileSync(join(out, file)), { level: 9 }).length);
  return gzCache.get(file);
}

const html = readFileSync(join(out, "index.html"), "utf8");
// The scripts every page loads; polyfills are `nomodule` (old browsers only).
const shell = [...html.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"[^>]*>/g)]
  .filter((m) => !/\snomodule/.test(m[0]) && !m[1].includes("polyfills"))
  .map((m) => m[1].replace(/^\//, ""));
const manifest = JSON.parse(readFileSync(join(distDir, "react-loadable-manifest.json"), "utf8"));

function chunksOf(importPath, from = "src/App.tsx") {
  const entry = Object.entries(manifest).find(([key]) => key.startsWith(from) && key.endsWith(`-> ${importPath}`));
  if (!entry) throw new Error(`no chunk for ${importPath} in react-loadable-manifest.json`);
  return entry[1].files.map((f) => `_next/${f}`);
}

const kb = (bytes) => (bytes / 1024).toFixed(1);
const shellBytes = shell.reduce((sum, f) => sum + gzipBytes(f), 0);
const rows = [["(app shell, every route)", shellBytes]];
for (const [route, screen, nested] of ROUTES) {
  const files = new Set([...shell, ...chunksOf(screen)]);
  if (nested) for (const f of chunksOf(nested[1], nested[0])) files.add(f);
  rows.push([route, [...files].reduce((sum, f) => sum + gzipBytes(f), 0)]);
}

const width = Math.max(...rows.map(([r]) => r.length));
const lines = rows.map(([route, bytes]) => `${route.padEnd(width)}  ${kb(bytes).padStart(6)} kB`);
console.log(`\nFirst-load JS per route (gzip -9; shell + the screen's chunks):\n${lines.join("\n")}`);

mkdirSync(join(web, "test-artifacts"), { recursive: true });
writeFileSync(
  join(web, "test-artifacts", "first-load-js.txt"),
  `# route\tfirst-load JS (kB, gzip)\n${rows.map(([route, bytes]) => `${route}\t${kb(bytes)}`).join("\n")}\n`,
);

const incidents = rows.find(([route]) => route === "/{slug}/incidents")[1];
if (incidents / 1024 > BUDGET_KB) {
  console.error(`\nFAIL: the incidents list loads ${kb(incidents)} kB of JS (gzip), over its ${BUDGET_KB} kB budget.`);
  process.exit(1);
}
console.log(`\nincidents list: ${kb(incidents)} kB of ${BUDGET_KB} kB budget — ok`);
if (!existsSync(join(out, "index.html"))) process.exit(1);
