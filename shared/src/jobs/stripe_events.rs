//! Verified Stripe events applied to billing: which organisation an event
//! is about, the subscription as Stripe has it now, the plan that buys —
//! processed once each, in no trusted order. The webhook endpoint checks
//! the signature and hands the event here; acting for the organisation it
//! names is a system path.

use serde::Deserialize;

use crate::app::AppState;
use crate::domain::billing::{InvoiceOutcome, SubscriptionSnapshot, SubscriptionStatus};
use crate::domain::org::{Plan, Role};
use crate::error::{Error, Result};
use crate::ids::OrgId;
use crate::mail::MailMessage;
use crate::store::{BillingUpdate, EventOutcome, OrgAccess, StripeEventRecord};
use crate::stripe::StripeBilling;

#[derive(Deserialize)]
pub struct StripeEvent {
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

/// Applies a verified Stripe event once; `true` if it was seen before.
pub async fn apply(state: &AppState, stripe: &StripeBilling, event: &StripeEvent) -> Result<bool> {
    if state.store.stripe_event_seen(&event.id).await? {
        return Ok(true);
    }
    let mut update = billing_update(state, stripe, event).await?;
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
        refetch(state, stripe, update, &id).await?;
        outcome = state.store.apply_stripe_event(&record, Some(update.clone())).await?;
    }
    if outcome == EventOutcome::Stale {
        return Err(Error::Upstream("billing changed while this event was processed; send it again".to_owned()));
    }
    tracing::info!(event = %event.id, kind = %event.kind, ?outcome, "Stripe event");
    if let (Some(org_id), EventOutcome::Applied { before, after: Some(SubscriptionStatus::PastDue), .. }) =
        (org_id, &outcome)
        && *before != Some(SubscriptionStatus::PastDue)
    {
        tell_admins_payment_failed(state, org_id).await;
    }
    Ok(outcome == EventOutcome::Duplicate)
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
    let access = state.store.system().access(update.org_id).await?.ok_or(Error::NotFound("organisation"))?;
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
    Ok(state.store.system().access(org_id).await?)
}

/// Emails every admin that Stripe could not take a payment. Best effort: the
/// billing state is already saved and shown as a banner.
async fn tell_admins_payment_failed(state: &AppState, org_id: OrgId) {
    let admins = async {
        let access = state.store.system().access(org_id).await?.ok_or(Error::NotFound("organisation"))?;
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
