// Problem and change management in the browser: a problem made from two
// incidents; a normal change approved by two approvers, each in their own
// session, then on the calendar; a change refused inside a freeze, with
// the reason shown.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { adminAndMember, joinAsNewMember } from "./support/app.mjs";
import { apiCall, auditPage, openBrowser, unique } from "./support/browser.mjs";
import { setPlan } from "./support/server.mjs";

describe("problems and changes", () => {
  let admin;
  let carla;
  let dmitri;
  let org;
  let people;
  const ids = {};

  before(async () => {
    people = await adminAndMember({ memberLabel: "carla", memberName: "Carla Approver" });
    ({ admin, member: carla, org } = people);
    dmitri = await openBrowser();
    await joinAsNewMember(admin.context, dmitri.context, org.orgId, { email: `${unique("dmitri")}@example.com`, name: "Dmitri Approver" });
    await setPlan(org.slug, "pro");
    await apiCall(admin.context, "PATCH", `/api/orgs/${org.orgId}/features`, { problemManagement: true, changeManagement: true });
    const members = await apiCall(admin.context, "GET", `/api/orgs/${org.orgId}/members`);
    for (const m of members.data) ids[m.name] = m.userId;
  });
  after(async () => {
    await Promise.all([people?.close(), dmitri?.close()]);
  });

  it("creates a problem from two incidents, linked from both sides", async () => {
    const { page } = admin;
    const a = await apiCall(admin.context, "POST", `/api/orgs/${org.orgId}/incidents`, { title: "Checkout times out", severity: "P2" });
    const b = await apiCall(admin.context, "POST", `/api/orgs/${org.orgId}/incidents`, { title: "Payments slow", severity: "P3" });
    await page.goto(`/${org.slug}/problems`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Problem management" }).waitFor();
    await page.getByRole("link", { name: "New problem" }).first().click();
    await page.getByLabel("Title").fill("Connection pool exhausted");
    await page.getByLabel("Symptom").fill("Timeouts under load");
    await page.getByRole("checkbox", { name: `${a.reference} Checkout times out` }).check();
    await page.getByRole("checkbox", { name: `${b.reference} Payments slow` }).check();
    await page.getByRole("button", { name: "Create problem" }).click();
    await page.getByRole("heading", { name: "Connection pool exhausted" }).waitFor();
    const linked = page.getByRole("list", { name: "Incidents it causes" });
    assert.deepEqual((await linked.getByRole("link").allInnerTexts()).sort(), [a.reference, b.reference].sort());
    assert.deepEqual(await auditPage(page, "problem-detail"), []);

    // The incident's page shows the problem among its links.
    await page.goto(`/${org.slug}/incidents/${a.number}`);
    await page.getByRole("list", { name: "Linked records" }).getByText("PRB-1").waitFor();
  });

  it("a normal change is approved by two approvers in their own sessions, then shows on the calendar", async () => {
    const board = [{ name: "CAB", approvers: { users: [ids["Carla Approver"], ids["Dmitri Approver"]] }, rule: "all" }];
    const policy = await apiCall(admin.context, "GET", `/api/orgs/${org.orgId}/changes/policy`);
    await apiCall(admin.context, "PUT", `/api/orgs/${org.orgId}/changes/policy`, { ...policy, normalApprovals: board }, { "If-Match": "*" });

    const { page } = admin;
    await page.goto(`/${org.slug}/changes/new`);
    await page.getByLabel("Title").fill("Upgrade PostgreSQL to 17");
    await page.getByLabel("Type").selectOption("normal");
    await page.getByLabel("Starts").fill("2027-03-01T22:00");
    await page.getByLabel("Ends").fill("2027-03-02T01:00");
    await page.getByRole("button", { name: "Create change" }).click();
    await page.getByRole("heading", { name: "Upgrade PostgreSQL to 17" }).waitFor();
    await page.getByRole("button", { name: "Submit for approval" }).click();
    await page.getByText("Waiting for: Carla Approver, Dmitri Approver").waitFor();

    // Carla finds it waiting on her, and approves.
    await carla.page.goto(`/${org.slug}/changes/awaiting`);
    await carla.page.getByRole("list", { name: "Changes awaiting my approval" }).getByRole("link", { name: "Upgrade PostgreSQL to 17" }).click();
    await carla.page.getByLabel("Comment (optional)").fill("Backout plan looks fine");
    await carla.page.getByRole("button", { name: "Approve" }).click();
    await carla.page.getByText("Waiting for: Dmitri Approver").waitFor();

    // Dmitri approves in his own session: approved.
    await dmitri.page.goto(`/${org.slug}/changes/1`);
    await dmitri.page.getByRole("button", { name: "Approve" }).click();
    await dmitri.page.getByText("Approval: Approved").waitFor();

    await page.reload();
    await page.getByRole("button", { name: "Schedule" }).click();
    await page.getByRole("group", { name: "Change status" }).getByRole("button", { name: "Start implementing" }).waitFor();
    const stored = await apiCall(admin.context, "GET", `/api/orgs/${org.orgId}/changes/1`);
    assert.equal(stored.status, "scheduled");
    assert.deepEqual(stored.approval.steps[0].votes.map((v) => v.comment), ["Backout plan looks fine", ""]);

    // On the calendar, in March 2027.
    await page.goto(`/${org.slug}/changes/calendar`);
    await page.getByRole("button", { name: "Month" }).click();
    const label = page.locator("[aria-live=polite]");
    for (let i = 0; i < 24 && !(await label.innerText()).includes("March 2027"); i++) {
      await page.getByRole("button", { name: "Next month" }).click();
    }
    await page.getByRole("listitem", { name: /1 Mar/ }).getByRole("link", { name: /CHG-1 Upgrade PostgreSQL to 17/ }).waitFor();
    assert.deepEqual(await auditPage(page, "change-calendar"), []);
    assert.deepEqual([...admin.errors, ...carla.errors, ...dmitri.errors], []);
  });

  it("a change inside a freeze is refused, and the page says why", async () => {
    const { page } = admin;
    await page.goto(`/${org.slug}/changes/settings`);
    await page.getByLabel("Freeze name").fill("Year-end close");
    await page.getByLabel("Freeze starts").fill("2027-04-01T00:00");
    await page.getByLabel("Freeze ends").fill("2027-04-05T00:00");
    await page.getByRole("button", { name: "Add freeze" }).click();
    await page.getByRole("list", { name: "Freezes" }).getByText("Year-end close").waitFor();

    const change = await apiCall(admin.context, "POST", `/api/orgs/${org.orgId}/changes`, {
      title: "Rotate certificates",
      type: "standard",
      window: { start: "2027-04-02T10:00:00Z", end: "2027-04-02T11:00:00Z" },
    });
    await apiCall(admin.context, "POST", `/api/orgs/${org.orgId}/changes/${change.number.slice(4)}/submit`);
    await page.goto(`/${org.slug}/changes/${change.number.slice(4)}`);
    await page.getByRole("button", { name: "Schedule" }).click();
    await page.getByRole("alert").getByText(/the change freeze "Year-end close"/).waitFor();
    const stored = await apiCall(admin.context, "GET", `/api/orgs/${org.orgId}/changes/${change.number.slice(4)}`);
    assert.equal(stored.status, "approved");
  });
});
