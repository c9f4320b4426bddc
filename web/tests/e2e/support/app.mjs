// Steps through the app as a person would, shared by the e2e tests.

import assert from "node:assert/strict";
import { apiCall, openBrowser, PASSWORD, unique } from "./browser.mjs";
import { waitForLink } from "./mail.mjs";

/** Waits until the client router has rendered `pathname` (a string or RegExp). */
export async function waitForPath(page, pathname) {
  await page.waitForURL((url) => (typeof pathname === "string" ? url.pathname === pathname : pathname.test(url.pathname)));
}

/** Signs up through the UI; leaves the page on the "create an organisation" form. */
export async function signUpWithUi(page, { name, email }) {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await waitForPath(page, "/new-org");
}

/**
 * Confirms the address from the emailed link, as its owner would, and
 * continues: a new account lands on the "create an organisation" form.
 */
export async function confirmEmailWithUi(page, email) {
  const link = await waitForLink(email, "/verify-email");
  await page.goto(new URL(link).pathname + new URL(link).search);
  await page.getByText("Email confirmed").waitFor();
  await page.getByRole("link", { name: "Continue" }).click();
}

/** Creates an organisation through the UI; returns its slug. */
export async function createOrgWithUi(page, name) {
  await page.getByLabel("Organisation name").fill(name);
  const slug = await page.getByLabel("URL").inputValue();
  assert.match(slug, /^[a-z0-9-]{3,40}$/);
  await page.getByRole("button", { name: "Create organisation" }).click();
  await waitForPath(page, `/${slug}/incidents`);
  return slug;
}

/** A signed-up admin with an organisation, made through the API (fast set-up). */
export async function adminWithOrg(context, label = "admin") {
  const email = `${unique(label)}@example.com`;
  await apiCall(context, "POST", "/api/auth/signup", { email, password: PASSWORD, name: `${label} user` });
  await apiCall(context, "POST", "/api/auth/login", { email, password: PASSWORD });
  const link = new URL(await waitForLink(email, "/verify-email"));
  await apiCall(context, "POST", "/api/auth/verify-email", { token: link.searchParams.get("token") });
  const slug = unique("org").toLowerCase().slice(0, 40);
  const org = await apiCall(context, "POST", "/api/orgs", { name: `Org ${slug}`, slug });
  return { email, slug, orgId: org.id, org };
}

/** Invites `email` with `roles` through the API and accepts it as a new account in `context`. */
export async function joinAsNewMember(adminContext, memberContext, orgId, { email, name, roles = ["member"] }) {
  await apiCall(adminContext, "POST", `/api/orgs/${orgId}/invites`, { email, roles });
  const link = await waitForLink(email, "/invite/");
  const token = new URL(link).pathname.split("/").pop();
  await apiCall(memberContext, "POST", "/api/invites/accept", { token, name, password: PASSWORD });
  return link;
}

/**
 * Two browsers: an admin with a new organisation, and a member who joined
 * it by invitation. `close()` closes both.
 */
export async function adminAndMember({ adminLabel = "admin", memberLabel = "member", memberName }) {
  const admin = await openBrowser();
  const member = await openBrowser();
  const org = await adminWithOrg(admin.context, adminLabel);
  await joinAsNewMember(admin.context, member.context, org.orgId, { email: `${unique(memberLabel)}@example.com`, name: memberName });
  return { admin, member, org, close: async () => Promise.all([admin.close(), member.close()]) };
}

/** The main navigation's link names (desktop sidebar). */
export async function navLinks(page) {
  return page.getByRole("navigation", { name: "Main" }).getByRole("link").allInnerTexts();
}
