//! Billing: an organisation's plan bought through Stripe Checkout, managed in
//! the Stripe Billing Portal, and kept in step by Stripe's webhooks. Without
//! Stripe configured every billing endpoint answers 503 and operators set
//! plans with `simplicity org set-plan`.

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
use crate::domain::billing::{Interval, InvoiceOutcome, SubscriptionSnapshot, SubscriptionStatus};
use crate::domain::org::{Plan, Role};
use crate::domain::permissions::Action;
use crate::error::{Error, FieldError, Result};
use crate::ids::OrgId;
use crate::mail::MailMessage;
use crate::store::{BillingUpdate, EventOutcome, Kept, OrgAccess, StripeEventRecord};
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
    state.billing.clone().ok_or_else(|| Error::Unavailable("billing not configured".to_owned()))
}

impl From<BillingError> for Error {
    fn from(error: BillingError) -> Self {
        tracing::warn!(error = %crate::error::chain(&error), "Stripe request failed");
        Error::Unavailable("Stripe could not be reached; try again shortly".to_owned())
    }
}

/// Plan, subscription state and seats (admins only).
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/billing", tag = "billing", params(("orgId" = OrgId, Path)),
    responses((status = 200, body = BillingView), (status = 503, body = crate::error::Problem)),
    security(("session" = []), ("token" = []))
)]
async fn get_billing(State(state): State<AppState>, org: OrgContext) -> Result<Json<BillingView>> {
    let stripe = billing_for(&state, &org)?;
    let scope = org.scope(&state);
    let billing = scope.billing().await?;
    let plan = org.access.org().plan;
    Ok(Json(BillingView {
        plan,
        status: billing.status,
        interval: billing.price_id.as_deref().and_then(|p| stripe.prices().plan_of(p)).map(|(_, interval)| interval),
        current_period_end: billing.current_period_end,
        cancel_at_period_end: billing.cancel_at_period_end,
        last_invoice_status: billing.last_invoice_status,
        past_due: billing.status == Some(SubscriptionStatus::PastDue),
        seats: Seats { used: scope.seats_used().await?, allowed: plan.limits().seats },
        checkout_options: stripe.prices().options().map(|(plan, interval)| CheckoutOption { plan, interval }).collect(),
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
    post, path = "/api/orgs/{orgId}/billing/checkout", tag = "billing", params(("orgId" = OrgId, Path)),
    request_body = CheckoutRequest,
    responses((status = 201, body = RedirectView), (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem), (status = 503, body = crate::error::Problem)),
    security(("session" = []), ("token" = []))
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
    post, path = "/api/orgs/{orgId}/billing/portal", tag = "billing", params(("orgId" = OrgId, Path)),
    request_body = PortalRequest,
    responses((status = 201, body = RedirectView), (status = 503, body = crate::error::Problem)),
    security(("session" = []), ("token" = []))
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

#[derive(Deserialize)]
struct StripeEvent {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    created: i64,
    data: EventData,
}

#[derive(Deserialize)]
struct EventData {
    object: serde_json::Value,
}

#[derive(Deserialize)]
struct CheckoutSessionObject {
    id: String,
    customer: Option<String>,
    subscription: Option<String>,
    client_reference_id: Option<String>,
}

#[derive(Deserialize)]
struct InvoiceObject {
    customer: Option<String>,
    /// Where API versions before 2025-03-31 put it.
    subscription: Option<String>,
    parent: Option<InvoiceParent>,
}

#[derive(Deserialize)]
struct InvoiceParent {
    subscription_details: Option<InvoiceSubscriptionDetails>,
}

#[derive(Deserialize)]
struct InvoiceSubscriptionDetails {
    subscription: Option<String>,
}

fn object<T: serde::de::DeserializeOwned>(event: &StripeEvent) -> Result<T> {
    serde_json::from_value(event.data.object.clone())
        .map_err(|error| Error::BadRequest(format!("the {} event's object is malformed: {error}", event.kind)))
}

/// Receives Stripe's webhooks. The signature is checked over the raw body
/// before anything is parsed; each event is processed once; arrival order is
/// not trusted (an event older than the last one applied re-fetches the
/// subscription from Stripe).
#[utoipa::path(
    post, path = "/api/stripe/webhook", tag = "billing",
    request_body(content = String, content_type = "application/json", description = "A Stripe event, signed in the Stripe-Signature header"),
    responses((status = 200, body = WebhookReceipt), (status = 400, body = crate::error::Problem), (status = 503, body = crate::error::Problem))
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
    let event: StripeEvent = serde_json::from_slice(&body)
        .map_err(|error| Error::BadRequest(format!("the event is not a Stripe event: {error}")))?;
    if state.store.stripe_event_seen(&event.id).await? {
        return Ok(Json(WebhookReceipt { received: true, duplicate: true }));
    }
    let mut update = billing_update(&state, &stripe, &event).await?;
    let record = StripeEventRecord { id: event.id.clone(), kind: event.kind.clone(), created: event.created };
    let org_id = update.as_ref().map(|u| u.org_id);
    let mut outcome = state.store.apply_stripe_event(&record, update.clone()).await?;
    // Stale: what the event carries is older than what another event applied
    // meanwhile. Fetch the subscription as it is now and try again, a few
    // times while other events keep landing; then let Stripe redeliver.
    for _ in 0..STALE_RETRIES {
        let (EventOutcome::Stale, Some(update)) = (&outcome, &mut update) else {
            break;
        };
        let Some(id) = update.subscription.as_ref().map(|(sent, _)| sent.id.clone()) else {
            break;
        };
        refetch(&state, &stripe, update, &id).await?;
        outcome = state.store.apply_stripe_event(&record, Some(update.clone())).await?;
    }
    if outcome == EventOutcome::Stale {
        return Err(Error::Unavailable("billing changed while this event was processed; send it again".to_owned()));
    }
    tracing::info!(event = %event.id, kind = %event.kind, ?outcome, "Stripe event");
    if let (Some(org_id), EventOutcome::Applied { before, after: Some(SubscriptionStatus::PastDue), .. }) =
        (org_id, &outcome)
        && *before != Some(SubscriptionStatus::PastDue)
    {
        tell_admins_payment_failed(&state, org_id).await;
    }
    Ok(Json(WebhookReceipt { received: true, duplicate: outcome == EventOutcome::Duplicate }))
}

/// How often a stale event re-fetches its subscription before giving up.
const STALE_RETRIES: usize = 3;

/// What `event` changes, resolving the organisation and fetching the
/// subscription where the event does not carry it. (Whether the copy a
/// subscription event carries is current is decided under the
/// organisation's lock: see [`EventOutcome::Stale`].)
async fn billing_update(
    state: &AppState,
    stripe: &StripeBilling,
    event: &StripeEvent,
) -> Result<Option<BillingUpdate>> {
    let mut paid_checkout = None;
    let (customer, hint, carried, invoice_status) = match event.kind.as_str() {
        "checkout.session.completed" => {
            let session: CheckoutSessionObject = object(event)?;
            let carried = session.subscription.map(Carried::Reference);
            paid_checkout = Some(session.id);
            (session.customer, session.client_reference_id, carried, None)
        }
        "customer.subscription.created" | "customer.subscription.updated" | "customer.subscription.deleted" => {
            let sent: stripe_shared::Subscription = object(event)?;
            let Some(snapshot) = crate::stripe::snapshot(&sent) else {
                tracing::warn!(event = %event.id, "subscription status unknown to this version; ignored");
                return Ok(None);
            };
            let hint = snapshot.org_hint.clone();
            (Some(snapshot.customer.clone()), hint, Some(Carried::Copy(snapshot)), None)
        }
        "invoice.paid" | "invoice.payment_failed" => {
            let invoice: InvoiceObject = object(event)?;
            let id = invoice.subscription.or(invoice.parent.and_then(|p| p.subscription_details?.subscription));
            let outcome =
                if event.kind == "invoice.paid" { InvoiceOutcome::Paid } else { InvoiceOutcome::PaymentFailed };
            (invoice.customer, None, id.map(Carried::Reference), Some(outcome))
        }
        _ => return Ok(None),
    };
    let Some(customer) = customer else {
        return Err(Error::BadRequest(format!("the {} event names no customer", event.kind)));
    };
    let Some(access) = resolve_org(state, &customer, hint.as_deref()).await? else {
        tracing::warn!(event = %event.id, %customer, "Stripe event for a customer of no organisation; ignored");
        return Ok(None);
    };
    let mut update = BillingUpdate {
        org_id: access.org_id(),
        customer_id: customer,
        subscription: None,
        stale_if_synced_after: i64::MAX,
        invoice_status,
        paid_checkout,
    };
    match carried {
        // The event's own copy is stale if an event no older was applied.
        Some(Carried::Copy(snapshot)) => {
            update.subscription = Some(with_plan(stripe, snapshot));
            update.stale_if_synced_after = event.created - 1;
        }
        Some(Carried::Reference(id)) => refetch(state, stripe, &mut update, &id).await?,
        None => {}
    }
    Ok(Some(update))
}

/// What an event tells of the subscription: a copy of it, or only its id.
enum Carried {
    Copy(SubscriptionSnapshot),
    Reference(String),
}

/// Fetches subscription `id` as Stripe has it now into `update`: stale only
/// if another event is applied between the read of what was applied and
/// the apply itself.
async fn refetch(state: &AppState, stripe: &StripeBilling, update: &mut BillingUpdate, id: &str) -> Result<()> {
    let access = state.store.system_access(update.org_id).await?.ok_or(Error::NotFound("organisation"))?;
    update.stale_if_synced_after = state.store.org_store(&access).billing().await?.synced_event_at;
    update.subscription = stripe.subscription(id).await?.map(|s| with_plan(stripe, s));
    Ok(())
}

/// A subscription and the plan its price buys (`None`: not one of ours).
fn with_plan(stripe: &StripeBilling, subscription: SubscriptionSnapshot) -> (SubscriptionSnapshot, Option<Plan>) {
    let plan = subscription.price_id.as_deref().and_then(|p| stripe.prices().plan_of(p)).map(|(plan, _)| plan);
    if plan.is_none() {
        tracing::warn!(subscription = %subscription.id, price = ?subscription.price_id, "subscription price is none of ours");
    }
    (subscription, plan)
}

/// The organisation of a Stripe customer: by the customer id we stored, else
/// by the org id we put on the checkout (the customer's first event can
/// arrive before our own write of it is visible).
async fn resolve_org(state: &AppState, customer: &str, hint: Option<&str>) -> Result<Option<OrgAccess>> {
    let known = state.store.org_for_customer(customer).await?;
    let Some(org_id) = known.or_else(|| hint.and_then(|h| h.parse::<OrgId>().ok())) else {
        return Ok(None);
    };
    Ok(state.store.system_access(org_id).await?)
}

/// Emails every admin that Stripe could not take a payment. Best effort: the
/// billing state is already saved and shown as a banner.
async fn tell_admins_payment_failed(state: &AppState, org_id: OrgId) {
    let admins = async {
        let access = state.store.system_access(org_id).await?.ok_or(Error::NotFound("organisation"))?;
        let members = state.store.org_store(&access).members().await?;
        Ok::<_, Error>((access, members))
    };
    let (access, members) = match admins.await {
        Ok(found) => found,
        Err(error) => return tracing::warn!(%error, "cannot list admins to tell about a failed payment"),
    };
    let org = access.org();
    let link = format!("{}/{}/settings/billing", state.config.public_url.trim_end_matches('/'), org.slug);
    for admin in members.iter().filter(|m| m.roles.contains(Role::Admin)) {
        let message = MailMessage {
            to: admin.email.clone(),
            subject: format!("Payment failed for {} on Simplicity", org.name),
            text: format!(
                "Stripe could not take the latest payment for {}'s {} plan. The plan stays active while Stripe retries; update the card to keep it:\n{link}\n",
                org.name, org.plan
            ),
        };
        if let Err(error) = state.mailer.send(message).await {
            tracing::warn!(error = %crate::error::chain(&error), "payment-failed email not sent");
        }
    }
}

pub fn org_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_billing)).routes(routes!(start_checkout)).routes(routes!(open_portal))
}

pub fn webhook_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(stripe_webhook))
}
