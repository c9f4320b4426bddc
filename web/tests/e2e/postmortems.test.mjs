// A postmortem's follow-up in the browser: a resolved incident's
// postmortem written beside the incident's timeline (side by side on a
// wide screen, stacked on a narrow one); an action item with a past due
// date shown overdue, marked done and reopened; the dashboard's
// follow-ups listing it and the incident still without a published
// postmortem; turning items into problems from the postmortem (a 409 when
// one became something meanwhile, a 422 when changes were switched off),
// and the problem's page linking back to the postmortem.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { adminWithOrg, waitForPath } from "./support/app.mjs";
import { apiCall, auditPage, openBrowser } from "./support/browser.mjs";
import { setPlan } from "./support/server.mjs";

describe("postmortem follow-ups", () => {
  let admin;
  let org;
  const a11y = [];

  before(async () => {
    admin = await openBrowser();
    org = await adminWithOrg(admin.context, "follower");
    await setPlan(org.slug, "pro");
    await apiCall(admin.context, "PATCH", `/api/orgs/${org.orgId}/features`, { knowledgeBase: true, problemManagement: true, changeManagement: true });
  });
  after(async () => {
    await admin?.close();
  });

  const features = (on) => apiCall(admin.context, "PATCH", `/api/orgs/${org.orgId}/features`, on);

  it("an overdue action item shows on the dashboard and becomes a problem linked to the postmortem", async () => {
    const { page } = admin;
    const api = `/api/orgs/${org.orgId}`;
    const incident = await apiCall(admin.context, "POST", `${api}/incidents`, { title: "Checkout times out", severity: "P1" });
    await apiCall(admin.context, "POST", `${api}/incidents/${incident.id}/timeline`, { text: "Raised the pool size to 40" });

    // Resolve it and write its postmortem from its page.
    await page.goto(`/${org.slug}/incidents/${incident.number}`);
    await page.getByRole("heading", { name: "Checkout times out" }).waitFor();
    await page.getByRole("group", { name: "Change status" }).getByRole("button", { name: "Resolve" }).click();
    await page.getByRole("button", { name: "Write postmortem" }).click();
    await waitForPath(page, /\/kb\/KB-\d+$/);
    const number = new URL(page.url()).pathname.split("/").pop();
    const title = `Postmortem: ${incident.reference} Checkout times out`;
    await page.getByRole("heading", { name: title }).waitFor();

    // Writing it: the incident's timeline beside the editor, read-only.
    await page.getByRole("group", { name: "Article status" }).getByRole("button", { name: "Edit" }).click();
    const editor = page.getByRole("form", { name: "Edit article" });
    const timeline = page.getByRole("region", { name: "Incident timeline" });
    await timeline.getByText("Raised the pool size to 40").waitFor();
    assert.equal(await timeline.getByRole("textbox").count(), 0);
    const [e, t] = [await editor.boundingBox(), await timeline.boundingBox()];
    assert.ok(t.x >= e.x + e.width, `side by side on a wide screen: editor ${JSON.stringify(e)}, timeline ${JSON.stringify(t)}`);
    a11y.push(...(await auditPage(page, "kb-postmortem-editor")));
    await page.setViewportSize({ width: 700, height: 860 });
    const [ne, nt] = [await editor.boundingBox(), await timeline.boundingBox()];
    assert.ok(nt.y >= ne.y + ne.height, "stacked on a narrow screen");
    await page.setViewportSize({ width: 1280, height: 860 });
    await editor.getByRole("button", { name: "Cancel" }).click();

    // An action item due in the past is overdue until it is done.
    await page.getByText("No action items yet.").waitFor();
    const form = page.getByRole("form", { name: "Add an action item" });
    await form.getByLabel("Action item").fill("Alert on the pool's saturation");
    await form.getByLabel("Owner").selectOption({ label: "follower user" });
    await form.getByLabel("Due date").fill("2024-01-15");
    await form.getByRole("button", { name: "Add action item" }).click();
    const items = page.getByRole("list", { name: "Action items" });
    const pool = items.getByRole("listitem").filter({ hasText: "Alert on the pool's saturation" });
    await pool.getByText("Overdue", { exact: true }).waitFor();
    await pool.getByText("Open", { exact: true }).waitFor();
    await pool.getByText("Owner follower user · due 15 Jan 2024").waitFor();
    assert.equal(await form.getByLabel("Action item").inputValue(), "");
    const actions = pool.getByRole("group", { name: "Action item: Alert on the pool's saturation" });
    await actions.getByRole("button", { name: "Done" }).click();
    await actions.getByRole("button", { name: "Reopen" }).waitFor();
    await pool.getByText("Done", { exact: true }).waitFor();
    assert.equal(await pool.getByText("Overdue", { exact: true }).count(), 0);
    await actions.getByRole("button", { name: "Reopen" }).click();
    await pool.getByText("Overdue", { exact: true }).waitFor();
    a11y.push(...(await auditPage(page, "kb-action-items")));

    // The dashboard's follow-ups: the overdue item (to its postmortem), the P1 without a published postmortem.
    await page.goto(`/${org.slug}/dashboard`);
    const overdue = page.getByRole("list", { name: "Overdue action items" });
    await overdue.getByText("Alert on the pool's saturation").waitFor();
    const owing = page.getByRole("list", { name: "Incidents without a published postmortem" });
    assert.equal(await owing.getByRole("link", { name: "Checkout times out" }).getAttribute("href"), `/${org.slug}/incidents/${incident.number}`);
    a11y.push(...(await auditPage(page, "dashboard-follow-ups")));
    await overdue.getByRole("link", { name: `${number} ${title}` }).click();
    await waitForPath(page, `/${org.slug}/kb/${number}`);

    // Another item became a problem behind this page's back: making it a change is a 409, and the list catches up.
    const later = await apiCall(admin.context, "POST", `${api}/kb/articles/${number}/action-items`, { title: "Document the failover" });
    await page.reload();
    const failover = items.getByRole("listitem").filter({ hasText: "Document the failover" });
    await failover.getByText("No owner · no due date").waitFor();
    await apiCall(admin.context, "POST", `${api}/kb/articles/${number}/action-items/${later.id}/promote`, { to: "problem" });
    await failover.getByRole("button", { name: "Make change" }).click();
    await failover.getByRole("alert").filter({ hasText: "already became" }).waitFor();
    await failover.getByRole("link", { name: /^Problem PRB-\d+$/ }).waitFor();
    assert.equal(await failover.getByRole("button", { name: /^Make/ }).count(), 0);

    // Changes switched off meanwhile: a 422 naming why.
    await features({ changeManagement: false });
    await actions.getByRole("button", { name: "Make change" }).click();
    await pool.getByRole("alert").filter({ hasText: "Changes are not switched on for this organisation" }).waitFor();

    // Made a problem: the item links to it, and the problem's page to the postmortem and the incident.
    await actions.getByRole("button", { name: "Make problem" }).click();
    const became = pool.getByRole("link", { name: /^Problem PRB-\d+$/ });
    await became.waitFor();
    assert.equal(await actions.getByRole("button", { name: /^Make/ }).count(), 0);
    const problemNumber = (await became.innerText()).replace("Problem ", "");
    await became.click();
    await waitForPath(page, `/${org.slug}/problems/${problemNumber}`);
    await page.getByRole("heading", { name: "Alert on the pool's saturation" }).waitFor();
    const linked = page.getByRole("list", { name: "Linked records" }).getByRole("listitem").filter({ hasText: number });
    await linked.getByRole("link", { name: `${number} ${title}` }).waitFor();
    assert.match(await linked.innerText(), /^Related to/);
    await page.getByRole("list", { name: "Incidents it causes" }).getByText(incident.reference).waitFor();
    await linked.getByRole("link", { name: `${number} ${title}` }).click();
    await waitForPath(page, new RegExp(`/${org.slug}/kb/`));
    await page.getByRole("heading", { name: title }).waitFor();
    assert.deepEqual(admin.errors, []);
  });

  it("has no serious accessibility problems on the postmortem pages", () => {
    assert.deepEqual(a11y, []);
  });
});
