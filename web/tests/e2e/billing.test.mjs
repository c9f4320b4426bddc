// Billing. Without Stripe (the default test server) admins are told billing
// is not configured and which plan the operator set; members cannot open it.
// With Stripe (a second server copy talking to a stand-in for Stripe's API):
// upgrading sends the browser to Checkout with the configured price, the
// subscription shows once its webhook arrives, and a failed payment puts a
// banner on the admin's pages that leads to the billing portal.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { adminAndMember, adminWithOrg, waitForPath } from "./support/app.mjs";
import { auditPage, openBrowser } from "./support/browser.mjs";
import { cannotStartServer, startServer } from "./support/server.mjs";
import { waitForMail } from "./support/mail.mjs";
import { startStripeStandIn } from "./support/stripe-standin.mjs";

/** The billing API calls `page` makes from now on. */
function billingCalls(page) {
  const calls = [];
  page.on("request", (request) => {
    if (/\/api\/orgs\/[^/]+\/billing/.test(new URL(request.url()).pathname)) calls.push(`${request.method()} ${new URL(request.url()).pathname}`);
  });
  return calls;
}

/** The value next to `label` in a list of facts (<dl>). */
function fact(page, label) {
  return page.locator(`xpath=//dt[normalize-space()='${label}']/following-sibling::dd[1]`);
}

