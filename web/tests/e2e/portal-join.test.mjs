// Joining a portal by email domain: an admin opens the portal to people
// of their own address's domain (Settings → Members); someone at that
// domain opens the portal's address, is asked to confirm their address
// first, follows the emailed link back and joins as a requester, landing
// on the portal, whose item form shows its fields in the order written.
// Someone at another domain, and anyone at an organisation that does not
// exist, reads the same refusal. Members browsing the portal's help find
// only the articles shown on the portal.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { adminWithOrg, navLinks, waitForPath } from "./support/app.mjs";
import { apiCall, auditPage, openBrowser, PASSWORD, unique } from "./support/browser.mjs";
import { waitForLink } from "./support/mail.mjs";
import { setPlan } from "./support/server.mjs";

// Properties written out of alphabetical order: the form keeps them so.
const FORM = {
  type: "object",
  properties: {
    zone: { type: "string", title: "Zone" },
    building: { type: "string", title: "Building" },
    monitor: { type: "string", title: "Monitor size" },
    account: { type: "string", title: "Account" },
  },
};

describe("joining the portal by email domain", () => {
  let admin;
  let joiner;
  let stranger;
  let org;
  const joinerEmail = `${unique("jo")}@example.com`;
  const a11y = [];

  before(async () => {
    admin = await openBrowser();
    joiner = await openBrowser();
    stranger = await openBrowser();
    org = await adminWithOrg(admin.context, "domain");
    await setPlan(org.slug, "enterprise");
    await apiCall(admin.context, "PATCH", `/api/orgs/${org.orgId}/features`, { serviceCatalog: true, requestFulfillment: true, knowledgeBase: true });
    const item = await apiCall(admin.context, "POST", `/api/orgs/${org.orgId}/catalog/items`, { name: "Desk move", description: "Move desks.", form: FORM });
    await apiCall(admin.context, "POST", `/api/orgs/${org.orgId}/catalog/items/${item.id}/status`, { status: "published" }, { "If-Match": `"${item.version}"` });
    for (const [title, visibility] of [
      ["Moving your desk", "portal"],
      ["Desk inventory internals", "internal"],
    ]) {
      const article = await apiCall(admin.context, "POST", `/api/orgs/${org.orgId}/kb/articles`, { title, body: `About ${title.toLowerCase()}.`, visibility });
      await apiCall(admin.context, "POST", `/api/orgs/${org.orgId}/kb/articles/${article.id}/status`, { status: "published" }, { "If-Match": `"${article.version}"` });
    }
  });
  after(async () => {
    await Promise.all([admin, joiner, stranger].filter(Boolean).map((p) => p.close()));
  });

  it("an admin opens the portal to their own address's domain", async () => {
    const { page } = admin;
    await page.goto(`/${org.slug}/settings/members`);
    const open = page.getByLabel("Let people with an @example.com address join the portal");
    assert.equal(await open.isChecked(), false);
    await open.check();
    await page.getByText("People with an @example.com address can now join the portal.").waitFor();
    await page.getByText(`${new URL(page.url()).origin}/${org.slug}/portal`).waitFor();
    assert.equal((await apiCall(admin.context, "GET", `/api/orgs/${org.orgId}`)).requesterDomain, "example.com");
    a11y.push(...(await auditPage(page, "members-portal-signup")));
    await page.reload();
    assert.equal(await page.getByLabel("Let people with an @example.com address join the portal").isChecked(), true);
    assert.deepEqual(admin.errors, []);
  });

  it("members browsing the portal's help find only portal articles", async () => {
    const { page } = admin;
    await page.goto(`/${org.slug}/portal/help`);
    const newest = page.getByRole("list", { name: "Newest articles" });
    await newest.getByRole("link", { name: "Moving your desk" }).waitFor();
    assert.equal(await newest.getByText("Desk inventory internals").count(), 0);
    await page.getByRole("searchbox", { name: "Search" }).fill("desk");
    const results = page.getByRole("list", { name: "Search results" });
    await results.getByRole("link", { name: "Moving your desk" }).waitFor();
    assert.equal(await results.getByText("Desk inventory internals").count(), 0);
    assert.equal(await page.getByText(/internal articles/).count(), 0);
  });

  it("someone at the domain confirms their address, comes back and joins as a requester", async () => {
    const { page, context } = joiner;
    await apiCall(context, "POST", "/api/auth/signup", { email: joinerEmail, password: PASSWORD, name: "Jo Joiner" });
    await apiCall(context, "POST", "/api/auth/login", { email: joinerEmail, password: PASSWORD });
    await page.goto(`/${org.slug}/portal`);
    await page.getByRole("heading", { name: `Join ${org.slug}'s portal` }).waitFor();
    await page.getByText("Confirm your email address first").waitFor();
    await page.getByRole("button", { name: `Join ${org.slug}'s portal` }).click();
    await page.getByText("Confirm your email address first").waitFor();
    assert.deepEqual((await apiCall(context, "GET", "/api/me")).memberships, []);
    a11y.push(...(await auditPage(page, "portal-join-unconfirmed")));

    // The emailed link confirms the address and leads back to the offer.
    const link = new URL(await waitForLink(joinerEmail, "/verify-email"));
    await page.goto(link.pathname + link.search);
    await page.getByText("Email confirmed").waitFor();
    await page.getByRole("link", { name: "Continue" }).click();
    await waitForPath(page, `/${org.slug}/portal`);
    await page.getByRole("button", { name: `Join ${org.slug}'s portal` }).click();
    await page.getByRole("heading", { name: "Service catalogue" }).waitFor();
    assert.equal(new URL(page.url()).pathname, `/${org.slug}/portal`);
    assert.deepEqual(await navLinks(page), ["Catalogue", "My requests", "Help articles"]);
    const me = await apiCall(context, "GET", "/api/me");
    assert.deepEqual(me.memberships.find((m) => m.slug === org.slug)?.roles, ["requester"]);
    assert.deepEqual(joiner.errors, []);
  });

  it("the item's form shows its fields in the order they were written", async () => {
    const { page } = joiner;
    await page.getByRole("link", { name: /Desk move/ }).click();
    await page.getByRole("heading", { name: "Desk move" }).waitFor();
    await page.getByLabel("Account").waitFor();
    const labels = await page.locator(".rjsf label").allInnerTexts();
    assert.deepEqual(
      labels.map((l) => l.trim()).filter((l) => ["Zone", "Building", "Monitor size", "Account"].includes(l)),
      ["Zone", "Building", "Monitor size", "Account"],
    );
  });

  it("someone at another domain, or at an organisation that does not exist, reads the same refusal", async () => {
    const { page, context } = stranger;
    const email = `${unique("sam")}@elsewhere.test`;
    await apiCall(context, "POST", "/api/auth/signup", { email, password: PASSWORD, name: "Sam Stranger" });
    await apiCall(context, "POST", "/api/auth/login", { email, password: PASSWORD });
    const link = new URL(await waitForLink(email, "/verify-email"));
    await apiCall(context, "POST", "/api/auth/verify-email", { token: link.searchParams.get("token") });

    for (const slug of [org.slug, `no-such-org-${unique("x")}`]) {
      await page.goto(`/${slug}`);
      await page.getByRole("button", { name: `Join ${slug}'s portal` }).click();
      await page.getByText("This organisation's portal is not open to your address").waitFor();
      assert.equal(await page.getByRole("button", { name: `Join ${slug}'s portal` }).count(), 0);
    }
    a11y.push(...(await auditPage(page, "portal-join-refused")));
    assert.deepEqual((await apiCall(context, "GET", "/api/me")).memberships, []);
    assert.deepEqual(stranger.errors, []);
  });

  it("has no serious accessibility problems", () => {
    assert.deepEqual(a11y, []);
  });
});
