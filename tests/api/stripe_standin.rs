//! A stand-in for the parts of Stripe's API that billing calls. It checks
//! each request the way Stripe would (secret key, form encoding, required
//! parameters; a missing price is refused with Stripe's error shape) and
//! answers with complete objects as Stripe sends them, so async-stripe
//! parses them exactly as it parses Stripe's.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};

pub const SECRET_KEY: &str = "sk_test_simplicity";
pub const WEBHOOK_SECRET: &str = "whsec_test_simplicity";
pub const PRICE_PRO_MONTHLY: &str = "price_pro_monthly";
pub const PRICE_PRO_YEARLY: &str = "price_pro_yearly";
pub const PRICE_ENTERPRISE_MONTHLY: &str = "price_enterprise_monthly";

/// One request the stand-in accepted: its path, form fields and idempotency key.
#[derive(Debug, Clone)]
pub struct Received {
    pub path: String,
    pub form: HashMap<String, String>,
    pub idempotency_key: Option<String>,
}

#[derive(Default)]
struct Inner {
    received: Vec<Received>,
    customers_by_key: HashMap<String, Value>,
    subscriptions: HashMap<String, Value>,
    checkout_sessions: HashMap<String, Value>,
    next_id: u32,
}

#[derive(Clone)]
pub struct StripeStandin {
    pub base_url: String,
    inner: Arc<Mutex<Inner>>,
}

/// Billing configured against a Stripe at `api_base`.
pub fn config(api_base: &str) -> simplicity_shared::stripe::StripeConfig {
    use simplicity_shared::domain::billing::{Interval, PriceBook};
    use simplicity_shared::domain::org::Plan;
    simplicity_shared::stripe::StripeConfig {
        secret_key: SECRET_KEY.to_owned(),
        webhook_secret: WEBHOOK_SECRET.to_owned(),
        api_base: Some(api_base.to_owned()),
        prices: PriceBook::default()
            .with(Plan::Pro, Interval::Month, PRICE_PRO_MONTHLY)
            .with(Plan::Pro, Interval::Year, PRICE_PRO_YEARLY)
            .with(Plan::Enterprise, Interval::Month, PRICE_ENTERPRISE_MONTHLY),
    }
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// A refusal in Stripe's error shape.
type Refusal = (StatusCode, axum::Json<Value>);

fn stripe_error(status: StatusCode, message: &str, param: Option<&str>) -> Refusal {
    (status, axum::Json(json!({"error": {"type": "invalid_request_error", "message": message, "param": param}})))
}

/// Stripe refuses requests without the secret key as a Bearer token.
fn unauthorized(headers: &HeaderMap) -> Option<Response> {
    let given = headers.get("authorization").and_then(|v| v.to_str().ok());
    (given != Some(&format!("Bearer {SECRET_KEY}")))
        .then(|| stripe_error(StatusCode::UNAUTHORIZED, "Invalid API Key provided", None).into_response())
}

fn form_of(headers: &HeaderMap, body: &str) -> Result<HashMap<String, String>, Refusal> {
    let content_type = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default();
    if !content_type.starts_with("application/x-www-form-urlencoded") {
        return Err(stripe_error(StatusCode::BAD_REQUEST, "Stripe takes form-encoded bodies", None));
    }
    serde_urlencoded::from_str::<Vec<(String, String)>>(body)
        .map(|pairs| pairs.into_iter().collect())
        .map_err(|_| stripe_error(StatusCode::BAD_REQUEST, "Invalid form body", None))
}

fn require<'a>(form: &'a HashMap<String, String>, param: &str) -> Result<&'a str, Refusal> {
    form.get(param)
        .map(String::as_str)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| stripe_error(StatusCode::BAD_REQUEST, &format!("Missing required param: {param}."), Some(param)))
}

