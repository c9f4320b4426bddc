// SLA management in the browser (#19): an admin writes a business-hours
// calendar (a split Monday, a yearly holiday, a closed day; a wrong span
// is shown beside its day) and a policy for requests of one catalogue
// item (resolved within 2 minutes round the clock, paused while waiting on
// the requester, a warning at 50 %); an incident's page shows the clocks
// of a policy counting by that calendar, an edit reaches them only when
// re-applied, and the calendar cannot be deleted while the policy uses it.
// With asset management on, a policy for incidents on one service (a
// configuration item of type service) is written in the editor.
// A requester raises a request; the agent's request page shows its clock
// paused while its task waits on the requester, running again once the
// task is resumed; and within about a minute the team lead is emailed
// the 50 % warning. An OLA for the team's fulfilment tasks, written in the
// editor, names the task's clocks on the next request's page, and the
// compliance view (reached from the dashboard) counts them.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { adminWithOrg, joinAsNewMember, waitForPath } from "./support/app.mjs";
import { apiCall, auditPage, openBrowser, unique } from "./support/browser.mjs";
import { waitForMail } from "./support/mail.mjs";
import { setPlan } from "./support/server.mjs";

describe("SLA management", () => {
  let admin;
  let agent;
  let requester;
  let org;
  let itemId;
  let teamId;
  let calendarId;
  const leadEmail = `${unique("lea")}@example.com`;
  const a11y = [];

  before(async () => {
    admin = await openBrowser();
    agent = await openBrowser();
    requester = await openBrowser();
    const lead = await openBrowser();
    org = await adminWithOrg(admin.context, "sla");
    await setPlan(org.slug, "enterprise");
    await apiCall(admin.context, "PATCH", `/api/orgs/${org.orgId}/features`, { serviceCatalog: true, requestFulfillment: true, slaManagement: true });
    await joinAsNewMember(admin.context, agent.context, org.orgId, { email: `${unique("tom")}@example.com`, name: "Tom Technician" });
    await joinAsNewMember(admin.context, lead.context, org.orgId, { email: leadEmail, name: "Lea Lead" });
    await joinAsNewMember(admin.context, requester.context, org.orgId, { email: `${unique("rita")}@example.com`, name: "Rita Requester", roles: ["requester"] });
    const agentId = (await apiCall(agent.context, "GET", "/api/me")).user.id;
    const leadId = (await apiCall(lead.context, "GET", "/api/me")).user.id;
    await lead.close();
    // A team with a lead, and a published item with one task for it.
    const team = await apiCall(admin.context, "POST", `/api/orgs/${org.orgId}/teams`, { name: "Badge desk", lead: leadId, members: [agentId, leadId] });
    const item = await apiCall(admin.context, "POST", `/api/orgs/${org.orgId}/catalog/items`, {
      name: "Badge",
      description: "A new office badge.",
      form: { type: "object", required: ["why"], properties: { why: { type: "string", title: "Why" } } },
      fulfilment: { stages: [{ tasks: [{ name: "Print the badge", team: team.id }] }] },
    });
    await apiCall(admin.context, "POST", `/api/orgs/${org.orgId}/catalog/items/${item.id}/status`, { status: "published" }, { "If-Match": `"${item.version}"` });
    itemId = item.id;
    teamId = team.id;
  });
  after(async () => {
    await Promise.all([admin, agent, requester].filter(Boolean).map((p) => p.close()));
  });

  it("an admin writes a business-hours calendar with a split day, a holiday and a closed day", async () => {
    const { page } = admin;
    await page.goto(`/${org.slug}/settings/members`);
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "SLA policies" }).click();
    await waitForPath(page, `/${org.slug}/settings/sla-policies`);
    await page.getByText("No SLA policies yet").waitFor();
    await page.getByRole("link", { name: "New calendar" }).click();
    await waitForPath(page, `/${org.slug}/settings/sla-policies/calendars/new`);

    await page.getByLabel("Name", { exact: true }).fill("Berlin office");
    await page.getByLabel("Time zone").fill("Europe/Berlin");
    // Monday is split by a lunch break.
    await page.getByLabel("Monday 1: to").fill("12:00");
    await page.getByRole("button", { name: "Add hours to Monday" }).click();
    await page.getByLabel("Monday 2: from").fill("13:00");
    await page.getByLabel("Monday 2: to").fill("17:00");
    // A span ending before it starts: the server says so beside Tuesday.
    await page.getByLabel("Tuesday 1: from").fill("18:00");
    await page.getByRole("button", { name: "Add a holiday" }).click();
    await page.getByLabel("Holiday 1 name").fill("Christmas Day");
    await page.getByLabel("Day (MM-DD)").fill("12-25");
    await page.getByRole("button", { name: "Add an exception" }).click();
    await page.getByLabel("Exception 1 date").fill("2026-12-31");
    await page.getByText("Closed all day").waitFor();
    await page.getByRole("button", { name: "Create calendar" }).click();
    await page.getByRole("group", { name: "Tuesday" }).getByText("17:00 is not after 18:00").waitFor();
    assert.deepEqual(await apiCall(admin.context, "GET", `/api/orgs/${org.orgId}/calendars`), { data: [] });
    a11y.push(...(await auditPage(page, "sla-calendar-editor")));

    await page.getByLabel("Tuesday 1: from").fill("09:00");
    await page.getByRole("button", { name: "Create calendar" }).click();
    await waitForPath(page, new RegExp(`^/${org.slug}/settings/sla-policies/calendars/cal_`));
    await page.getByText("Calendar saved.").waitFor();
    calendarId = new URL(page.url()).pathname.split("/").pop();
    const calendar = await apiCall(admin.context, "GET", `/api/orgs/${org.orgId}/calendars/${calendarId}`);
    assert.equal(calendar.timeZone, "Europe/Berlin");
    assert.deepEqual(calendar.week.monday, [
      { from: "09:00", to: "12:00" },
      { from: "13:00", to: "17:00" },
    ]);
    assert.deepEqual(calendar.week.tuesday, [{ from: "09:00", to: "17:00" }]);
    assert.deepEqual(calendar.week.saturday, []);
    assert.deepEqual(calendar.holidays, [{ name: "Christmas Day", everyYear: "12-25" }]);
    assert.deepEqual(calendar.exceptions, [{ date: "2026-12-31", spans: [] }]);
    assert.deepEqual(admin.errors, []);
  });

  it("an admin writes a policy for requests: resolved within 2 minutes, paused while waiting on the requester, a warning at 50 %", async () => {
    const { page } = admin;
    await page.goto(`/${org.slug}/settings/sla-policies`);
    await page.getByRole("link", { name: "New policy" }).first().click();
    await waitForPath(page, `/${org.slug}/settings/sla-policies/new`);
    await page.getByLabel("Name", { exact: true }).fill("Badge requests");
    await page.getByLabel("Requests", { exact: true }).check();
    await page.getByLabel("Badge", { exact: true }).check();
    await page.getByLabel("Every request: respond within (minutes)").fill("");
    await page.getByLabel("Every request: resolve within (minutes)").fill("2");
    assert.equal(await page.getByLabel("Calendar", { exact: true }).inputValue(), "");
    await page.getByLabel("Pause while waiting on the requester").check();
    await page.getByLabel("Warning 1 at (% of the target)").fill("50");
    a11y.push(...(await auditPage(page, "sla-policy-editor")));
    await page.getByRole("button", { name: "Create policy" }).click();
    await waitForPath(page, new RegExp(`^/${org.slug}/settings/sla-policies/slp_`));
    await page.getByText("Policy saved.").waitFor();
    await page.getByText("Running clocks keep the targets, calendar, pauses and warnings they started with until you re-apply the policy to them.").waitFor();

    const [policy] = (await apiCall(admin.context, "GET", `/api/orgs/${org.orgId}/sla-policies`)).data;
    assert.equal(policy.name, "Badge requests");
    assert.equal(policy.enabled, true);
    assert.deepEqual(policy.appliesTo, { record: "request", severities: [], labels: [], services: [], items: [itemId], teams: [] });
    assert.deepEqual(policy.targets, { default: { resolutionMinutes: 2 } });
    assert.equal(policy.calendar, null);
    assert.deepEqual(policy.pauseStatuses, ["waiting_on_requester"]);
    assert.deepEqual(policy.warnings, [50]);

    await page.getByRole("link", { name: "← SLA policies" }).click();
    const row = page.getByRole("list", { name: "SLA policies" }).getByRole("listitem").filter({ hasText: "Badge requests" });
    await row.getByText("Requests for Badge").waitFor();
    await row.getByText("Every request: resolution 2m").waitFor();
    await row.getByText("Round the clock (24/7) · pauses while waiting on the requester · warns at 50 %").waitFor();
    // Switched off and on again from the list.
    const enabled = row.getByLabel("Enabled: Badge requests");
    assert.equal(await enabled.isChecked(), true);
    await enabled.uncheck();
    await row.getByText("Off", { exact: true }).waitFor();
    assert.equal((await apiCall(admin.context, "GET", `/api/orgs/${org.orgId}/sla-policies/${policy.id}`)).enabled, false);
    await enabled.check();
    await row.getByText("Off", { exact: true }).waitFor({ state: "detached" });
    assert.equal((await apiCall(admin.context, "GET", `/api/orgs/${org.orgId}/sla-policies/${policy.id}`)).enabled, true);
    const calendars = page.getByRole("list", { name: "Calendars" });
    await calendars.getByText("Mon 09:00–12:00, 13:00–17:00 · Tue–Fri 09:00–17:00 · Sat, Sun closed").waitFor();
    a11y.push(...(await auditPage(page, "sla-policies")));
    assert.deepEqual(admin.errors, []);
  });

  it("an incident's page shows its clocks; an edit reaches them once re-applied; a calendar in use stays", async () => {
    const { page, context } = admin;
    const policy = await apiCall(context, "POST", `/api/orgs/${org.orgId}/sla-policies`, {
      name: "Major incidents",
      appliesTo: { record: "incident", severities: ["P1"] },
      targets: { P1: { responseMinutes: 30, resolutionMinutes: 240 } },
      calendar: calendarId,
      warnings: [75],
    });
    const incident = await apiCall(context, "POST", `/api/orgs/${org.orgId}/incidents`, { title: "Badge printers offline", severity: "P1" });
    await page.goto(`/${org.slug}/incidents/${incident.number}`);
    const response = page.getByRole("list", { name: "SLA clocks" }).getByRole("listitem", { name: "Response clock" });
    await response.getByText("Running", { exact: true }).waitFor();
    await response.getByText(/of 30m business time used/).waitFor();
    await response.getByText("Counts only the business hours of Berlin office (Europe/Berlin).").waitFor();
    await response.getByText("Policy Major incidents (revision 1)").waitFor();
    await page.getByRole("list", { name: "SLA clocks" }).getByRole("listitem", { name: "Resolution clock" }).getByText(/of 4h business time used/).waitFor();
    a11y.push(...(await auditPage(page, "sla-incident")));

    await page.goto(`/${org.slug}/settings/sla-policies/${policy.id}`);
    await page.getByLabel("P1 · Critical: respond within (minutes)").fill("45");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Policy saved.").waitFor();
    // Saved, but the running clocks keep their targets until re-applied.
    assert.equal((await apiCall(context, "GET", `/api/orgs/${org.orgId}/incidents/${incident.id}/sla`)).data.find((c) => c.metric === "response").targetSeconds, 30 * 60);
    await page.getByRole("button", { name: "Re-apply to running clocks" }).click();
    await page.getByText("Re-applied to 2 running clocks.").waitFor();
    await page.goto(`/${org.slug}/incidents/${incident.number}`);
    await response.getByText(/of 45m business time used/).waitFor();
    await response.getByText("Policy Major incidents (revision 2)").waitFor();

    await page.goto(`/${org.slug}/settings/sla-policies/calendars/${calendarId}`);
    await page.getByRole("button", { name: "Delete calendar" }).click();
    await page.getByText("the policy Major incidents counts by this calendar").waitFor();
    await apiCall(context, "GET", `/api/orgs/${org.orgId}/calendars/${calendarId}`);
    assert.deepEqual(admin.errors, []);
  });

  it("with asset management on, an admin writes an incident policy for one service", async () => {
    const { page, context } = admin;
    await apiCall(context, "PATCH", `/api/orgs/${org.orgId}/features`, { assetManagement: true });
    const service = await apiCall(context, "POST", `/api/orgs/${org.orgId}/assets`, { name: "Checkout", type: "service" });
    await page.goto(`/${org.slug}/settings/sla-policies/new`);
    await page.getByLabel("Name", { exact: true }).fill("Checkout incidents");
    await page.getByRole("group", { name: "Services" }).getByLabel("Checkout", { exact: true }).check();
    a11y.push(...(await auditPage(page, "sla-policy-editor-services")));
    await page.getByRole("button", { name: "Create policy" }).click();
    await waitForPath(page, new RegExp(`^/${org.slug}/settings/sla-policies/slp_`));
    await page.getByText("Policy saved.").waitFor();
    const policyId = new URL(page.url()).pathname.split("/").pop();
    const policy = await apiCall(context, "GET", `/api/orgs/${org.orgId}/sla-policies/${policyId}`);
    assert.equal(policy.appliesTo.record, "incident");
    assert.deepEqual(policy.appliesTo.services, [service.id]);

    await page.getByRole("link", { name: "← SLA policies" }).click();
    const row = page.getByRole("list", { name: "SLA policies" }).getByRole("listitem").filter({ hasText: "Checkout incidents" });
    await row.getByText("Incidents of any severity affecting Checkout").waitFor();
    assert.deepEqual(admin.errors, []);
  });

  it("a request's clock pauses while its task waits on the requester, and runs again once resumed", async () => {
    const rp = requester.page;
    await rp.goto(`/${org.slug}/portal/items/${itemId}`);
    await rp.getByLabel("Why").fill("Mine broke");
    await rp.getByRole("button", { name: "Submit request" }).click();
    await waitForPath(rp, `/${org.slug}/portal/requests/REQ-1`);

    const { page } = agent;
    await page.goto(`/${org.slug}/requests/REQ-1`);
    const clock = page.getByRole("list", { name: "SLA clocks" }).getByRole("listitem", { name: "Resolution clock" });
    await clock.getByText("Running", { exact: true }).waitFor();
    await clock.getByText(/^Policy Badge requests \(revision \d+\)$/).waitFor();
    await clock.getByText(/left$/).waitFor();

    await page.getByLabel("Status of Print the badge").selectOption("waiting_on_requester");
    await clock.getByText("Paused", { exact: true }).waitFor();
    await clock.getByText(/Paused: waiting on requester/).waitFor();
    await clock.getByText(/while waiting on requester/).waitFor();
    a11y.push(...(await auditPage(page, "sla-request-paused")));

    await page.getByLabel("Status of Print the badge").selectOption("in_progress");
    await clock.getByText("Running", { exact: true }).waitFor();
    await clock.getByText(/due /).waitFor();
    const [resolution] = (await apiCall(agent.context, "GET", `/api/orgs/${org.orgId}/requests/REQ-1/sla`)).data;
    assert.equal(resolution.status, "running");
    assert.deepEqual(resolution.events.map((e) => e.type), ["started", "paused", "resumed"]);
    assert.deepEqual(agent.errors, []);
    assert.deepEqual(requester.errors, []);
  });

  it("within about a minute, the team lead is emailed the 50 % warning", async () => {
    // 50 % of 2 minutes of running time, the pause not counted; the sweep runs every second.
    const mail = await waitForMail(leadEmail, { subject: /^SLA warning: REQ-1 Badge/, timeoutMs: 120_000 });
    assert.match(mail.text, /50 % of its resolution target/);
    assert.match(mail.text, /Badge requests/);
  });

  it("an OLA for a team's fulfilment tasks names the task's clocks on a request's page; compliance counts them", async () => {
    const { page, context } = admin;
    await page.goto(`/${org.slug}/settings/sla-policies/new`);
    await page.getByLabel("Name", { exact: true }).fill("Badge desk OLA");
    await page.getByLabel("Fulfilment tasks (OLA)").check();
    await page.getByRole("group", { name: "Teams" }).getByLabel("Badge desk", { exact: true }).check();
    await page.getByRole("group", { name: "Catalogue items" }).getByLabel("Badge", { exact: true }).check();
    // Tasks have no priorities: one row of targets.
    await page.getByLabel("Every task: respond within (minutes)").fill("30");
    await page.getByLabel("Every task: resolve within (minutes)").fill("240");
    assert.equal(await page.getByLabel("P1 · Critical: respond within (minutes)").count(), 0);
    a11y.push(...(await auditPage(page, "sla-policy-editor-ola")));
    await page.getByRole("button", { name: "Create policy" }).click();
    await waitForPath(page, new RegExp(`^/${org.slug}/settings/sla-policies/slp_`));
    await page.getByText("Policy saved.").waitFor();
    const policyId = new URL(page.url()).pathname.split("/").pop();
    const policy = await apiCall(context, "GET", `/api/orgs/${org.orgId}/sla-policies/${policyId}`);
    assert.deepEqual(policy.appliesTo, { record: "task", severities: [], labels: [], services: [], items: [itemId], teams: [teamId] });
    assert.deepEqual(policy.targets, { default: { responseMinutes: 30, resolutionMinutes: 240 } });
    await page.getByRole("link", { name: "← SLA policies" }).click();
    const row = page.getByRole("list", { name: "SLA policies" }).getByRole("listitem").filter({ hasText: "Badge desk OLA" });
    await row.getByText("Tasks of Badge desk for Badge").waitFor();
    await row.getByText("Every task: response 30m, resolution 4h").waitFor();

    // The task opens as the request is raised: its clocks start under the OLA, beside the request's own.
    const request = await apiCall(requester.context, "POST", `/api/orgs/${org.orgId}/requests`, { item: itemId, answers: { why: "Lost mine" } });
    const ap = agent.page;
    await ap.goto(`/${org.slug}/requests/${request.number}`);
    const clocks = ap.getByRole("list", { name: "SLA clocks" });
    const ola = clocks.getByRole("listitem", { name: "OLA · Print the badge · Badge desk: Response clock" });
    await ola.getByText("OLA · Print the badge · Badge desk", { exact: true }).waitFor();
    await ola.getByText("Running", { exact: true }).waitFor();
    await ola.getByText("Policy Badge desk OLA (revision 1)").waitFor();
    await clocks.getByRole("listitem", { name: "OLA · Print the badge · Badge desk: Resolution clock" }).getByText(/of 4h business time used/).waitFor();
    await clocks.getByRole("listitem", { name: "Resolution clock", exact: true }).getByText(/^Policy Badge requests/).waitFor();
    a11y.push(...(await auditPage(ap, "sla-request-ola")));

    await page.goto(`/${org.slug}/dashboard`);
    await page.getByRole("link", { name: "SLA compliance", exact: true }).click();
    await waitForPath(page, `/${org.slug}/settings/sla-policies/compliance`);
    const perPolicy = page.getByRole("table", { name: "Compliance per policy and metric" });
    const olaRows = perPolicy.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Badge desk OLA" }) });
    // Met, breached, open, % met: the new clocks are open, none decided yet.
    await olaRows.filter({ hasText: "Response" }).getByRole("cell").first().waitFor();
    assert.deepEqual(await olaRows.filter({ hasText: "Response" }).getByRole("cell").allInnerTexts(), ["Response", "0", "0", "1", "—"]);
    assert.deepEqual(await olaRows.filter({ hasText: "Resolution" }).getByRole("cell").allInnerTexts(), ["Resolution", "0", "0", "1", "—"]);
    const perTeam = page.getByRole("table", { name: "Compliance per team" });
    assert.deepEqual(await perTeam.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Badge desk" }) }).getByRole("cell").allInnerTexts(), ["0", "0", "2", "—"]);
    await page.getByRole("img", { name: /^Breaches per day from / }).waitFor();
    assert.equal(await page.getByRole("img", { name: /^Breaches per day from / }).locator("[title]").count(), 30);
    await page.getByLabel("Period").selectOption("7");
    await page.waitForURL(/[?&]days=7$/);
    await page.waitForFunction(() => document.querySelectorAll('[role="img"][aria-label^="Breaches per day"] [title]').length === 7);
    a11y.push(...(await auditPage(page, "sla-compliance")));
    assert.deepEqual(admin.errors, []);
    assert.deepEqual(agent.errors, []);
  });

  it("has no serious accessibility problems on the SLA pages", () => {
    assert.deepEqual(a11y, []);
  });
});
