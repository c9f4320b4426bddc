// Notifications. An admin points Slack and a webhook at a small HTTP
// receiver started here (it records what it is sent), sends tests, sees the
// webhook's secret exactly once, finds a dead delivery in the log and
// retries it; creates an on-call schedule and an escalation policy over it.
// A member reads on-call but cannot open the integrations, and sets their
// own notification rules.

import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, describe, it } from "node:test";
import { adminAndMember, waitForPath } from "./support/app.mjs";
import { apiCall, auditPage } from "./support/browser.mjs";

/** An HTTP receiver on 127.0.0.1 that records every request; `status` sets its answer per path. */
async function startReceiver() {
  const requests = [];
  const status = {};
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      requests.push({ method: req.method, path: req.url, headers: req.headers, body });
      res.writeHead(status[req.url] ?? 200, { "Content-Type": "text/plain" });
      res.end("ok");
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    requests,
    status,
    /** Waits for a request matching `test`. */
    async waitFor(test, timeout = 15_000) {
      const deadline = Date.now() + timeout;
      for (;;) {
        const found = requests.find(test);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching request; got ${JSON.stringify(requests.map((r) => `${r.method} ${r.path}`))}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe("notifications", () => {
  let receiver;
  let admin;
  let member;
  let org;
  const adminName = "notify-admin user";
  const memberName = "Nina Member";

  let people;
  before(async () => {
    receiver = await startReceiver();
    people = await adminAndMember({ adminLabel: "notify-admin", memberLabel: "notify-member", memberName: memberName });
    ({ admin, member, org } = people);
  });
  after(async () => {
    await people?.close();
    await receiver?.close();
  });

  it("an admin configures Slack (secret never shown back) and a test message reaches it", async () => {
    const { page } = admin;
    await page.goto(`/${org.slug}/settings`);
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Integrations" }).click();
    await waitForPath(page, `/${org.slug}/settings/integrations`);
    const slack = page.getByRole("list", { name: "Channels" }).getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Slack" }) });
    await slack.getByText("Not configured").waitFor();

    await slack.getByRole("button", { name: "Configure Slack" }).click();
    const field = slack.getByLabel("Incoming webhook URL");
    assert.equal(await field.getAttribute("type"), "password");
    // The server names a bad field.
    await field.fill("not a url");
    await slack.getByRole("button", { name: "Save Slack settings" }).click();
    await slack.getByText(/^not a valid URL/).waitFor();
    await field.fill(`${receiver.url}/slack`);
    await slack.getByRole("button", { name: "Save Slack settings" }).click();
    await slack.getByText("Slack settings saved.").waitFor();
    await slack.getByText("Configured", { exact: true }).waitFor();

    // Replacing starts from empty fields: nothing comes back from the server.
    await slack.getByRole("button", { name: "Replace Slack settings" }).click();
    assert.equal(await slack.getByLabel("Incoming webhook URL").inputValue(), "");
    await slack.getByRole("button", { name: "Cancel" }).click();
    const listed = await apiCall(admin.context, "GET", `/api/orgs/${org.orgId}/integrations`);
    assert.ok(!JSON.stringify(listed).includes("/slack"));

    await slack.getByRole("button", { name: "Send test" }).click();
    await slack.getByText("Test message delivered").waitFor();
    await slack.getByText("HTTP 200").waitFor();
    const posted = await receiver.waitFor((r) => r.path === "/slack");
    assert.equal(posted.method, "POST");
    assert.ok("text" in JSON.parse(posted.body), posted.body);
    assert.deepEqual(admin.errors, []);
  });

  it("a webhook's secret is shown once; its test is signed; a dead delivery can be inspected and retried", async () => {
    const { page } = admin;
    await page.goto(`/${org.slug}/settings/integrations`);
    const form = page.getByRole("form", { name: "New webhook" });
    await form.getByLabel("Endpoint URL").fill(`${receiver.url}/hook`);
    assert.equal(await form.getByLabel("All events").isChecked(), true);
    await form.getByRole("button", { name: "Add webhook" }).click();
    const secret = await page.getByTestId("webhook-secret").innerText();
    assert.match(secret, /^whsec_/);
    await page.getByText("you will not see it again").waitFor();
    await page.getByRole("button", { name: "Copy secret" }).waitFor();

    const endpoints = page.getByRole("list", { name: "Webhook endpoints" });
    await endpoints.getByText(`${receiver.url}/hook`).waitFor();
    await page.getByRole("button", { name: `Send test to ${receiver.url}/hook` }).click();
    await endpoints.getByText("Test message delivered").waitFor();
    const test = await receiver.waitFor((r) => r.path === "/hook");
    assert.equal(test.method, "POST");
    assert.ok(Object.keys(test.headers).some((h) => /signature/i.test(h)), JSON.stringify(test.headers));

    // Not shown again after a reload, nor by the API.
    await page.reload();
    await endpoints.getByText(`${receiver.url}/hook`).waitFor();
    assert.equal(await page.getByTestId("webhook-secret").count(), 0);
    assert.ok(!JSON.stringify(await apiCall(admin.context, "GET", `/api/orgs/${org.orgId}/webhooks`)).includes(secret));

    // Rotating shows a new secret, once.
    await page.getByRole("button", { name: `Rotate secret of ${receiver.url}/hook` }).click();
    const rotated = await page.getByTestId("webhook-secret").innerText();
    assert.match(rotated, /^whsec_/);
    assert.notEqual(rotated, secret);
    await page.getByText("previous secret keeps signing").waitFor();
    await page.getByRole("button", { name: "Done" }).click();
    assert.equal(await page.getByTestId("webhook-secret").count(), 0);
    await endpoints.getByText(/previous secret valid until/).waitFor();

    // The endpoint refuses (410: permanent) → the incident's delivery is dead at once.
    receiver.status["/hook"] = 410;
    const sent = receiver.requests.length;
    await apiCall(admin.context, "POST", `/api/orgs/${org.orgId}/incidents`, { title: "Checkout is down", severity: "P1" });
    await receiver.waitFor((r, i) => i >= sent && r.path === "/hook");

    await page.getByLabel("Status").selectOption("dead");
    const log = page.getByRole("table", { name: "Deliveries" });
    const deadRow = log.locator('tr[data-status="dead"]').first();
    for (let i = 0; i < 30 && !(await deadRow.count()); i++) {
      await page.getByRole("button", { name: "Refresh" }).click();
      await page.waitForTimeout(500);
    }
    await deadRow.waitFor();
    assert.match(await deadRow.innerText(), /Webhook/);
    assert.deepEqual(await auditPage(page, "settings-integrations"), []);

    receiver.status["/hook"] = 200;
    await deadRow.getByRole("button", { name: /Details/ }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("table", { name: "Attempt log" }).getByText("410").first().waitFor();
    await dialog.getByRole("button", { name: "Retry delivery" }).click();
    await dialog.getByText("Queued for another attempt.").waitFor();
    await dialog.getByRole("button", { name: "Close" }).click();
    assert.equal(await page.getByRole("dialog").count(), 0);

    // The retry lands.
    await page.getByLabel("Status").selectOption("delivered");
    const delivered = log.locator('tr[data-status="delivered"]').filter({ hasText: "Webhook" });
    for (let i = 0; i < 30 && !(await delivered.count()); i++) {
      await page.getByRole("button", { name: "Refresh" }).click();
      await page.waitForTimeout(500);
    }
    await delivered.first().waitFor();
    assert.deepEqual(admin.errors, []);
  });

  it("an admin creates a schedule: on call now and the week view show them", async () => {
    const { page } = admin;
    await page.goto(`/${org.slug}/incidents`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "On-call" }).click();
    await waitForPath(page, `/${org.slug}/on-call`);
    await page.getByRole("heading", { name: "No schedules yet" }).waitFor();

    await page.getByRole("button", { name: "New schedule" }).click();
    const form = page.getByRole("form", { name: "New schedule" });
    await form.getByLabel("Schedule name").fill("Primary");
    await form.getByLabel("Time zone").selectOption("Europe/Berlin");
    await form.getByLabel("Rotation of layer 1").selectOption("weekly");
    await form.getByLabel("Add a participant to layer 1").selectOption({ label: adminName });
    await form.getByRole("button", { name: "Add", exact: true }).click();
    await form.getByRole("list", { name: "Participants of layer 1" }).getByText(adminName, { exact: true }).waitFor();
    await form.getByRole("button", { name: "Create schedule" }).click();

    const card = page.getByRole("region", { name: "Primary" });
    await card.getByTestId("on-call-now").getByText(adminName).waitFor();
    const week = card.getByRole("list", { name: "Week of Primary" });
    assert.equal(await week.locator(":scope > li").count(), 7);
    await card.getByTestId("shift").first().waitFor();
    assert.ok((await card.getByTestId("shift").count()) >= 7);
    assert.match(await card.getByTestId("shift").first().innerText(), new RegExp(adminName));
    await card.getByText("Europe/Berlin time").waitFor();

    const [schedule] = (await apiCall(admin.context, "GET", `/api/orgs/${org.orgId}/schedules`)).data;
    assert.equal(schedule.definition.timeZone, "Europe/Berlin");
    assert.equal(schedule.definition.layers[0].rotation.type, "weekly");
    assert.match(schedule.definition.layers[0].startsAt, /^\d{4}-\d\d-\d\dT09:00:00$/);
    assert.deepEqual(admin.errors, []);
  });

  it("an admin creates an escalation policy targeting the schedule", async () => {
    const { page } = admin;
    await page.goto(`/${org.slug}/on-call`);
    await page.getByRole("button", { name: "New escalation policy" }).click();
    const form = page.getByRole("form", { name: "New escalation policy" });
    await form.getByLabel("Policy name").fill("Production");
    await form.getByRole("group", { name: "Schedules to notify (level 1)" }).getByLabel("Primary").check();
    await form.getByLabel("Escalate after (minutes, level 1)").fill("10");
    await form.getByRole("button", { name: "Add a level" }).click();
    await form.getByRole("group", { name: "Members to notify (level 2)" }).getByLabel(adminName).check();
    await form.getByLabel("Repeat the levels").fill("2");
    await form.getByLabel("P1 · Critical").check();
    await form.getByRole("button", { name: "Create policy" }).click();

    const policies = page.getByRole("list", { name: "Escalation policies" });
    await policies.getByText("Primary (schedule)").waitFor();
    await policies.getByText("Repeats 2 times").waitFor();
    const [policy] = (await apiCall(admin.context, "GET", `/api/orgs/${org.orgId}/escalation-policies`)).data;
    const [schedule] = (await apiCall(admin.context, "GET", `/api/orgs/${org.orgId}/schedules`)).data;
    assert.deepEqual(policy.definition.levels[0], { targets: [{ type: "schedule", id: schedule.id }], delaySeconds: 600 });
    assert.equal(policy.definition.levels[1].targets[0].type, "user");
    assert.equal(policy.definition.repeat, 2);
    assert.deepEqual(policy.definition.severities, ["P1"]);

    assert.deepEqual(await auditPage(page, "on-call"), []);
    assert.deepEqual(admin.errors, []);
  });

  it("a member reads on-call but cannot change it, and cannot open the integrations", async () => {
    const { page } = member;
    await page.goto(`/${org.slug}/on-call`);
    const card = page.getByRole("region", { name: "Primary" });
    await card.getByTestId("on-call-now").getByText(adminName).waitFor();
    await page.getByRole("list", { name: "Escalation policies" }).getByText("Production").waitFor();
    for (const name of ["New schedule", "New escalation policy", "Edit Primary", "Delete Primary", "Edit Production"]) {
      assert.equal(await page.getByRole("button", { name }).count(), 0, name);
    }

    await page.goto(`/${org.slug}/settings`);
    await waitForPath(page, `/${org.slug}/settings/tokens`);
    const tabs = await page.getByRole("navigation", { name: "Settings" }).getByRole("link").allInnerTexts();
    assert.deepEqual(tabs, ["API tokens", "My notifications"]);
    await page.goto(`/${org.slug}/settings/integrations`);
    await page.getByRole("heading", { name: "You don't have access to this page" }).waitFor();
    assert.equal(await page.getByRole("heading", { name: "Channels" }).count(), 0);
    for (const path of ["integrations", "webhooks", "deliveries"]) {
      const response = await member.context.request.get(`/api/orgs/${org.orgId}/${path}`);
      assert.equal(response.status(), 403, path);
    }
    const write = await member.context.request.post(`/api/orgs/${org.orgId}/schedules`, {
      data: { name: "Mine", definition: { timeZone: "UTC", layers: [], overrides: [] } },
      headers: { Origin: new URL(page.url()).origin },
    });
    assert.equal(write.status(), 403);
    assert.deepEqual(member.errors, []);
  });

  it("a member sets their phone and channels per severity", async () => {
    const { page } = member;
    await page.goto(`/${org.slug}/settings/tokens`);
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "My notifications" }).click();
    await waitForPath(page, `/${org.slug}/settings/notifications`);
    await page.getByLabel("Mobile phone number").fill("+4915112345678");
    await page.getByLabel("SMS for P3").check();
    await page.getByLabel("Email for P4").uncheck();
    await page.getByLabel("SMS for P4").check();
    await page.getByRole("button", { name: "Save my notifications" }).click();
    await page.getByText("Your notification rules are saved.").waitFor();
    const rules = await apiCall(member.context, "GET", `/api/orgs/${org.orgId}/notification-rules/me`);
    assert.equal(rules.phone, "+4915112345678");
    assert.deepEqual(rules.channels.P3, ["email", "sms"]);
    assert.deepEqual(rules.channels.P4, ["sms"]);

    // After a reload the form shows what was saved.
    await page.reload();
    assert.equal(await page.getByLabel("Mobile phone number").inputValue(), "+4915112345678");
    assert.equal(await page.getByLabel("SMS for P3").isChecked(), true);

    // The server names a bad phone number.
    await page.getByLabel("Mobile phone number").fill("call me");
    await page.getByRole("button", { name: "Save my notifications" }).click();
    const phoneField = page.getByLabel("Mobile phone number");
    await page.getByText("use E.164 form").waitFor();
    assert.equal(await phoneField.getAttribute("aria-invalid"), "true");

    assert.deepEqual(await auditPage(page, "settings-notifications"), []);
    assert.deepEqual(member.errors, []);
  });
});
