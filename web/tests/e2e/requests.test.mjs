// The service catalogue and requests in the browser (#17): an admin
// builds an item in the catalogue editor (a form whose laptop model is
// asked, and required, only for a laptop; one approval step; a two-stage
// plan for a team) and publishes it; a requester joins by invitation,
// lands on the portal, sees the portal article for the item beside its
// form, sends a wrong answer and sees the server's error beside its field,
// fixes it and submits; the approver approves on the agents' request page;
// an agent works both tasks from the team's queue; the requester, from the
// emailed link, finds the request fulfilled. A requester reaches nothing
// but the portal.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { joinAsNewMember, adminWithOrg, navLinks, waitForPath } from "./support/app.mjs";
import { apiCall, auditPage, openBrowser, PASSWORD, unique } from "./support/browser.mjs";
import { waitForLink } from "./support/mail.mjs";
import { setPlan } from "./support/server.mjs";

const FORM = {
  type: "object",
  title: "Your laptop or screen",
  required: ["kind"],
  properties: {
    kind: { type: "string", title: "Kind", enum: ["laptop", "monitor"] },
    reason: { type: "string", title: "Reason" },
  },
  if: { properties: { kind: { const: "laptop" } }, required: ["kind"] },
  then: {
    required: ["laptop"],
    properties: {
      laptop: { type: "object", title: "Laptop", required: ["model"], properties: { model: { type: "string", title: "Model", minLength: 3 } } },
    },
  },
};

/** The text of the elements a field's aria-describedby names (its hint, its errors). */
const description = (locator) =>
  locator.evaluate((el) =>
    (el.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" "),
  );

