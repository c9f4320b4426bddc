// A stand-in for Stripe's API, for a server started with
// STRIPE_API_BASE=<its url>: it answers the calls the server makes (create a
// customer, a Checkout session, a Billing Portal session; retrieve a
// subscription) with complete objects shaped like Stripe's — the server's
// Stripe client parses them strictly; the shapes follow the API tests' own
// stand-in, tests/api/stripe_standin.rs — records what it was sent, serves
// the "hosted" pages its URLs point at, and sends signed webhooks.

import { createHmac } from "node:crypto";
import { createServer } from "node:http";

const now = () => Math.floor(Date.now() / 1000);

/** Stripe's form encoding (`a[b][0]=c`) as a flat object of the raw keys. */
function formOf(body) {
  return Object.fromEntries(new URLSearchParams(body));
}

function metadataOf(form) {
  const metadata = {};
  for (const [key, value] of Object.entries(form)) {
    const m = /^metadata\[(.+)\]$/.exec(key);
    if (m) metadata[m[1]] = value;
  }
  return metadata;
}

function customer(id, form) {
  return {
    id,
    object: "customer",
    address: null,
    balance: 0,
    created: now(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    discount: null,
    email: form.email ?? null,
    invoice_prefix: id.slice(4, 12).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: metadataOf(form),
    name: form.name ?? null,
    next_invoice_sequence: 1,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
  };
}

function checkoutSession(id, form, url) {
  const created = now();
  return {
    id,
    object: "checkout.session",
    after_expiration: null,
    allow_promotion_codes: null,
    amount_subtotal: 2900,
    amount_total: 2900,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: form.cancel_url ?? null,
    client_reference_id: form.client_reference_id ?? null,
    client_secret: null,
    consent: null,
    consent_collection: null,
    created,
    currency: "eur",
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: form.customer ?? null,
    customer_creation: null,
    customer_details: null,
    customer_email: null,
    expires_at: created + 24 * 3600,
    invoice: null,
    invoice_creation: null,
    livemode: false,
    locale: null,
    metadata: metadataOf(form),
    mode: form.mode ?? "payment",
    payment_intent: null,
    payment_link: null,
    payment_method_collection: "always",
    payment_method_types: ["card"],
    payment_status: "unpaid",
    phone_number_collection: null,
    recovered_from: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: "open",
    submit_type: null,
    subscription: null,
    success_url: form.success_url ?? null,
    total_details: null,
    ui_mode: "hosted_page",
    url,
  };
}

function portalSession(id, form, url) {
  return {
    id,
    object: "billing_portal.session",
    configuration: "bpc_standin",
    created: now(),
    customer: form.customer,
    flow: null,
    livemode: false,
    locale: null,
    on_behalf_of: null,
    return_url: form.return_url ?? null,
    url,
  };
}

/**
 * A subscription as Stripe returns it; `spec` has what a test varies:
 * { id, customer, orgId, price, status, cancelAtPeriodEnd, periodEnd }.
 */
export function subscriptionObject(spec) {
  const start = now() - 3600;
  const periodEnd = spec.periodEnd ?? start + 30 * 86_400;
  const interval = spec.price.endsWith("yearly") ? "year" : "month";
  const price = {
    id: spec.price,
    object: "price",
    active: true,
    billing_scheme: "per_unit",
    created: start,
    currency: "usd",
    custom_unit_amount: null,
    livemode: false,
    lookup_key: null,
    metadata: {},
    nickname: null,
    product: "prod_simplicity",
    recurring: { interval, interval_count: 1, meter: null, trial_period_days: null, usage_type: "licensed" },
    tax_behavior: "unspecified",
    tiers_mode: null,
    transform_quantity: null,
    type: "recurring",
    unit_amount: 2900,
    unit_amount_decimal: "2900",
  };
  const plan = {
    id: spec.price,
    object: "plan",
    active: true,
    amount: 2900,
    amount_decimal: "2900",
    billing_scheme: "per_unit",
    created: start,
    currency: "usd",
    interval,
    interval_count: 1,
    livemode: false,
    metadata: {},
    meter: null,
    nickname: null,
    product: "prod_simplicity",
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: "licensed",
  };
  return {
    id: spec.id,
    object: "subscription",
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: start,
    billing_cycle_anchor_config: null,
    billing_mode: { type: "classic" },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: !!spec.cancelAtPeriodEnd,
    canceled_at: spec.status === "canceled" ? now() : null,
    cancellation_details: { comment: null, feedback: null, reason: null },
    collection_method: "charge_automatically",
    created: start,
    currency: "usd",
    customer: spec.customer,
    days_until_due: null,
    default_payment_method: "pm_card_visa",
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    ended_at: null,
    invoice_settings: { account_tax_ids: null, issuer: { type: "self" } },
    items: {
      object: "list",
      data: [
        {
          id: `si_${spec.id}`,
          object: "subscription_item",
          billing_thresholds: null,
          created: start,
          current_period_end: periodEnd,
          current_period_start: start,
          discounts: [],
          metadata: {},
          plan,
          price,
          quantity: 1,
          subscription: spec.id,
          tax_rates: [],
        },
      ],
      has_more: false,
      total_count: 1,
      url: `/v1/subscription_items?subscription=${spec.id}`,
    },
    latest_invoice: "in_standin",
    livemode: false,
    metadata: { org_id: spec.orgId },
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: null,
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: start,
    status: spec.status,
    test_clock: null,
    transfer_data: null,
    trial_end: null,
    trial_settings: null,
    trial_start: null,
  };
}

function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
}

