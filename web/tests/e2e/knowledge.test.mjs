// The knowledge base in the browser: an article written, published,
// edited twice (a newer revision published), found by searching as one
// types, and its history's line diffs; a resolved incident's postmortem
// written from the incident's page, a draft prefilled with its timeline
// that cannot be published with required sections empty; the new-incident
// form offering a known error matching the title as it is typed.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { adminWithOrg, waitForPath } from "./support/app.mjs";
import { apiCall, auditPage, openBrowser } from "./support/browser.mjs";
import { setPlan } from "./support/server.mjs";

describe("knowledge base", () => {
  let admin;
  let org;
  const a11y = [];

  before(async () => {
    admin = await openBrowser();
    org = await adminWithOrg(admin.context, "writer");
    await setPlan(org.slug, "pro");
    await apiCall(admin.context, "PATCH", `/api/orgs/${org.orgId}/features`, { knowledgeBase: true, problemManagement: true });
  });
  after(async () => {
    await admin?.close();
  });

  /** Replaces the article's body in its editor, with a summary of the change, and saves. */
  async function edit(page, body, summary) {
    await page.getByRole("group", { name: "Article status" }).getByRole("button", { name: "Edit" }).click();
    const form = page.getByRole("form", { name: "Edit article" });
    await form.getByLabel("Body", { exact: true }).fill(body);
    await form.getByLabel("Summary of this change").fill(summary);
    await form.getByRole("button", { name: "Save" }).click();
    await form.waitFor({ state: "detached" });
  }

  it("an article edited twice shows each revision's deleted and inserted lines", async () => {
    const { page } = admin;
    await page.goto(`/${org.slug}/kb`);
    await page.getByText("No articles yet").waitFor();
    await page.getByRole("link", { name: "New article" }).first().click();
    await waitForPath(page, `/${org.slug}/kb/new`);
    await page.getByLabel("Title").fill("Restart the payment worker");
    await page.getByLabel("Body", { exact: true }).fill("Drain the queue.\nStop the worker.\nStart the worker.\n");
    await page.getByLabel("Tags").fill("payments, runbook");
    await page.getByRole("button", { name: "Save draft" }).click();
    await waitForPath(page, `/${org.slug}/kb/KB-1`);
    await page.getByRole("heading", { name: "Restart the payment worker" }).waitFor();
    const header = page.locator("header");
    await header.getByText("Draft", { exact: true }).waitFor();
    assert.deepEqual(await page.getByRole("list", { name: "Tags" }).getByRole("listitem").allInnerTexts(), ["payments", "runbook"]);
    await page.getByRole("button", { name: "Publish" }).click();
    await header.getByText("Published", { exact: true }).waitFor();
    a11y.push(...(await auditPage(page, "kb-article")));

    // First edit: a published article keeps showing revision 1 to readers until revision 2 is published.
    await edit(page, "Drain the queue.\nStop the worker gently.\nStart the worker.\n", "Stop it gently");
    await page.getByText("Revision 2 is not published yet").waitFor();
    await page.getByRole("button", { name: "Publish revision 2" }).click();
    await page.getByText("Revision 2 is not published yet").waitFor({ state: "detached" });
    assert.equal(await page.getByRole("button", { name: /^Publish/ }).count(), 0);

    // Second edit, left unpublished.
    await edit(page, "Drain the queue.\nStop the worker gently.\nStart the worker.\nCheck the dashboard.\n", "Check afterwards");
    await page.getByRole("button", { name: "Publish revision 3" }).waitFor();

    // Searching as one types finds the published text, with the matched word marked.
    await page.goto(`/${org.slug}/kb`);
    await page.getByRole("list", { name: "Newest published articles" }).getByRole("link", { name: "Restart the payment worker" }).waitFor();
    await page.getByLabel("Search", { exact: true }).fill("gent");
    const results = page.getByRole("list", { name: "Search results" });
    await results.getByRole("link", { name: "Restart the payment worker" }).waitFor();
    assert.match(await results.locator("mark").first().innerText(), /^gent/i);
    const listed = page.getByRole("list", { name: "All articles" }).getByRole("listitem").filter({ hasText: "Restart the payment worker" });
    await listed.getByText("Published").waitFor();
    a11y.push(...(await auditPage(page, "kb-home")));

    // The history: revision 3 (newest, draft) against 2, then 2 against 1.
    await page.goto(`/${org.slug}/kb/KB-1/history`);
    const revisions = page.getByRole("list", { name: "Revisions" });
    await revisions.getByRole("listitem").nth(2).waitFor();
    const states = await revisions.getByRole("listitem").allInnerTexts();
    assert.match(states[0], /Revision 3\s+Draft[\s\S]*Check afterwards/);
    assert.match(states[1], /Revision 2\s+Published[\s\S]*Stop it gently/);
    assert.match(states[2], /Revision 1\s+Outdated/);
    const body = page.getByRole("list", { name: "Body changes" });
    await page.getByRole("heading", { name: "Changes in revision 3" }).waitFor();
    await body.locator("[data-op=insert]").first().waitFor();
    assert.deepEqual(await body.locator("[data-op=insert]").allTextContents(), ["+Added: Check the dashboard."]);
    assert.equal(await body.locator("[data-op=delete]").count(), 0);

    await revisions.getByRole("link", { name: "Revision 2" }).click();
    await page.getByRole("heading", { name: "Changes in revision 2" }).waitFor();
    await body.locator("[data-op=delete]").first().waitFor();
    assert.deepEqual(await body.locator("[data-op=delete]").allTextContents(), ["-Removed: Stop the worker."]);
    assert.deepEqual(await body.locator("[data-op=insert]").allTextContents(), ["+Added: Stop the worker gently."]);
    assert.equal(await body.locator("[data-op=equal]").count(), 2);
    a11y.push(...(await auditPage(page, "kb-history")));
    assert.deepEqual(admin.errors, []);
  });

  it("a resolved incident's postmortem is written from its page, prefilled with its timeline", async () => {
    const { page } = admin;
    const incident = await apiCall(admin.context, "POST", `/api/orgs/${org.orgId}/incidents`, { title: "Search is slow", severity: "P2" });
    await page.goto(`/${org.slug}/incidents/${incident.number}`);
    await page.getByRole("heading", { name: "Search is slow" }).waitFor();
    assert.equal(await page.getByRole("button", { name: "Write postmortem" }).count(), 0);
    await page.getByLabel("Add a note", { exact: true }).fill("Rebuilt the search index");
    await page.getByRole("button", { name: "Add note" }).click();
    await page.getByRole("list", { name: "Timeline" }).getByText("Rebuilt the search index").waitFor();
    await page.getByRole("group", { name: "Change status" }).getByRole("button", { name: "Resolve" }).click();

    await page.getByRole("button", { name: "Write postmortem" }).click();
    await waitForPath(page, /\/kb\/KB-\d+$/);
    await page.getByRole("heading", { name: `Postmortem: ${incident.reference} Search is slow` }).waitFor();
    const header = page.locator("header");
    await header.getByText("Draft", { exact: true }).waitFor();
    await header.getByText("Postmortem", { exact: true }).waitFor();
    const text = page.locator("article section").first();
    await text.getByRole("heading", { name: "Timeline" }).waitFor();
    await text.getByText(/Rebuilt the search index/).waitFor();
    await text.getByText(`Incident: ${incident.reference} Search is slow`).waitFor();
    // The template's placeholders are not shown.
    assert.equal(await text.getByText("to write").count(), 0);

    // Its required sections are still empty: publishing is refused, and the page says which.
    await page.getByRole("button", { name: "Publish" }).click();
    const refusal = page.getByRole("alert").filter({ hasText: "required sections" });
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /Summary, Contributing factors/);
    a11y.push(...(await auditPage(page, "kb-postmortem")));

    // Back on the incident, it links to its postmortem instead.
    const number = new URL(page.url()).pathname.split("/").pop();
    await page.goto(`/${org.slug}/incidents/${incident.number}`);
    await page.getByRole("link", { name: `Postmortem ${number}` }).click();
    await waitForPath(page, `/${org.slug}/kb/${number}`);
    assert.deepEqual(admin.errors, []);
  });

  it("the new-incident form offers a known error matching the title as it is typed", async () => {
    const { page, context } = admin;
    const problem = await apiCall(admin.context, "POST", `/api/orgs/${org.orgId}/problems`, {
      title: "Checkout pool exhausted",
      symptom: "Checkout returns 500 errors under load",
      workaround: "Restart the checkout pool",
      priority: "P2",
    });
    await page.goto(`/${org.slug}/incidents/new`);
    await page.getByLabel("Title").pressSequentially("Checkout poo", { delay: 20 });
    const matches = page.getByRole("list", { name: "Matching known errors and articles" });
    const link = matches.getByRole("link", { name: /Checkout pool exhausted/ });
    await link.waitFor();
    const item = matches.getByRole("listitem").filter({ hasText: "Checkout pool exhausted" });
    await item.getByText("Known error").waitFor();
    await item.getByText(problem.number).waitFor();
    assert.match(await item.locator("mark").first().innerText(), /checkout|pool/i);
    assert.equal(await link.getAttribute("href"), `/${org.slug}/problems/${problem.number}`);
    a11y.push(...(await auditPage(page, "new-incident-matches")));

    // It opens in a new tab, keeping what was typed here.
    const [opened] = await Promise.all([context.waitForEvent("page"), link.click()]);
    await opened.getByRole("heading", { name: "Checkout pool exhausted" }).waitFor();
    await opened.close();
    assert.equal(await page.getByLabel("Title").inputValue(), "Checkout poo");
    assert.deepEqual(admin.errors, []);
  });

  it("an incident's page shows the known errors and articles matching its title", async () => {
    const { page } = admin;
    const incident = await apiCall(admin.context, "POST", `/api/orgs/${org.orgId}/incidents`, { title: "Checkout pool at its limit", severity: "P2" });
    await page.goto(`/${org.slug}/incidents/${incident.number}`);
    await page.getByRole("heading", { name: "Checkout pool at its limit" }).waitFor();
    const matches = page.getByRole("list", { name: "Matching known errors and articles" });
    await matches.getByRole("link", { name: /Checkout pool exhausted/ }).waitFor();
    a11y.push(...(await auditPage(page, "incident-matches")));
    assert.deepEqual(admin.errors, []);
  });

  it("has no serious accessibility problems on the knowledge pages", () => {
    assert.deepEqual(a11y, []);
  });
});
