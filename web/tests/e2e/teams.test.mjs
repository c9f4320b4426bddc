// Teams: an admin makes one in Settings → Teams, changes it and sees the
// server's field errors inline; an incident is assigned to it from its
// page, which the timeline records; a team with incidents cannot be
// deleted until they are assigned elsewhere.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { adminAndMember } from "./support/app.mjs";
import { apiCall, auditPage, unique } from "./support/browser.mjs";

describe("teams", () => {
  let admin;
  let member;
  let org;
  let people;

  before(async () => {
    people = await adminAndMember({ memberLabel: "tina", memberName: "Tina Teammate" });
    ({ admin, member, org } = people);
  });
  after(async () => {
    await people?.close();
  });

  it("an admin creates a team with a lead and members, and a clashing name is refused inline", async () => {
    const { page } = admin;
    await page.goto(`/${org.slug}/settings/teams`);
    await page.getByText("No teams yet").waitFor();
    const form = page.getByRole("form", { name: "New team" });
    await form.getByLabel("Name").fill("Platform SRE");
    await form.getByLabel("Description (optional)").fill("Keeps the lights on");
    await form.getByLabel("Lead (optional)").selectOption({ label: "Tina Teammate" });
    await form.getByRole("checkbox", { name: "admin user" }).check();
    await form.getByRole("button", { name: "Create team" }).click();
    const row = page.getByRole("list", { name: "Teams" }).getByRole("listitem", { name: "Platform SRE" });
    await row.getByText("Lead: Tina Teammate").waitFor();
    assert.match(await row.innerText(), /admin user/);
    assert.match(await row.innerText(), /Tina Teammate/);

    await form.getByLabel("Name").fill("platform sre");
    await form.getByRole("button", { name: "Create team" }).click();
    await form.getByText("another team of this organisation has this name").waitFor();
    assert.equal(await form.getByLabel("Name").getAttribute("aria-invalid"), "true");
    assert.deepEqual(await auditPage(page, "settings-teams"), []);
  });

  it("an admin renames a team", async () => {
    const { page } = admin;
    const row = page.getByRole("list", { name: "Teams" }).getByRole("listitem", { name: "Platform SRE" });
    await row.getByRole("button", { name: "Edit" }).click();
    const edit = page.getByRole("form", { name: "Edit Platform SRE" });
    await edit.getByLabel("Name").fill("SRE");
    await edit.getByRole("button", { name: "Save team" }).click();
    await page.getByRole("list", { name: "Teams" }).getByRole("listitem", { name: "SRE", exact: true }).waitFor();
    const teams = await apiCall(admin.context, "GET", `/api/orgs/${org.orgId}/teams`);
    assert.deepEqual(teams.data.map((t) => [t.name, t.version]), [["SRE", 2]]);
  });

  it("a member cannot open the Teams settings", async () => {
    const { page } = member;
    await page.goto(`/${org.slug}/settings/teams`);
    await page.getByText(/Only admins of/).waitFor();
  });

  it("an incident is assigned to the team from its page, and the timeline says so", async () => {
    const { page } = admin;
    const incident = await apiCall(admin.context, "POST", `/api/orgs/${org.orgId}/incidents`, { title: `Replica lag ${unique("i")}`, severity: "P2" });
    await page.goto(`/${org.slug}/incidents/${incident.number}`);
    const team = page.getByLabel("Team");
    await team.waitFor();
    assert.equal(await team.inputValue(), "");
    await team.selectOption({ label: "SRE" });
    await page.getByText("Assigned to team SRE").waitFor();
    const stored = await apiCall(admin.context, "GET", `/api/orgs/${org.orgId}/incidents/${incident.number}`);
    assert.ok(stored.team?.startsWith("tea_"), JSON.stringify(stored));
    assert.equal(await page.getByLabel("Team").inputValue(), stored.team);

    // Busy teams stay; the page says why.
    await page.goto(`/${org.slug}/settings/teams`);
    const row = page.getByRole("list", { name: "Teams" }).getByRole("listitem", { name: "SRE", exact: true });
    await row.getByRole("button", { name: "Delete SRE" }).click();
    await row.getByText(/1 incident\(s\) are assigned to this team/).waitFor();

    await page.goto(`/${org.slug}/incidents/${incident.number}`);
    await page.getByLabel("Team").selectOption({ label: "No team" });
    await page.getByText("Taken off its team").waitFor();
    await page.goto(`/${org.slug}/settings/teams`);
    await page.getByRole("list", { name: "Teams" }).getByRole("listitem", { name: "SRE", exact: true }).getByRole("button", { name: "Delete SRE" }).click();
    await page.getByText("No teams yet").waitFor();
    assert.deepEqual(admin.errors, []);
  });
});
