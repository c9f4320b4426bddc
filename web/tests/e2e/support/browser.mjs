// Chromium (the Debian package, driven by playwright-core: no browser
// downloads), one fresh profile per simulated person.

import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
export const BASE_URL = process.env.BASE_URL ?? "http://localhost:3000";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
  "--disable-dev-shm-usage",
];

export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "test-artifacts");
export const SCREENSHOTS = join(ARTIFACTS, "screenshots");

// The server each browser context talks to (another one than BASE_URL when a
// test starts its own, see server.mjs).
const baseOf = new WeakMap();

/** A person with their own browser profile (cookies, storage); `baseURL` picks another server than BASE_URL. */
export async function openBrowser({ viewport = { width: 1280, height: 860 }, baseURL = BASE_URL } = {}) {
  const profile = mkdtempSync(join(tmpdir(), "simplicity-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport,
    baseURL,
    timezoneId: "UTC",
    locale: "en-GB",
  });
  context.setDefaultTimeout(15_000);
  baseOf.set(context, baseURL);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on("pageerror", (error) => errors.push(error));
  page.on("dialog", (dialog) => void dialog.accept());
  return {
    context,
    page,
    /** Uncaught errors in the page so far. */
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** JSON calls to the API with the browser's cookies (for setting up data fast). */
export async function apiCall(context, method, path, data, headers = {}) {
  const base = baseOf.get(context) ?? BASE_URL;
  const response = await context.request.fetch(`${base}${path}`, {
    method,
    data,
    headers: { Origin: base, "Content-Type": "application/json", ...headers },
  });
  const text = await response.text();
  if (!response.ok()) throw new Error(`${method} ${path} → ${response.status()}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Runs axe-core on the page; returns the serious and critical violations. */
export async function seriousA11yViolations(page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: require.resolve("axe-core") });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ["violations"] });
    if (r.passes.length === 0) throw new Error("axe checked nothing");
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")} — ${n.failureSummary?.split("\n").slice(0, 2).join(" ")}`),
    }));
  });
  return result.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Light and dark screenshots of the current page, named `name`. */
export async function screenshots(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  for (const colorScheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme });
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${colorScheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

/** Checks accessibility in light and dark, and saves both screenshots. */
export async function auditPage(page, name) {
  const problems = [];
  for (const colorScheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme });
    await page.waitForTimeout(150);
    for (const v of await seriousA11yViolations(page)) problems.push({ colorScheme, ...v });
  }
  await screenshots(page, name);
  return problems;
}

let counter = 0;
/** A unique email/org name for this run. */
export function unique(prefix) {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}${counter}`;
}

export const PASSWORD = "correct horse battery staple";
