//! Billing: an organisation's plan bought through Stripe Checkout, managed in
//! the Stripe Billing Portal, and kept in step by Stripe's webhooks. Without
//! Stripe configured the plan is still shown (`configured: false`), every
//! billing action is a 409 `billing-not-configured` (a setting, not an
//! outage a client should retry), and operators set plans with
//! `simplicity org set-plan`.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::extract::ApiJson;
use super::tenant::OrgContext;
use crate::domain::billing::{Interval, InvoiceOutcome, SubscriptionStatus};
use crate::domain::org::Plan;
use crate::domain::permissions::Action;
use crate::error::{Error, FieldError, Result};
use crate::store::Kept;
use crate::stripe::{BillingError, Closed, SignatureError, StripeBilling};

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Seats {
    used: u64,
    /// `null`: unlimited.
    allowed: Option<u32>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CheckoutOption {
    plan: Plan,
    interval: Interval,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BillingView {
    /// Whether this deployment sells plans through Stripe; without it the
    /// operator sets plans, and only `plan` and `seats` say anything.
    configured: bool,
    plan: Plan,
    /// The Stripe subscription's status; `null` before the first checkout.
    status: Option<SubscriptionStatus>,
    interval: Option<Interval>,
    current_period_end: Option<DateTime<Utc>>,
    cancel_at_period_end: bool,
    last_invoice_status: Option<InvoiceOutcome>,
    /// Stripe is retrying a failed payment: the plan is kept meanwhile.
    past_due: bool,
    seats: Seats,
    /// What can be bought here (plans with a configured price).
    checkout_options: Vec<CheckoutOption>,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CheckoutRequest {
    plan: Plan,
    interval: Interval,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PortalRequest {}

/// Where to send the browser next.
#[derive(Serialize, ToSchema)]
pub struct RedirectView {
    url: String,
}

#[derive(Serialize, ToSchema)]
pub struct WebhookReceipt {
    received: bool,
    /// The event was processed before and changed nothing now.
    duplicate: bool,
}

/// Admins only, and only where Stripe is configured.
fn billing_for(state: &AppState, org: &OrgContext) -> Result<Arc<StripeBilling>> {
    org.require(Action::ManageBilling)?;
    configured(state)
}

fn configured(state: &AppState) -> Result<Arc<StripeBilling>> {
    state.billing.clone().ok_or_else(|| {
        Error::conflict(
            "billing-not-configured",
            "this deployment does not sell plans through Stripe; its operator sets plans with `simplicity org set-plan`",
        )
    })
}

impl From<BillingError> for Error {
    fn from(error: BillingError) -> Self {
        tracing::warn!(error = %crate::error::chain(&error), "Stripe request failed");
        Error::Upstream("Stripe could not be reached; try again shortly".to_owned())
    }
}

/// Plan, subscription state and seats (admins only); without Stripe on
/// this deployment, the plan and seats with `configured: false`.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/billing", tag = "billing",
    responses((status = 200, body = BillingView))
)]
async fn get_billing(State(state): State<AppState>, org: OrgContext) -> Result<Json<BillingView>> {
    org.require(Action::ManageBilling)?;
    let stripe = state.billing.clone();
    let scope = org.scope(&state);
    let billing = scope.billing().await?;
    let plan = org.access.org().plan;
    let interval = billing
        .price_id
        .as_deref()
        .zip(stripe.as_deref())
        .and_then(|(price, stripe)| stripe.prices().plan_of(price))
        .map(|(_, interval)| interval);
    let checkout_options = stripe.as_deref().map_or_else(Vec::new, |stripe| {
        stripe.prices().options().map(|(plan, interval)| CheckoutOption { plan, interval }).collect()
    });
    Ok(Json(BillingView {
        configured: stripe.is_some(),
        plan,
        status: billing.status,
        interval,
        current_period_end: billing.current_period_end,
        cancel_at_period_end: billing.cancel_at_period_end,
        last_invoice_status: billing.last_invoice_status,
        past_due: billing.status == Some(SubscriptionStatus::PastDue),
        seats: Seats { used: scope.seats_used().await?, allowed: plan.limits().seats },
        checkout_options,
    }))
}

/// The organisation's Stripe customer, created on first use.
async fn customer(state: &AppState, org: &OrgContext, stripe: &StripeBilling) -> Result<String> {
    if let Some(existing) = org.scope(state).billing().await?.customer_id {
        return Ok(existing);
    }
    let record = org.access.org();
    let created = stripe.create_customer(record.id, &record.name, &org.current.user.email).await?;
    Ok(org.scope(state).attach_customer(&created, &org.meta).await?)
}

fn settings_url(state: &AppState, org: &OrgContext) -> String {
    format!("{}/{}/settings/billing", state.config.public_url.trim_end_matches('/'), org.access.org().slug)
}

/// Starts a Stripe Checkout for a plan (admins only). An organisation with a
/// live subscription changes plan in the portal instead (409).
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/billing/checkout", tag = "billing",
    request_body = CheckoutRequest,
    responses((status = 201, body = RedirectView), (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem), (status = 503, body = crate::error::Problem))
)]
async fn start_checkout(
    State(state): State<AppState>,
    org: OrgContext,
    ApiJson(body): ApiJson<CheckoutRequest>,
) -> Result<(StatusCode, Json<RedirectView>)> {
    let stripe = billing_for(&state, &org)?;
    let price = stripe.prices().price(body.plan, body.interval).ok_or_else(|| {
        let offered: Vec<String> = stripe.prices().options().map(|(p, i)| format!("{p}/{i}")).collect();
        Error::Validation(vec![FieldError::new(
            "plan",
            format!("{}/{} cannot be bought here; choose one of: {}", body.plan, body.interval, offered.join(", ")),
        )])
    })?;
    let scope = org.scope(&state);
    if scope.billing().await?.status.is_some_and(SubscriptionStatus::is_live) {
        return Err(subscription_exists());
    }
    // One open Checkout per organisation, so it cannot end up paying twice:
    // the same plan again reuses it; another plan closes it first.
    let now = state.store.now();
    let open = scope.open_checkout(now).await?;
    if let Some(open) = open.as_ref().filter(|open| open.price_id == price) {
        return Ok((StatusCode::CREATED, Json(RedirectView { url: open.url.clone() })));
    }
    if let Some(open) = &open {
        match stripe.close_checkout(&open.session_id).await? {
            Closed::Expired => scope.forget_checkout(&open.session_id).await?,
            Closed::Paid => return Err(just_paid()),
        }
    }
    let customer = customer(&state, &org, &stripe).await?;
    let back = settings_url(&state, &org);
    let success = format!("{back}?checkout=success");
    let opened =
        stripe.open_checkout(org.org_id(), &customer, price, &success, &format!("{back}?checkout=cancelled")).await?;
    let kept = scope.keep_checkout(&opened, now).await?;
    if kept != Kept::Opened {
        // Never shown to anyone: close it so it cannot be paid.
        if let Err(error) = stripe.close_checkout(&opened.session_id).await {
            tracing::warn!(%error, session = %opened.session_id, "unused Checkout session left open");
        }
    }
    match kept {
        Kept::Opened => {
            let summary = json!({"plan": body.plan, "interval": body.interval, "price": price});
            scope.audit_billing("billing.checkout_started", summary, &org.meta).await?;
            Ok((StatusCode::CREATED, Json(RedirectView { url: opened.url })))
        }
        // A double click, or two admins at once: the first one's page.
        Kept::Other(first) if first.price_id == price => {
            Ok((StatusCode::CREATED, Json(RedirectView { url: first.url })))
        }
        Kept::Other(_) => Err(Error::conflict(
            "checkout-in-progress",
            "another checkout for this organisation was started a moment ago; finish or cancel it first",
        )),
        Kept::Subscribed => Err(subscription_exists()),
    }
}