/**
 * Starts the stand-in on 127.0.0.1; resolves with its `url` (for
 * STRIPE_API_BASE), the `requests` it received ({ method, path, form }) and
 * `close()`.
 */
export async function startStripeStandIn() {
  const requests = [];
  const subscriptions = new Map();
  const checkoutSessions = new Map();
  let counter = 0;
  const nextId = (prefix) => `${prefix}_standin${(++counter).toString().padStart(4, "0")}`;
  let base;

  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const path = new URL(req.url, "http://standin.invalid").pathname;
      const form = req.method === "POST" ? formOf(body) : {};
      requests.push({ method: req.method, path, form, headers: req.headers });
      const json = (status, value) => {
        res.writeHead(status, { "Content-Type": "application/json", "Request-Id": `req_${counter}` });
        res.end(JSON.stringify(value));
      };
      const html = (text) => {
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
        res.end(text);
      };

      if (req.method === "POST" && path === "/v1/customers") return json(200, customer(nextId("cus"), form));
      if (req.method === "POST" && path === "/v1/checkout/sessions") {
        const id = nextId("cs_test");
        const session = checkoutSession(id, form, `${base}/checkout/${id}`);
        checkoutSessions.set(id, session);
        return json(200, session);
      }
      if (req.method === "POST" && path === "/v1/billing_portal/sessions") {
        const id = nextId("bps");
        return json(200, portalSession(id, form, `${base}/portal/${id}`));
      }
      let m;
      // Stripe expires open sessions only.
      if (req.method === "POST" && (m = /^\/v1\/checkout\/sessions\/([\w-]+)\/expire$/.exec(path))) {
        const session = checkoutSessions.get(m[1]);
        if (!session) return json(404, { error: { type: "invalid_request_error", message: `No such checkout.session: '${m[1]}'`, param: "session" } });
        if (session.status !== "open") return json(400, { error: { type: "invalid_request_error", message: "Only open Checkout Sessions can be expired." } });
        session.status = "expired";
        return json(200, session);
      }
      if (req.method === "GET" && (m = /^\/v1\/subscriptions\/([\w-]+)$/.exec(path))) {
        const subscription = subscriptions.get(m[1]);
        if (subscription) return json(200, subscription);
        return json(404, { error: { type: "invalid_request_error", message: `No such subscription: '${m[1]}'`, param: "id" } });
      }
      if (req.method === "GET" && (m = /^\/checkout\/([\w-]+)$/.exec(path))) return html(page("Stripe Checkout (stand-in)", `<p>Session ${m[1]}</p>`));
      if (req.method === "GET" && (m = /^\/portal\/([\w-]+)$/.exec(path))) return html(page("Stripe Billing Portal (stand-in)", `<p>Session ${m[1]}</p>`));
      json(404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${req.method}: ${path}).` } });
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  let events = 0;
  return {
    url: base,
    requests,
    /** Sets the subscription as Stripe holds it now (what a retrieve answers); returns the object. */
    putSubscription(spec) {
      const object = subscriptionObject(spec);
      subscriptions.set(spec.id, object);
      return object;
    },
    /**
     * Sends a webhook event of `type` about `object` to `serverUrl`, signed
     * with `secret` as Stripe signs them; resolves with the response.
     */
    async sendEvent(serverUrl, secret, type, object) {
      events += 1;
      const timestamp = now();
      // Stripe's `created` only grows: keep each event after the last.
      const payload = JSON.stringify({ id: `evt_standin${events}`, object: "event", api_version: "2025-09-30.clover", created: timestamp + events, livemode: false, type, data: { object } });
      const signature = createHmac("sha256", secret).update(`${timestamp}.${payload}`).digest("hex");
      return fetch(`${serverUrl}/api/stripe/webhook`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Stripe-Signature": `t=${timestamp},v1=${signature}` },
        body: payload,
      });
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
