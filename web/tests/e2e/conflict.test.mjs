// Two people change the same incident: the one acting on a stale version
// gets a 412 and a clear message with a way to reload.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { adminWithOrg, joinAsNewMember } from "./support/app.mjs";
import { apiCall, openBrowser, unique } from "./support/browser.mjs";

describe("editing a stale incident", () => {
  let first;
  let second;
  let org;

  before(async () => {
    first = await openBrowser();
    second = await openBrowser();
    org = await adminWithOrg(first.context);
    await joinAsNewMember(first.context, second.context, org.orgId, { email: `${unique("second")}@example.com`, name: "Sam Second" });
    await apiCall(first.context, "POST", `/api/orgs/${org.orgId}/incidents`, { title: "Disk almost full", severity: "P2" });
  });
  after(async () => {
    await first?.close();
    await second?.close();
  });

  it("shows 'This incident changed since you loaded it' with a Reload button on 412", async () => {
    // The second person's live connection is down, so their page keeps the version it loaded.
    await second.page.route("**/events*", (route) => route.abort());
    await first.page.goto(`/${org.slug}/incidents/1`);
    await second.page.goto(`/${org.slug}/incidents/1`);
    await first.page.getByRole("heading", { name: "Disk almost full" }).waitFor();
    await second.page.getByRole("heading", { name: "Disk almost full" }).waitFor();

    await first.page.getByRole("button", { name: "Acknowledge", exact: true }).click();
    await first.page.getByRole("button", { name: "Acknowledge", exact: true }).waitFor({ state: "detached" });

    await second.page.getByRole("button", { name: "Resolve" }).click();
    const alert = second.page.getByRole("alert").filter({ hasText: "This incident changed since you loaded it" });
    await alert.waitFor();
    await alert.getByRole("button", { name: "Reload" }).click();
    await alert.waitFor({ state: "detached" });
    await second.page.getByText("Acknowledged", { exact: true }).first().waitFor();
    assert.equal(await second.page.getByRole("button", { name: "Acknowledge", exact: true }).count(), 0);

    // With the fresh version the same action now succeeds.
    await second.page.getByRole("button", { name: "Resolve" }).click();
    await second.page.getByRole("button", { name: "Reopen" }).waitFor();
    assert.deepEqual(second.errors, []);
  });
});
