// Knowledge base settings and reviews in the browser: an admin adds a
// required section to the postmortem template (an empty title is refused
// beside its field) and turns on review by admins; a member writes an
// article and can only submit it for review; the admin approves it on
// the article's page, and it is published.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { adminAndMember, waitForPath } from "./support/app.mjs";
import { apiCall, auditPage } from "./support/browser.mjs";
import { setPlan } from "./support/server.mjs";

describe("knowledge base review", () => {
  let admin;
  let writer;
  let org;
  let people;
  const a11y = [];

  before(async () => {
    people = await adminAndMember({ memberLabel: "wendy", memberName: "Wendy Writer" });
    ({ admin, member: writer, org } = people);
    await setPlan(org.slug, "pro");
    await apiCall(admin.context, "PATCH", `/api/orgs/${org.orgId}/features`, { knowledgeBase: true });
  });
  after(async () => {
    await people?.close();
  });

  it("an admin sets a required template section and turns on review by admins", async () => {
    const { page } = admin;
    await page.goto(`/${org.slug}/settings/members`);
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Knowledge base" }).click();
    await waitForPath(page, `/${org.slug}/settings/knowledge-base`);
    const sections = page.getByRole("list", { name: "Template sections" });
    await sections.getByRole("listitem").first().waitFor();
    const before = await sections.getByRole("listitem").count();

    // A new section left without a title is refused beside it.
    await page.getByRole("button", { name: "Add a section" }).click();
    const added = sections.getByRole("listitem").nth(before);
    await page.getByRole("button", { name: "Save knowledge base settings" }).click();
    const title = added.getByLabel(`Section ${before + 1} title`);
    await page.waitForFunction((el) => el.getAttribute("aria-invalid") === "true", await title.elementHandle());

    // Titled, required and moved to the top.
    await title.fill("Customer impact");
    await added.getByLabel("Required").check();
    for (let i = before; i > 0; i--) await page.getByRole("button", { name: `Move section ${i + 1} up` }).click();
    // Errors name sections by position: moving them clears the stale ones.
    assert.equal(await page.locator("[aria-invalid=true]").count(), 0);
    assert.equal(await sections.getByLabel("Section 1 title").inputValue(), "Customer impact");
    await page.getByLabel("Review articles before they are published").check();
    const step = page.getByRole("group", { name: "Review step" });
    await step.getByLabel("Step name").fill("Editor");
    await step.getByRole("group", { name: "Approving roles" }).getByLabel("Every admin").check();
    a11y.push(...(await auditPage(page, "kb-settings")));
    await page.getByRole("button", { name: "Save knowledge base settings" }).click();
    await page.getByText("Knowledge base settings saved.").waitFor();

    const stored = await apiCall(admin.context, "GET", `/api/orgs/${org.orgId}/kb/settings`);
    assert.deepEqual(stored.postmortemTemplate[0], { title: "Customer impact", required: true });
    assert.equal(stored.postmortemTemplate.length, before + 1);
    assert.equal(stored.review.name, "Editor");
    assert.equal(stored.review.rule, "any");
    assert.deepEqual(stored.review.approvers.roles, ["admin"]);

    // A member has no such settings page to change.
    await writer.page.goto(`/${org.slug}/settings/tokens`);
    const nav = writer.page.getByRole("navigation", { name: "Settings" });
    await nav.getByRole("link", { name: "API tokens" }).waitFor();
    assert.equal(await nav.getByRole("link", { name: "Knowledge base" }).count(), 0);
    assert.deepEqual([...admin.errors, ...writer.errors], []);
  });

  it("a member's article is submitted for review and published by an admin's approval", async () => {
    const { page } = writer;
    await page.goto(`/${org.slug}/kb/new`);
    await page.getByLabel("Title").fill("Purge the CDN");
    await page.getByLabel("Body", { exact: true }).fill("Call the purge API.\n");
    await page.getByRole("button", { name: "Save draft" }).click();
    await waitForPath(page, `/${org.slug}/kb/KB-1`);
    const status = page.getByRole("group", { name: "Article status" });
    await status.getByRole("button", { name: "Submit for review" }).waitFor();
    assert.equal(await status.getByRole("button", { name: "Publish" }).count(), 0);
    await status.getByRole("button", { name: "Submit for review" }).click();
    const header = page.locator("header");
    await header.getByText("In review", { exact: true }).waitFor();
    const panel = page.locator("section").filter({ has: page.getByRole("heading", { name: "Review", exact: true }) });
    await panel.getByText("Status: Pending").waitFor();
    await panel.getByText(/Waiting for: admin user/).waitFor();
    // The author cannot approve their own article: no vote buttons.
    assert.equal(await panel.getByRole("button", { name: "Approve" }).count(), 0);

    // The admin approves it on the article's page.
    await admin.page.goto(`/${org.slug}/kb/KB-1`);
    const review = admin.page.locator("section").filter({ has: admin.page.getByRole("heading", { name: "Review", exact: true }) });
    await review.getByText("Status: Pending").waitFor();
    await review.getByLabel("Comment (optional)").fill("Clear and short.");
    a11y.push(...(await auditPage(admin.page, "kb-review")));
    await review.getByRole("button", { name: "Approve" }).click();
    await admin.page.locator("header").getByText("Published", { exact: true }).waitFor();
    await review.getByText("Status: Approved").waitFor();
    await review.getByText(/approved .*: “Clear and short\.”/).waitFor();

    await page.reload();
    await header.getByText("Published", { exact: true }).waitFor();
    const stored = await apiCall(writer.context, "GET", `/api/orgs/${org.orgId}/kb/articles/KB-1`);
    assert.equal(stored.status, "published");
    assert.equal(stored.publishedRevision, 1);
    assert.deepEqual([...admin.errors, ...writer.errors], []);
  });

  it("has no serious accessibility problems on the settings and review", () => {
    assert.deepEqual(a11y, []);
  });
});