fn subscription_exists() -> Error {
    Error::conflict(
        "subscription-exists",
        "the organisation already has a subscription; change or cancel it in the billing portal",
    )
}

fn just_paid() -> Error {
    Error::conflict(
        "checkout-in-progress",
        "a checkout for this organisation was just completed; wait for its subscription to arrive",
    )
}

/// Opens the Stripe Billing Portal: card, invoices, plan changes and
/// cancellation (admins only).
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/billing/portal", tag = "billing",
    request_body = PortalRequest,
    responses((status = 201, body = RedirectView), (status = 409, body = crate::error::Problem), (status = 503, body = crate::error::Problem))
)]
async fn open_portal(
    State(state): State<AppState>,
    org: OrgContext,
    ApiJson(PortalRequest {}): ApiJson<PortalRequest>,
) -> Result<(StatusCode, Json<RedirectView>)> {
    let stripe = billing_for(&state, &org)?;
    let customer = customer(&state, &org, &stripe).await?;
    let url = stripe.portal_url(&customer, &settings_url(&state, &org)).await?;
    org.scope(&state).audit_billing("billing.portal_opened", json!({"customer": customer}), &org.meta).await?;
    Ok((StatusCode::CREATED, Json(RedirectView { url })))
}

/// Receives Stripe's webhooks. The signature is checked over the raw body
/// before anything is parsed; each event is processed once; arrival order is
/// not trusted (an event older than the last one applied re-fetches the
/// subscription from Stripe).
#[utoipa::path(
    post, path = "/api/stripe/webhook", tag = "billing",
    request_body(content = String, content_type = "application/json", description = "A Stripe event, signed in the Stripe-Signature header"),
    responses((status = 200, body = WebhookReceipt), (status = 400, body = crate::error::Problem), (status = 409, body = crate::error::Problem), (status = 503, body = crate::error::Problem))
)]
async fn stripe_webhook(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<WebhookReceipt>> {
    let stripe = configured(&state)?;
    let header = headers.get("stripe-signature").and_then(|v| v.to_str().ok()).unwrap_or_default();
    stripe.verify_signature(header, &body, state.store.now()).map_err(|error| {
        tracing::warn!(%error, "Stripe webhook refused");
        Error::BadRequest(
            match error {
                SignatureError::Malformed => "the Stripe-Signature header is missing or malformed",
                SignatureError::Stale => "the Stripe-Signature timestamp is outside the 5-minute tolerance",
                SignatureError::Mismatch => "the Stripe-Signature does not match the payload",
            }
            .to_owned(),
        )
    })?;
    let event: crate::jobs::stripe_events::StripeEvent = serde_json::from_slice(&body)
        .map_err(|error| Error::BadRequest(format!("the event is not a Stripe event: {error}")))?;
    let duplicate = crate::jobs::stripe_events::apply(&state, &stripe, &event).await?;
    Ok(Json(WebhookReceipt { received: true, duplicate }))
}

pub fn org_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_billing)).routes(routes!(start_checkout)).routes(routes!(open_portal))
}

pub fn webhook_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(stripe_webhook))
}