impl StripeStandin {
    pub async fn start() -> Self {
        let standin = Self { base_url: String::new(), inner: Arc::default() };
        let router = axum::Router::new()
            .route("/v1/customers", post(create_customer))
            .route("/v1/checkout/sessions", post(create_checkout_session))
            .route("/v1/checkout/sessions/{id}", get(retrieve_checkout_session))
            .route("/v1/checkout/sessions/{id}/expire", post(expire_checkout_session))
            .route("/v1/billing_portal/sessions", post(create_portal_session))
            .route("/v1/subscriptions/{id}", get(retrieve_subscription))
            .with_state(standin.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base_url = format!("http://{}", listener.local_addr().expect("addr"));
        tokio::spawn(async move { axum::serve(listener, router).await.expect("serve") });
        Self { base_url, ..standin }
    }

    fn next_id(&self, prefix: &str) -> String {
        let mut inner = self.inner.lock().expect("lock");
        inner.next_id += 1;
        format!("{prefix}_{:06}", inner.next_id)
    }

    fn record(&self, path: &str, form: &HashMap<String, String>, headers: &HeaderMap) {
        let idempotency_key = headers.get("idempotency-key").and_then(|v| v.to_str().ok()).map(str::to_owned);
        let received = Received { path: path.to_owned(), form: form.clone(), idempotency_key };
        self.inner.lock().expect("lock").received.push(received);
    }

    /// Every request accepted at `path`, oldest first.
    pub fn received(&self, path: &str) -> Vec<Received> {
        self.inner.lock().expect("lock").received.iter().filter(|r| r.path == path).cloned().collect()
    }

    /// Sets the subscription as Stripe holds it now (what a retrieve
    /// returns) and returns the object, for an event's `data.object`.
    pub fn put_subscription(&self, sub: &SubscriptionSpec) -> Value {
        let object = subscription_object(sub);
        self.inner.lock().expect("lock").subscriptions.insert(sub.id.clone(), object.clone());
        object
    }

    /// Checkout sessions still open (not paid, not expired).
    pub fn open_checkout_sessions(&self) -> Vec<String> {
        let inner = self.inner.lock().expect("lock");
        inner
            .checkout_sessions
            .values()
            .filter(|s| s["status"] == "open")
            .filter_map(|s| s["id"].as_str().map(str::to_owned))
            .collect()
    }

    /// Checkout session `id` ends as `status` outside our API: the customer
    /// paid (`complete`; its webhook is not sent), or it was expired in the
    /// Dashboard (`expired`).
    pub fn end_checkout(&self, id: &str, status: &str) {
        let mut inner = self.inner.lock().expect("lock");
        let session = inner.checkout_sessions.get_mut(id).expect("known session");
        session["status"] = json!(status);
    }

    pub fn subscription(&self, id: &str) -> Value {
        self.inner.lock().expect("lock").subscriptions.get(id).cloned().expect("known subscription")
    }
}

async fn create_customer(State(standin): State<StripeStandin>, headers: HeaderMap, body: String) -> Response {
    if let Some(refused) = unauthorized(&headers) {
        return refused;
    }
    let form = match form_of(&headers, &body) {
        Ok(form) => form,
        Err(refused) => return refused.into_response(),
    };
    if let Err(refused) = require(&form, "metadata[org_id]") {
        return refused.into_response();
    }
    standin.record("/v1/customers", &form, &headers);
    let key = headers.get("idempotency-key").and_then(|v| v.to_str().ok()).map(str::to_owned);
    if let Some(existing) =
        key.as_ref().and_then(|k| standin.inner.lock().expect("lock").customers_by_key.get(k).cloned())
    {
        return axum::Json(existing).into_response();
    }
    let customer = json!({
        "id": standin.next_id("cus"),
        "object": "customer",
        "address": null,
        "balance": 0,
        "created": now(),
        "currency": null,
        "default_source": null,
        "delinquent": false,
        "description": null,
        "discount": null,
        "email": form.get("email"),
        "invoice_prefix": "ABC123",
        "invoice_settings": {"custom_fields": null, "default_payment_method": null, "footer": null, "rendering_options": null},
        "livemode": false,
        "metadata": {"org_id": form["metadata[org_id]"]},
        "name": form.get("name"),
        "phone": null,
        "preferred_locales": [],
        "shipping": null,
        "tax_exempt": "none",
        "test_clock": null,
    });
    if let Some(key) = key {
        standin.inner.lock().expect("lock").customers_by_key.insert(key, customer.clone());
    }
    axum::Json(customer).into_response()
}

async fn create_checkout_session(State(standin): State<StripeStandin>, headers: HeaderMap, body: String) -> Response {
    if let Some(refused) = unauthorized(&headers) {
        return refused;
    }
    let form = match form_of(&headers, &body) {
        Ok(form) => form,
        Err(refused) => return refused.into_response(),
    };
    for param in ["mode", "customer", "success_url", "cancel_url", "line_items[0][price]", "line_items[0][quantity]"] {
        if let Err(refused) = require(&form, param) {
            return refused.into_response();
        }
    }
    if form["mode"] != "subscription" {
        return stripe_error(StatusCode::BAD_REQUEST, "mode must be subscription for recurring prices", Some("mode"))
            .into_response();
    }
    if ![PRICE_PRO_MONTHLY, PRICE_PRO_YEARLY, PRICE_ENTERPRISE_MONTHLY].contains(&form["line_items[0][price]"].as_str())
    {
        return stripe_error(StatusCode::BAD_REQUEST, "No such price", Some("line_items[0][price]")).into_response();
    }
    standin.record("/v1/checkout/sessions", &form, &headers);
    let id = standin.next_id("cs_test");
    let session = json!({
        "id": id,
        "object": "checkout.session",
        "adaptive_pricing": null,
        "after_expiration": null,
        "allow_promotion_codes": null,
        "amount_subtotal": 2900,
        "amount_total": 2900,
        "automatic_tax": {"enabled": false, "liability": null, "provider": null, "status": null},
        "billing_address_collection": null,
        "cancel_url": form["cancel_url"],
        "client_reference_id": form.get("client_reference_id"),
        "client_secret": null,
        "collected_information": null,
        "consent": null,
        "consent_collection": null,
        "created": now(),
        "currency": "usd",
        "custom_fields": [],
        "custom_text": {"after_submit": null, "shipping_address": null, "submit": null, "terms_of_service_acceptance": null},
        "customer": form["customer"],
        "customer_creation": null,
        "customer_details": null,
        "customer_email": null,
        "discounts": [],
        "expires_at": now() + 86_400,
        "invoice": null,
        "invoice_creation": null,
        "livemode": false,
        "locale": null,
        "metadata": {},
        "mode": "subscription",
        "payment_intent": null,
        "payment_link": null,
        "payment_method_collection": "always",
        "payment_method_configuration_details": null,
        "payment_method_options": {},
        "payment_method_types": ["card"],
        "payment_status": "unpaid",
        "phone_number_collection": {"enabled": false},
        "recovered_from": null,
        "saved_payment_method_options": null,
        "setup_intent": null,
        "shipping_address_collection": null,
        "shipping_cost": null,
        "shipping_options": [],
        "status": "open",
        "submit_type": null,
        "subscription": null,
        "success_url": form["success_url"],
        "total_details": {"amount_discount": 0, "amount_shipping": 0, "amount_tax": 0},
        "ui_mode": "hosted",
        "url": format!("https://checkout.stripe.test/c/pay/{id}"),
    });
    standin.inner.lock().expect("lock").checkout_sessions.insert(id, session.clone());
    axum::Json(session).into_response()
}

async fn retrieve_checkout_session(
    State(standin): State<StripeStandin>,
    axum::extract::Path(id): axum::extract::Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Some(refused) = unauthorized(&headers) {
        return refused;
    }
    match standin.inner.lock().expect("lock").checkout_sessions.get(&id) {
        Some(session) => axum::Json(session.clone()).into_response(),
        None => stripe_error(StatusCode::NOT_FOUND, "No such checkout.session", Some("session")).into_response(),
    }
}

/// Stripe expires open sessions only.
async fn expire_checkout_session(
    State(standin): State<StripeStandin>,
    axum::extract::Path(id): axum::extract::Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Some(refused) = unauthorized(&headers) {
        return refused;
    }
    standin.record(&format!("/v1/checkout/sessions/{id}/expire"), &HashMap::new(), &headers);
    let mut inner = standin.inner.lock().expect("lock");
    let Some(session) = inner.checkout_sessions.get_mut(&id) else {
        return stripe_error(StatusCode::NOT_FOUND, "No such checkout.session", Some("session")).into_response();
    };
    if session["status"] != "open" {
        let message = format!(
            "Only Checkout Sessions with a status in [\"open\"] can be expired; this one is {}.",
            session["status"]
        );
        return stripe_error(StatusCode::BAD_REQUEST, &message, None).into_response();
    }
    session["status"] = json!("expired");
    axum::Json(session.clone()).into_response()
}

async fn create_portal_session(State(standin): State<StripeStandin>, headers: HeaderMap, body: String) -> Response {
    if let Some(refused) = unauthorized(&headers) {
        return refused;
    }
    let form = match form_of(&headers, &body) {
        Ok(form) => form,
        Err(refused) => return refused.into_response(),
    };
    for param in ["customer", "return_url"] {
        if let Err(refused) = require(&form, param) {
            return refused.into_response();
        }
    }
    standin.record("/v1/billing_portal/sessions", &form, &headers);
    let id = standin.next_id("bps");
    axum::Json(json!({
        "id": id,
        "object": "billing_portal.session",
        "configuration": "bpc_standin",
        "created": now(),
        "customer": form["customer"],
        "flow": null,
        "livemode": false,
        "locale": null,
        "on_behalf_of": null,
        "return_url": form["return_url"],
        "url": format!("https://billing.stripe.test/p/session/{id}"),
    }))
    .into_response()
}

async fn retrieve_subscription(
    State(standin): State<StripeStandin>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Some(refused) = unauthorized(&headers) {
        return refused;
    }
    standin.record(&format!("/v1/subscriptions/{id}"), &HashMap::new(), &headers);
    match standin.inner.lock().expect("lock").subscriptions.get(&id) {
        Some(object) => axum::Json(object.clone()).into_response(),
        None => {
            stripe_error(StatusCode::NOT_FOUND, &format!("No such subscription: '{id}'"), Some("id")).into_response()
        }
    }
}

/// The parts of a subscription a test varies.
#[derive(Debug, Clone)]
pub struct SubscriptionSpec {
    pub id: String,
    pub customer: String,
    pub org_id: String,
    pub price: String,
    pub status: String,
    pub cancel_at_period_end: bool,
}

fn subscription_object(spec: &SubscriptionSpec) -> Value {
    let start = now() - 3600;
    let period_end = start + 30 * 86_400;
    let interval = if spec.price.ends_with("yearly") { "year" } else { "month" };
    let price = json!({
        "id": spec.price, "object": "price", "active": true, "billing_scheme": "per_unit", "created": start,
        "currency": "usd", "custom_unit_amount": null, "livemode": false, "lookup_key": null, "metadata": {},
        "nickname": null, "product": "prod_simplicity",
        "recurring": {"interval": interval, "interval_count": 1, "meter": null, "trial_period_days": null, "usage_type": "licensed"},
        "tax_behavior": "unspecified", "tiers_mode": null, "transform_quantity": null, "type": "recurring",
        "unit_amount": 2900, "unit_amount_decimal": "2900",
    });
    let plan = json!({
        "id": spec.price, "object": "plan", "active": true, "amount": 2900, "amount_decimal": "2900",
        "billing_scheme": "per_unit", "created": start, "currency": "usd", "interval": interval, "interval_count": 1,
        "livemode": false, "metadata": {}, "meter": null, "nickname": null, "product": "prod_simplicity",
        "tiers_mode": null, "transform_usage": null, "trial_period_days": null, "usage_type": "licensed",
    });
    json!({
        "id": spec.id,
        "object": "subscription",
        "application": null,
        "application_fee_percent": null,
        "automatic_tax": {"disabled_reason": null, "enabled": false, "liability": null},
        "billing_cycle_anchor": start,
        "billing_cycle_anchor_config": null,
        "billing_mode": {"type": "classic"},
        "billing_schedules": [],
        "billing_thresholds": null,
        "cancel_at": null,
        "cancel_at_period_end": spec.cancel_at_period_end,
        "canceled_at": if spec.status == "canceled" { json!(now()) } else { Value::Null },
        "cancellation_details": {"comment": null, "feedback": null, "reason": null},
        "collection_method": "charge_automatically",
        "created": start,
        "currency": "usd",
        "customer": spec.customer,
        "days_until_due": null,
        "default_payment_method": "pm_card_visa",
        "default_source": null,
        "default_tax_rates": [],
        "description": null,
        "discounts": [],
        "ended_at": null,
        "invoice_settings": {"account_tax_ids": null, "issuer": {"type": "self"}},
        "items": {
            "object": "list",
            "data": [{
                "id": format!("si_{}", spec.id), "object": "subscription_item", "billing_thresholds": null,
                "created": start, "current_period_end": period_end, "current_period_start": start,
                "discounts": [], "metadata": {}, "plan": plan, "price": price, "quantity": 1,
                "subscription": spec.id, "tax_rates": [],
            }],
            "has_more": false,
            "total_count": 1,
            "url": format!("/v1/subscription_items?subscription={}", spec.id),
        },
        "latest_invoice": "in_standin",
        "livemode": false,
        "metadata": {"org_id": spec.org_id},
        "next_pending_invoice_item_invoice": null,
        "on_behalf_of": null,
        "pause_collection": null,
        "payment_settings": null,
        "pending_invoice_item_interval": null,
        "pending_setup_intent": null,
        "pending_update": null,
        "schedule": null,
        "start_date": start,
        "status": spec.status,
        "test_clock": null,
        "transfer_data": null,
        "trial_end": null,
        "trial_settings": null,
        "trial_start": null,
    })
}