describe("billing without Stripe", () => {
  let admin;
  let member;
  let org;
  let people;

  before(async () => {
    people = await adminAndMember({ adminLabel: "billing-admin", memberLabel: "billing-member", memberName: "Bea Member" });
    ({ admin, member, org } = people);
  });
  after(async () => {
    await people?.close();
  });

  it("an admin is told billing is not configured, with the current plan and how the operator sets it", async () => {
    const { page } = admin;
    await page.goto(`/${org.slug}/settings`);
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Billing" }).click();
    await waitForPath(page, `/${org.slug}/settings/billing`);
    await page.getByRole("heading", { name: "Billing is not configured on this deployment" }).waitFor();

    assert.equal(await fact(page, "Current plan").innerText(), "Free");
    assert.match(await page.locator("code").innerText(), new RegExp(`^simplicity org set-plan ${org.slug} <free\\|pro\\|enterprise>$`));
    const seats = page.getByRole("progressbar", { name: "Seats used" });
    await page.waitForFunction(() => document.querySelector('[role="progressbar"]')?.getAttribute("aria-valuetext")?.startsWith("2 of"));
    assert.equal(await seats.getAttribute("aria-valuetext"), "2 of 5 seats used");

    // Every plan with the modules it unlocks; the current one marked; nothing to buy.
    const plans = page.getByRole("list", { name: "Plans" });
    assert.deepEqual(await plans.getByRole("heading").allInnerTexts(), ["Free", "Pro", "Enterprise"]);
    const free = plans.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Free" }) });
    await free.getByText("Your current plan").waitFor();
    assert.ok((await page.getByRole("list", { name: "Modules in Pro" }).getByRole("listitem").allInnerTexts()).includes("Problem management"));
    assert.ok(!(await page.getByRole("list", { name: "Modules in Free" }).getByRole("listitem").allInnerTexts()).includes("Problem management"));
    assert.equal(await page.getByRole("button", { name: /Upgrade/ }).count(), 0);

    // The server agrees: the plan, and configured: false.
    const response = await admin.context.request.get(`/api/orgs/${org.orgId}/billing`);
    assert.equal(response.status(), 200);
    assert.equal((await response.json()).configured, false);

    assert.deepEqual(await auditPage(page, "settings-billing-not-configured"), []);
    assert.deepEqual(admin.errors, []);
  });

  it("admins ask for billing once per organisation load, and see no past-due banner", async () => {
    const { page } = admin;
    const calls = billingCalls(page);
    await page.goto(`/${org.slug}/incidents`);
    await page.getByRole("heading", { name: "Incidents" }).first().waitFor();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
    await waitForPath(page, `/${org.slug}/dashboard`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await waitForPath(page, `/${org.slug}/settings/members`);
    await page.getByText("Bea Member", { exact: true }).waitFor();
    assert.deepEqual(calls, [`GET /api/orgs/${org.orgId}/billing`]);
    assert.equal(await page.getByRole("region", { name: "Billing problem" }).count(), 0);
  });

  it("a member cannot reach the billing settings, and the app never asks for billing on their behalf", async () => {
    const { page } = member;
    const calls = billingCalls(page);
    await page.goto(`/${org.slug}/settings`);
    await waitForPath(page, `/${org.slug}/settings/tokens`);
    const tabs = await page.getByRole("navigation", { name: "Settings" }).getByRole("link").allInnerTexts();
    assert.ok(!tabs.includes("Billing"));

    await page.goto(`/${org.slug}/settings/billing`);
    await page.getByRole("heading", { name: "You don't have access to this page" }).waitFor();
    assert.equal(await page.getByText("Billing is not configured").count(), 0);
    assert.deepEqual(calls, []);
    // The API agrees.
    const response = await member.context.request.get(`/api/orgs/${org.orgId}/billing`);
    assert.equal(response.status(), 403);
    assert.deepEqual(member.errors, []);
  });
});

const WEBHOOK_SECRET = "whsec_standin";
const PRICES = {
  STRIPE_PRICE_PRO_MONTHLY: "price_standin_pro_monthly",
  STRIPE_PRICE_PRO_YEARLY: "price_standin_pro_yearly",
  STRIPE_PRICE_ENTERPRISE_MONTHLY: "price_standin_enterprise_monthly",
  STRIPE_PRICE_ENTERPRISE_YEARLY: "price_standin_enterprise_yearly",
};

describe("billing with Stripe (a stand-in for its API)", { skip: cannotStartServer }, () => {
  let stripe;
  let server;
  let admin;
  let org;
  /** The subscription Checkout starts (the parts the tests vary). */
  let subscription;

  before(async () => {
    stripe = await startStripeStandIn();
    server = await startServer("stripe", {
      STRIPE_SECRET_KEY: "sk_test_standin",
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: `${stripe.url}/`,
      ...PRICES,
    });
    admin = await openBrowser({ baseURL: server.baseUrl });
    org = await adminWithOrg(admin.context, "stripe-admin");
    subscription = {
      id: "sub_standin1",
      customer: "cus_standin0001",
      orgId: org.orgId,
      price: PRICES.STRIPE_PRICE_PRO_MONTHLY,
      periodEnd: Date.UTC(2031, 0, 15, 12) / 1000,
    };
  });
  after(async () => {
    await admin?.close();
    await server?.stop();
    await stripe?.close();
  });

  it("shows the plan, seats and what can be bought, accessibly", async () => {
    const { page } = admin;
    await page.goto(`/${org.slug}/settings/billing`);
    await page.getByRole("heading", { name: "Subscription" }).waitFor();
    assert.match(await fact(page, "Plan").innerText(), /^Free\s+no subscription$/);
    assert.equal(await page.getByRole("progressbar", { name: "Seats used" }).getAttribute("aria-valuetext"), "1 of 5 seats used");
    await page.getByRole("button", { name: "Upgrade to Pro" }).waitFor();
    await page.getByRole("button", { name: "Upgrade to Enterprise" }).waitFor();
    assert.equal(await page.getByRole("radio", { name: "Monthly" }).isChecked(), true);
    // No subscription yet: nothing to manage.
    assert.equal(await page.getByRole("button", { name: "Manage billing" }).count(), 0);
    assert.deepEqual(await auditPage(page, "settings-billing"), []);
    assert.deepEqual(admin.errors, []);
  });

  it("upgrading to Pro sends the browser to Stripe Checkout for the configured monthly price", async () => {
    const { page } = admin;
    await page.goto(`/${org.slug}/settings/billing`);
    await page.getByRole("button", { name: "Upgrade to Pro" }).click();
    await page.waitForURL((url) => url.href.startsWith(`${stripe.url}/checkout/`));
    await page.getByRole("heading", { name: "Stripe Checkout (stand-in)" }).waitFor();

    const customers = stripe.requests.filter((r) => r.method === "POST" && r.path === "/v1/customers");
    assert.equal(customers.length, 1);
    assert.equal(customers[0].form["metadata[org_id]"], org.orgId);
    assert.equal(customers[0].form.email, org.email);
    const sessions = stripe.requests.filter((r) => r.method === "POST" && r.path === "/v1/checkout/sessions");
    assert.equal(sessions.length, 1);
    const session = sessions[0].form;
    assert.equal(session.mode, "subscription");
    assert.equal(session["line_items[0][price]"], PRICES.STRIPE_PRICE_PRO_MONTHLY);
    assert.equal(session.customer, "cus_standin0001");
    assert.equal(session.client_reference_id, org.orgId);
    assert.equal(session.success_url, `${server.baseUrl}/${org.slug}/settings/billing?checkout=success`);
    assert.equal(session.cancel_url, `${server.baseUrl}/${org.slug}/settings/billing?checkout=cancelled`);
    assert.match(sessions[0].headers.authorization ?? "", /sk_test_standin/);
  });

  it("coming back without paying says so; yearly billing buys the yearly price for the same customer", async () => {
    const { page } = admin;
    await page.goto(`/${org.slug}/settings/billing?checkout=cancelled`);
    await page.getByText("Checkout cancelled").waitFor();
    await page.waitForURL((url) => url.search === "");

    await page.getByText("Yearly", { exact: true }).click();
    assert.equal(await page.getByRole("radio", { name: "Yearly" }).isChecked(), true);
    await page.getByRole("button", { name: "Upgrade to Enterprise" }).click();
    await page.waitForURL((url) => url.href.startsWith(`${stripe.url}/checkout/`));
    const sessions = stripe.requests.filter((r) => r.method === "POST" && r.path === "/v1/checkout/sessions");
    assert.equal(sessions.length, 2);
    assert.equal(sessions[1].form["line_items[0][price]"], PRICES.STRIPE_PRICE_ENTERPRISE_YEARLY);
    // The abandoned monthly session is closed first, so only one can ever be paid.
    const expired = stripe.requests.filter((r) => r.method === "POST" && /^\/v1\/checkout\/sessions\/[\w-]+\/expire$/.test(r.path));
    assert.equal(expired.length, 1);
    assert.equal(sessions[1].form.customer, "cus_standin0001");
    assert.equal(stripe.requests.filter((r) => r.path === "/v1/customers").length, 1);
  });

  it("coming back after paying says the plan updates in a moment, then shows the subscription once Stripe's webhook arrives", async () => {
    const { page } = admin;
    await page.goto(`/${org.slug}/settings/billing?checkout=success`);
    await page.getByText("Payment received — your plan updates in a moment").waitFor();
    await page.waitForURL((url) => url.search === "");

    const active = stripe.putSubscription({ ...subscription, status: "active" });
    const sent = await stripe.sendEvent(server.baseUrl, WEBHOOK_SECRET, "customer.subscription.created", active);
    assert.equal(sent.status, 200, await sent.text());

    // The page looks again a few times after a checkout.
    await page.getByText("Payment received — you are on the Pro plan.").waitFor({ timeout: 20_000 });
    assert.match(await fact(page, "Plan").innerText(), /^Pro\s+Status:\s*Active$/);
    assert.equal(await fact(page, "Billing interval").innerText(), "Monthly");
    assert.equal(await fact(page, "Renews on").innerText(), "15 January 2031");
    assert.equal(await page.getByRole("progressbar", { name: "Seats used" }).getAttribute("aria-valuetext"), "1 of 50 seats used");
    await page.getByRole("button", { name: "Manage billing" }).waitFor();
    assert.equal(await page.getByRole("button", { name: /Upgrade/ }).count(), 0);
    // The organisation moved to Pro: its modules follow.
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Modules" }).click();
    await page.getByRole("switch", { name: "Problem management" }).waitFor();
    await page.waitForFunction(() => document.getElementById("module-problemManagement")?.disabled === false);
    assert.deepEqual(admin.errors, []);
  });

  it("a failed payment puts a past-due banner on the admin's pages; Update card opens the billing portal", async () => {
    const { page } = admin;
    stripe.putSubscription({ ...subscription, status: "past_due" });
    const sent = await stripe.sendEvent(server.baseUrl, WEBHOOK_SECRET, "invoice.payment_failed", {
      id: "in_standin_failed",
      object: "invoice",
      customer: subscription.customer,
      subscription: subscription.id,
      status: "open",
    });
    assert.equal(sent.status, 200, await sent.text());
    await waitForMail(org.email, { subject: /Payment failed/ });

    await page.goto(`/${org.slug}/incidents`);
    const banner = page.getByRole("region", { name: "Billing problem" });
    await banner.waitFor();
    assert.match(await banner.innerText(), /Payment failed — update your card to keep Pro\./);

    await page.goto(`/${org.slug}/settings/billing`);
    await page.getByRole("alert").filter({ hasText: "Payment failed" }).waitFor();
    assert.match(await fact(page, "Plan").innerText(), /^Pro\s+Status:\s*Past due$/);
    assert.equal(await fact(page, "Last invoice").innerText(), "Payment failed");
    // The page says it itself: no banner on top.
    assert.equal(await banner.count(), 0);
    assert.deepEqual(await auditPage(page, "settings-billing-past-due"), []);

    await page.goto(`/${org.slug}/incidents`);
    await banner.getByRole("button", { name: "Update card" }).click();
    await page.waitForURL((url) => url.href.startsWith(`${stripe.url}/portal/`));
    await page.getByRole("heading", { name: "Stripe Billing Portal (stand-in)" }).waitFor();
    const portal = stripe.requests.filter((r) => r.method === "POST" && r.path === "/v1/billing_portal/sessions");
    assert.equal(portal.length, 1);
    assert.equal(portal[0].form.customer, subscription.customer);
    assert.equal(portal[0].form.return_url, `${server.baseUrl}/${org.slug}/settings/billing`);
    assert.deepEqual(admin.errors, []);
  });
});
