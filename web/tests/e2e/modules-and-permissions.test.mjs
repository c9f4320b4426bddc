// Modules switched off leave the navigation; members who are not admins
// cannot reach admin settings and are told so.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { adminAndMember, navLinks, waitForPath } from "./support/app.mjs";
import { apiCall, screenshots } from "./support/browser.mjs";

describe("modules and permissions", () => {
  let admin;
  let member;
  let org;
  let people;

  before(async () => {
    people = await adminAndMember({ memberLabel: "member", memberName: "Mia Member" });
    ({ admin, member, org } = people);
  });
  after(async () => {
    await people?.close();
  });

  it("switching the knowledge base on and off shows and hides its navigation entry", async () => {
    const { page } = admin;
    await page.goto(`/${org.slug}/settings/modules`);
    const toggle = page.getByRole("switch", { name: "Knowledge base" });
    await toggle.waitFor();
    assert.equal(await toggle.getAttribute("aria-checked"), "false");
    assert.ok(!(await navLinks(page)).includes("Knowledge base"));

    await toggle.click();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Knowledge base" }).waitFor();
    assert.equal(await toggle.getAttribute("aria-checked"), "true");

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Knowledge base" }).click();
    await waitForPath(page, `/${org.slug}/kb`);
    await page.getByText("No articles yet").waitFor();

    await page.goto(`/${org.slug}/settings/modules`);
    await page.getByRole("switch", { name: "Knowledge base" }).click();
    await page.getByRole("switch", { name: "Knowledge base", checked: false }).waitFor();
    assert.ok(!(await navLinks(page)).includes("Knowledge base"));
    await page.goto(`/${org.slug}/kb`);
    await page.getByText("Knowledge base is switched off").waitFor();
  });

  it("modules outside the plan are disabled and name the plan they need", async () => {
    const { page } = admin;
    await page.goto(`/${org.slug}/settings/modules`);
    const problem = page.getByRole("switch", { name: "Problem management" });
    await problem.waitFor();
    assert.equal(await problem.isDisabled(), true);
    assert.match(await page.locator("#module-problemManagement-desc").innerText(), /Requires Pro/);
    assert.match(await page.locator("#module-assetManagement-desc").innerText(), /Requires Enterprise/);
    // The server agrees: a 402 naming the plan.
    const response = await admin.context.request.fetch(`/api/orgs/${org.orgId}/features`, {
      method: "PATCH",
      data: { problemManagement: true },
      headers: { Origin: new URL(page.url()).origin },
    });
    assert.equal(response.status(), 402);
    assert.equal((await response.json()).requiredPlan, "pro");
  });

  it("a member sees no admin settings, and opening one says it is not allowed", async () => {
    const { page } = member;
    await page.goto(`/${org.slug}/settings`);
    await waitForPath(page, `/${org.slug}/settings/tokens`);
    const tabs = await page.getByRole("navigation", { name: "Settings" }).getByRole("link").allInnerTexts();
    assert.deepEqual(tabs, ["API tokens", "My notifications"]);

    for (const section of ["members", "teams", "modules", "audit"]) {
      await page.goto(`/${org.slug}/settings/${section}`);
      await page.getByRole("heading", { name: "You don't have access to this page" }).waitFor();
      assert.equal(await page.getByRole("switch").count(), 0);
    }
    await screenshots(page, "settings-not-allowed");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "On-call" }).click();
    await page.getByRole("heading", { name: "On-call", level: 1 }).waitFor();
    assert.equal(await page.getByRole("button", { name: "New schedule" }).count(), 0);
    // The API agrees.
    const invites = await member.context.request.get(`/api/orgs/${org.orgId}/invites`);
    assert.equal(invites.status(), 403);
    assert.deepEqual(member.errors, []);
  });

  it("API tokens: the secret is shown once, then listed and revocable", async () => {
    const { page } = member;
    await page.goto(`/${org.slug}/settings/tokens`);
    await page.getByLabel("Name", { exact: true }).fill("CI pipeline");
    await page.getByRole("button", { name: "Create token" }).click();
    const secret = await page.getByTestId("token-secret").innerText();
    assert.match(secret, /^sim_/);
    const response = await member.context.request.get(`/api/orgs/${org.orgId}/incidents`, {
      headers: { Authorization: `Bearer ${secret}` },
    });
    assert.equal(response.status(), 200);
    await page.getByRole("button", { name: "Done" }).click();
    assert.equal(await page.getByTestId("token-secret").count(), 0);
    await page.getByText("CI pipeline").waitFor();
    await page.getByRole("button", { name: "Revoke CI pipeline" }).click();
    await page.getByText("No API tokens").waitFor();
  });

  it("the audit log lists events and verifies its hash chain", async () => {
    const { page } = admin;
    await page.goto(`/${org.slug}/settings/audit`);
    await page.getByText("org.modules_changed").first().waitFor();
    await page.getByRole("button", { name: "Verify integrity" }).click();
    await page.getByText("The audit log is intact").waitFor();
    const events = await apiCall(admin.context, "GET", `/api/orgs/${org.orgId}/audit`);
    assert.ok(events.data.length > 0);
    assert.deepEqual(admin.errors, []);
  });

  it("the knowledge base lists its articles a page at a time, and loads the rest on request", async () => {
    const { context, page } = admin;
    // The first test switched the module off again at its end.
    await apiCall(context, "PATCH", `/api/orgs/${org.orgId}/features`, { knowledgeBase: true });
    const titles = [];
    for (let i = 1; i <= 27; i++) {
      const title = `Paging runbook ${String(i).padStart(2, "0")}`;
      await apiCall(context, "POST", `/api/orgs/${org.orgId}/kb/articles`, { title, body: `Step ${i}.` });
      titles.push(title);
    }

    await page.goto(`/${org.slug}/kb`);
    const more = page.getByRole("button", { name: "Load more articles" });
    await more.waitFor();
    const listed = page.getByRole("main").getByRole("link", { name: /^Paging runbook \d+$/ });
    assert.equal(await listed.count(), 25);

    await more.click();
    await more.waitFor({ state: "detached" });
    assert.deepEqual((await listed.allInnerTexts()).sort(), titles);
    assert.deepEqual(admin.errors, []);
  });
});
