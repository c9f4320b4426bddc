// A stand-in for Stripe's API, for a server started with
// STRIPE_API_BASE=<its url>: it answers the calls the server makes to start
// Checkout and the Billing Portal with objects shaped like Stripe's (the
// server's Stripe client parses them strictly), records what it was sent,
// and serves the "hosted" pages its URLs point at.

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
        return json(200, checkoutSession(id, form, `${base}/checkout/${id}`));
      }
      if (req.method === "POST" && path === "/v1/billing_portal/sessions") {
        const id = nextId("bps");
        return json(200, portalSession(id, form, `${base}/portal/${id}`));
      }
      let m;
      if (req.method === "GET" && (m = /^\/checkout\/([\w-]+)$/.exec(path))) return html(page("Stripe Checkout (stand-in)", `<p>Session ${m[1]}</p>`));
      if (req.method === "GET" && (m = /^\/portal\/([\w-]+)$/.exec(path))) return html(page("Stripe Billing Portal (stand-in)", `<p>Session ${m[1]}</p>`));
      json(404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${req.method}: ${path}).` } });
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  return {
    url: base,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