describe("service catalogue and requests", () => {
  let admin;
  let approver;
  let agent;
  let requester;
  let org;
  let approverId;
  let itemId;
  const requesterEmail = `${unique("rita")}@example.com`;
  const a11y = [];

  before(async () => {
    admin = await openBrowser();
    approver = await openBrowser();
    agent = await openBrowser();
    requester = await openBrowser();
    org = await adminWithOrg(admin.context, "catalogue");
    await setPlan(org.slug, "enterprise");
    await apiCall(admin.context, "PATCH", `/api/orgs/${org.orgId}/features`, { serviceCatalog: true, requestFulfillment: true, knowledgeBase: true });
    await joinAsNewMember(admin.context, approver.context, org.orgId, { email: `${unique("petra")}@example.com`, name: "Petra Approver" });
    await joinAsNewMember(admin.context, agent.context, org.orgId, { email: `${unique("tom")}@example.com`, name: "Tom Technician" });
    approverId = (await apiCall(approver.context, "GET", "/api/me")).user.id;
    const agentId = (await apiCall(agent.context, "GET", "/api/me")).user.id;
    await apiCall(admin.context, "POST", `/api/orgs/${org.orgId}/teams`, { name: "Service desk", members: [agentId] });
    // A help article shown on the portal, and an internal one that is not.
    for (const [title, visibility] of [
      ["Choosing a laptop", "portal"],
      ["Laptop imaging internals", "internal"],
    ]) {
      const article = await apiCall(admin.context, "POST", `/api/orgs/${org.orgId}/kb/articles`, { title, body: `About ${title.toLowerCase()}.`, visibility });
      await apiCall(admin.context, "POST", `/api/orgs/${org.orgId}/kb/articles/${article.id}/status`, { status: "published" }, { "If-Match": `"${article.version}"` });
    }
  });
  after(async () => {
    await Promise.all([admin, approver, agent, requester].filter(Boolean).map((p) => p.close()));
  });

  it("an admin builds an item in the catalogue editor and publishes it", async () => {
    const { page } = admin;
    await page.goto(`/${org.slug}/settings/members`);
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Catalogue" }).click();
    await waitForPath(page, `/${org.slug}/settings/catalogue`);
    const add = page.getByRole("form", { name: "Add a category" });
    await add.getByLabel("Name").fill("Hardware");
    await add.getByLabel("Description").fill("Laptops, screens and the like");
    await add.getByRole("button", { name: "Add category" }).click();
    await page.getByRole("list", { name: "Categories" }).getByText("Hardware", { exact: true }).waitFor();

    await page.getByRole("link", { name: "New item" }).click();
    await waitForPath(page, `/${org.slug}/settings/catalogue/new`);
    await page.getByLabel("Name", { exact: true }).fill("New laptop");
    await page.getByLabel("Icon").fill("💻");
    await page.getByLabel("Category").selectOption({ label: "Hardware" });
    await page.getByLabel("Description", { exact: true }).fill("A laptop or a **screen** for your work.");
    await page.getByLabel("Target time").fill("2");
    await page.getByLabel("Unit").selectOption("days");

    // The form: invalid JSON says so; a schema shows in the preview.
    const schema = page.getByLabel("Form (JSON Schema)");
    await schema.fill("{ \"type\": ");
    assert.match(await description(schema), /The form is not valid JSON/);
    await schema.fill(JSON.stringify(FORM, null, 2));
    const preview = page.getByRole("region", { name: "Form preview" });
    await preview.getByLabel("Kind").waitFor();
    assert.equal(await preview.getByLabel("Model").count(), 0);
    await preview.getByLabel("Kind").selectOption("laptop");
    await preview.getByLabel("Model").waitFor();

    await page.getByRole("button", { name: "Add an approval step" }).click();
    const step = page.getByRole("group", { name: "Approval step 1" });
    await step.getByLabel("Step name").fill("Line manager");
    await step.getByLabel("Petra Approver").check();

    await page.getByRole("button", { name: "Add a stage" }).click();
    const first = page.getByRole("group", { name: "Stage 1 task 1" });
    await first.getByLabel("Task", { exact: true }).fill("Order the laptop");
    assert.equal(await first.getByLabel("Team").inputValue(), (await apiCall(admin.context, "GET", `/api/orgs/${org.orgId}/teams`)).data[0].id);
    await page.getByRole("button", { name: "Add a stage" }).click();
    const second = page.getByRole("group", { name: "Stage 2 task 1" });
    await second.getByLabel("Task", { exact: true }).fill("Set it up");
    await second.getByLabel("Only when the answer").fill("/kind");
    await second.getByLabel("Value").fill("laptop");
    a11y.push(...(await auditPage(page, "catalogue-item-editor")));

    await page.getByRole("button", { name: "Create draft" }).click();
    await waitForPath(page, new RegExp(`^/${org.slug}/settings/catalogue/cit_`));
    itemId = new URL(page.url()).pathname.split("/").pop();
    const status = page.getByRole("group", { name: "Item status" });
    await status.getByRole("button", { name: "Publish" }).click();
    await status.getByRole("button", { name: "Withdraw" }).waitFor();
    await page.getByText("Published", { exact: true }).first().waitFor();

    const item = await apiCall(admin.context, "GET", `/api/orgs/${org.orgId}/catalog/items/${itemId}`);
    assert.equal(item.status, "published");
    assert.equal(item.targetMinutes, 2 * 24 * 60);
    assert.equal(item.needsApproval, true);
    assert.deepEqual(item.setup.approval.map((s) => [s.name, s.approvers.users]), [["Line manager", [approverId]]]);
    assert.deepEqual(
      item.setup.fulfilment.stages.map((s) => s.tasks.map((t) => [t.name, t.when ?? null])),
      [[["Order the laptop", null]], [["Set it up", { answer: "/kind", equals: "laptop" }]]],
    );
    await page.goto(`/${org.slug}/settings/catalogue`);
    await page.getByRole("list", { name: "Catalogue items" }).getByText("Published").waitFor();
    a11y.push(...(await auditPage(page, "catalogue-admin")));
    assert.deepEqual(admin.errors, []);
  });

  it("a requester is invited without a seat, joins and lands on the portal", async () => {
    const { page } = admin;
    await page.goto(`/${org.slug}/settings/members`);
    await page.getByLabel("Email address").fill(requesterEmail);
    const roles = page.getByRole("group", { name: "Roles of the new member" });
    await roles.getByLabel(/^Requester/).check();
    assert.equal(await roles.getByLabel("Member", { exact: true }).isChecked(), false);
    await roles.getByText("asks through the portal; no seat").waitFor();
    await page.getByRole("button", { name: "Send invite" }).click();
    await page.getByText(`Invite sent to ${requesterEmail}.`).waitFor();
    await page.getByRole("list", { name: "Pending invites" }).getByText(/Requester/).waitFor();

    const link = new URL(await waitForLink(requesterEmail, "/invite/"));
    const rp = requester.page;
    await rp.goto(link.pathname);
    await rp.getByText("You have been invited as Requester").waitFor();
    await rp.getByLabel("Your name").fill("Rita Requester");
    await rp.getByLabel("Choose a password").fill(PASSWORD);
    await rp.getByRole("button", { name: "Create account and join" }).click();
    await waitForPath(rp, `/${org.slug}/portal`);
    await rp.getByRole("heading", { name: "Service catalogue" }).waitFor();
    assert.deepEqual(await navLinks(rp), ["Catalogue", "My requests", "Help articles"]);

    // Signing in again leads to the portal too.
    await rp.getByRole("button", { name: "Sign out" }).click();
    await waitForPath(rp, "/login");
    await rp.getByLabel("Email").fill(requesterEmail);
    await rp.getByLabel("Password").fill(PASSWORD);
    await rp.getByRole("button", { name: "Sign in" }).click();
    await waitForPath(rp, `/${org.slug}/portal`);
    await rp.getByRole("list", { name: "Hardware" }).getByRole("link", { name: /New laptop/ }).waitFor();

    await page.reload();
    const row = page.getByRole("group", { name: "Roles of Rita Requester" });
    assert.equal(await row.getByLabel(/^Requester/).isChecked(), true);
    a11y.push(...(await auditPage(page, "members-with-requester")));
  });

  it("a requester reaches only the portal", async () => {
    const { page, context } = requester;
    await page.goto(`/${org.slug}/incidents`);
    await waitForPath(page, `/${org.slug}/portal`);
    assert.equal(await page.getByRole("link", { name: "Incidents" }).count(), 0);
    await page.goto(`/${org.slug}/requests/tasks`);
    await page.getByText("This page is for the people who handle requests").waitFor();
    await page.getByRole("link", { name: "Go to the portal" }).waitFor();
    await assert.rejects(apiCall(context, "GET", `/api/orgs/${org.orgId}/incidents`), /→ 404/);
  });

  it("a wrong answer is shown beside its field; the fixed request is submitted", async () => {
    const { page } = requester;
    await page.goto(`/${org.slug}/portal`);
    const hardware = page.getByRole("list", { name: "Hardware" });
    const card = hardware.getByRole("link", { name: /New laptop/ });
    await card.getByText("Needs approval").waitFor();
    await card.getByText("Within 2d").waitFor();
    a11y.push(...(await auditPage(page, "portal-catalogue")));
    await card.click();
    await waitForPath(page, `/${org.slug}/portal/items/${itemId}`);
    await page.getByRole("heading", { name: "New laptop" }).waitFor();

    // Beside the form: the portal's article about laptops, not the internal one.
    const help = page.getByRole("list", { name: "Help articles for this item" });
    await help.getByRole("link", { name: /Choosing a laptop/ }).waitFor();
    assert.equal(await help.getByText("Laptop imaging internals").count(), 0);

    // The model is asked only for a laptop.
    await page.getByLabel("Kind").waitFor();
    assert.equal(await page.getByLabel("Model").count(), 0);
    await page.getByLabel("Kind").selectOption("laptop");
    const model = page.getByLabel("Model");
    await model.fill("X1");
    await page.getByLabel("Reason").fill("Mine is six years old");
    await page.getByRole("button", { name: "Submit request" }).click();
    await page.getByText("Some answers need a change").waitFor();
    await page.waitForFunction((el) => /shorter than 3 characters/.test(el.closest(".form-group")?.textContent ?? ""), await model.elementHandle());
    assert.match(await description(model), /shorter than 3 characters/);
    a11y.push(...(await auditPage(page, "portal-item-error")));
    const none = await apiCall(requester.context, "GET", `/api/orgs/${org.orgId}/requests`);
    assert.deepEqual(none.data, []);

    await model.fill("ThinkPad X1 Carbon");
    await page.getByRole("button", { name: "Submit request" }).click();
    await waitForPath(page, `/${org.slug}/portal/requests/REQ-1`);
    await page.getByText("Request REQ-1 submitted").waitFor();
    await page.locator("header").getByText("Awaiting approval").waitFor();
    const answers = page.locator("section").filter({ has: page.getByRole("heading", { name: "Your answers" }) });
    await answers.getByText("ThinkPad X1 Carbon").waitFor();
    await answers.getByText("Mine is six years old").waitFor();
    a11y.push(...(await auditPage(page, "portal-request")));
    assert.deepEqual(requester.errors, []);
  });

  it("the approver approves on the request's page", async () => {
    const { page } = approver;
    await page.goto(`/${org.slug}/requests`);
    await page.getByRole("list", { name: "Requests" }).getByRole("link", { name: "New laptop" }).click();
    await waitForPath(page, `/${org.slug}/requests/REQ-1`);
    const panel = page.locator("section").filter({ has: page.getByRole("heading", { name: "Approval", exact: true }) });
    await panel.getByText("Status: Pending").waitFor();
    await page.getByRole("region", { name: "Stage 1" }).getByText("Not started").waitFor();
    await panel.getByLabel("Comment (optional)").fill("Enjoy it.");
    a11y.push(...(await auditPage(page, "request-approval")));
    await panel.getByRole("button", { name: "Approve" }).click();
    await panel.getByText("Status: Approved").waitFor();
    await page.locator("header").getByText("In progress").waitFor();
    assert.deepEqual(approver.errors, []);
  });

  it("an agent works both tasks from the team's queue, which fulfils the request", async () => {
    const { page } = agent;
    await page.goto(`/${org.slug}/requests/tasks`);
    await page.getByLabel("Team").selectOption({ label: "Service desk" });
    const queue = page.getByRole("list", { name: "Tasks of Service desk" });
    await queue.getByText("Order the laptop").waitFor();
    assert.equal(await queue.getByText("Set it up").count(), 0);
    await page.getByRole("button", { name: "Assign to me: Order the laptop (REQ-1)" }).click();
    await queue.getByText("Assigned to you").waitFor();
    a11y.push(...(await auditPage(page, "request-task-queue")));
    await page.getByRole("button", { name: "Mark done: Order the laptop (REQ-1)" }).click();
    // The second stage opens once the first is done.
    await page.getByRole("button", { name: "Mark done: Set it up (REQ-1)" }).click();
    await page.getByText("Nothing in the queue").waitFor();

    const request = await apiCall(agent.context, "GET", `/api/orgs/${org.orgId}/requests/REQ-1`);
    assert.equal(request.status, "fulfilled");
    assert.deepEqual(request.tasks.map((t) => t.status), ["done", "done"]);
    assert.deepEqual(agent.errors, []);
  });

  it("the requester follows the emailed link to the fulfilled request and comments", async () => {
    const { page } = requester;
    const link = new URL(await waitForLink(requesterEmail, "/portal/requests/", { subject: /fulfilled/ }));
    assert.equal(link.pathname, `/${org.slug}/portal/requests/1`);
    await page.goto(link.pathname);
    await page.locator("header").getByText("Fulfilled").waitFor();
    await page.getByText("2 of 2 tasks done").waitFor();
    await page.getByText("An approver approved: “Enjoy it.”").waitFor();
    await page.getByRole("textbox", { name: "Add a comment" }).fill("Thank you!");
    await page.getByRole("button", { name: "Send comment" }).click();
    await page.getByRole("list", { name: "Conversation" }).getByText("Thank you!").waitFor();
    assert.equal(await page.getByRole("button", { name: "Cancel request" }).count(), 0);

    await page.getByRole("link", { name: "My requests" }).first().click();
    const mine = page.getByRole("list", { name: "My requests" });
    await mine.getByText("Fulfilled").waitFor();
    a11y.push(...(await auditPage(page, "portal-my-requests")));
    assert.deepEqual(requester.errors, []);
  });

  it("has no serious accessibility problems on the catalogue and request pages", () => {
    assert.deepEqual(a11y, []);
  });
});
