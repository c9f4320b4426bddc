//! The billing port: Stripe's API through async-stripe, and Stripe's webhook
//! signature scheme. Configured from the environment; without
//! `STRIPE_SECRET_KEY` billing is off and operators set plans by hand.

use chrono::{DateTime, Utc};
use stripe::{IdempotencyKey, RequestStrategy, StripeRequest};
use stripe_billing::billing_portal_session::CreateBillingPortalSession;
use stripe_billing::subscription::RetrieveSubscription;
use stripe_checkout::checkout_session::{
    CreateCheckoutSession, CreateCheckoutSessionLineItems, CreateCheckoutSessionSubscriptionData,
    ExpireCheckoutSession, RetrieveCheckoutSession,
};
use stripe_core::customer::CreateCustomer;
use stripe_shared::CheckoutSessionStatus;

pub use crate::config::StripeConfig;
use crate::domain::billing::{OpenCheckout, PriceBook, SubscriptionSnapshot};
use crate::hmac::{hmac_sha256, tags_equal};
use crate::ids::OrgId;

/// How far a signed webhook's timestamp may be from now.
pub const SIGNATURE_TOLERANCE_SECS: i64 = 300;
/// `v1=` entries a `Stripe-Signature` header may carry (Stripe sends more
/// than one only while a secret is rolled); more is refused unread.
pub const MAX_SIGNATURES: usize = 8;

#[derive(Debug, thiserror::Error)]
pub enum BillingError {
    #[error("Stripe request failed: {0}")]
    Stripe(#[from] stripe::StripeError),
    #[error("Stripe answered without {0}")]
    Incomplete(&'static str),
}

/// How a Checkout session ended when we closed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closed {
    /// It can no longer be paid (expired now, before, or gone).
    Expired,
    /// It was paid: its subscription is on its way.
    Paid,
}

/// Why a webhook was refused before its body was read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the Stripe-Signature header is missing or malformed")]
    Malformed,
    #[error("the signature's timestamp is more than 5 minutes from now")]
    Stale,
    #[error("no signature matches the payload")]
    Mismatch,
}

/// What we keep of a Stripe subscription; `None` for a status this version
/// does not know: better to leave the plan alone than to guess.
pub fn snapshot(subscription: &stripe_shared::Subscription) -> Option<SubscriptionSnapshot> {
    let status = subscription.status.as_str().parse().ok()?;
    let item = subscription.items.data.first();
    Some(SubscriptionSnapshot {
        id: subscription.id.as_str().to_owned(),
        customer: subscription.customer.id().as_str().to_owned(),
        status,
        price_id: item.map(|item| item.price.id.as_str().to_owned()),
        current_period_end: item.and_then(|item| DateTime::from_timestamp(item.current_period_end, 0)),
        cancel_at_period_end: subscription.cancel_at_period_end,
        org_hint: subscription.metadata.get("org_id").cloned(),
    })
}

pub struct StripeBilling {
    client: stripe::Client,
    config: StripeConfig,
}

impl StripeBilling {
    pub fn new(config: StripeConfig) -> Result<Self, BillingError> {
        let mut builder = stripe::ClientBuilder::new(&config.secret_key)
            .timeout(std::time::Duration::from_secs(10))
            .app_info("Simplicity", Some(env!("CARGO_PKG_VERSION").to_owned()), None);
        if let Some(base) = &config.api_base {
            builder = builder.url(base);
        }
        Ok(Self { client: builder.build()?, config })
    }

    pub fn prices(&self) -> &PriceBook {
        &self.config.prices
    }

    /// The organisation's Customer. Idempotent per organisation, so two
    /// concurrent first checkouts get one Customer.
    pub async fn create_customer(&self, org_id: OrgId, name: &str, email: &str) -> Result<String, BillingError> {
        let key = IdempotencyKey::new(format!("customer-{org_id}"))
            .map_err(|_| BillingError::Incomplete("a usable idempotency key"))?;
        let customer = CreateCustomer::new()
            .name(name)
            .email(email)
            .metadata([("org_id".to_owned(), org_id.to_string())])
            .customize()
            .request_strategy(RequestStrategy::Idempotent(key))
            .send(&self.client)
            .await?;
        Ok(customer.id.as_str().to_owned())
    }

    /// A hosted Checkout page that starts a subscription to `price`.
    /// Opens a Checkout session for `price`.
    pub async fn open_checkout(
        &self,
        org_id: OrgId,
        customer: &str,
        price: &str,
        success_url: &str,
        cancel_url: &str,
    ) -> Result<OpenCheckout, BillingError> {
        let mut item = CreateCheckoutSessionLineItems::new();
        item.price = Some(price.to_owned());
        item.quantity = Some(1);
        let mut subscription_data = CreateCheckoutSessionSubscriptionData::new();
        subscription_data.metadata = Some([("org_id".to_owned(), org_id.to_string())].into());
        let session = CreateCheckoutSession::new()
            .mode(stripe_shared::CheckoutSessionMode::Subscription)
            .customer(customer)
            .client_reference_id(org_id.to_string())
            .line_items(vec![item])
            .subscription_data(subscription_data)
            .success_url(success_url)
            .cancel_url(cancel_url)
            .send(&self.client)
            .await?;
        Ok(OpenCheckout {
            session_id: session.id.as_str().to_owned(),
            price_id: price.to_owned(),
            url: session.url.ok_or(BillingError::Incomplete("a checkout url"))?,
            expires_at: DateTime::from_timestamp(session.expires_at, 0)
                .ok_or(BillingError::Incomplete("a checkout expiry"))?,
        })
    }

    /// Closes a Checkout session so it can no longer be paid, and says how
    /// it ended. Stripe refuses to expire a session that is not open; then
    /// the session itself says why.
    pub async fn close_checkout(&self, session_id: &str) -> Result<Closed, BillingError> {
        match ExpireCheckoutSession::new(session_id).send(&self.client).await {
            Ok(_) => return Ok(Closed::Expired),
            Err(stripe::StripeError::Stripe(_, 400 | 404)) => {}
            Err(other) => return Err(other.into()),
        }
        match RetrieveCheckoutSession::new(session_id).send(&self.client).await {
            Ok(session) => match session.status {
                Some(CheckoutSessionStatus::Complete) => Ok(Closed::Paid),
                Some(CheckoutSessionStatus::Expired) => Ok(Closed::Expired),
                _ => Err(BillingError::Incomplete("a checkout session that can be closed")),
            },
            Err(stripe::StripeError::Stripe(_, 404)) => Ok(Closed::Expired),
            Err(other) => Err(other.into()),
        }
    }

    /// A Billing Portal page where the customer manages card, plan and cancellation.
    pub async fn portal_url(&self, customer: &str, return_url: &str) -> Result<String, BillingError> {
        let session =
            CreateBillingPortalSession::new().customer(customer).return_url(return_url).send(&self.client).await?;
        Ok(session.url)
    }

    /// The subscription as Stripe holds it now.
    pub async fn subscription(&self, id: &str) -> Result<Option<SubscriptionSnapshot>, BillingError> {
        let subscription = RetrieveSubscription::new(id).send(&self.client).await?;
        Ok(snapshot(&subscription))
    }

    /// Checks a `Stripe-Signature` header (`t=…,v1=…[,v1=…]`) over the raw body.
    pub fn verify_signature(&self, header: &str, body: &[u8], now: DateTime<Utc>) -> Result<(), SignatureError> {
        verify_signature(&self.config.webhook_secret, header, body, now)
    }
}

/// The body is hashed once, whatever the header holds: only well-formed
/// 32-byte `v1` signatures count, at most [`MAX_SIGNATURES`] entries, each
/// compared in constant time.
pub fn verify_signature(secret: &str, header: &str, body: &[u8], now: DateTime<Utc>) -> Result<(), SignatureError> {
    let mut timestamp = None;
    let mut entries = 0;
    let mut signatures: Vec<[u8; 32]> = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", value)) => timestamp = value.parse::<i64>().ok(),
            Some(("v1", value)) => {
                entries += 1;
                if entries > MAX_SIGNATURES {
                    return Err(SignatureError::Malformed);
                }
                let mut signature = [0u8; 32];
                if hex::decode_to_slice(value, &mut signature).is_ok() {
                    signatures.push(signature);
                }
            }
            _ => {}
        }
    }
    let timestamp = timestamp.ok_or(SignatureError::Malformed)?;
    if signatures.is_empty() {
        return Err(SignatureError::Malformed);
    }
    if (now.timestamp() - timestamp).abs() > SIGNATURE_TOLERANCE_SECS {
        return Err(SignatureError::Stale);
    }
    let expected = hmac_sha256(secret.as_bytes(), &[timestamp.to_string().as_bytes(), b".", body].concat());
    // Every candidate is compared, so the time taken says nothing of which matched.
    let matches = signatures.iter().fold(false, |found, signature| tags_equal(&expected, signature) | found);
    if matches { Ok(()) } else { Err(SignatureError::Mismatch) }
}

#[cfg(test)]
mod tests {
    use hmac::{Hmac, KeyInit, Mac};
    use sha2::Sha256;

    use super::*;

    /// Signs as Stripe does, with the hmac crate directly rather than the
    /// helper under test.
    fn sign(secret: &str, timestamp: i64, body: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("key");
        mac.update(format!("{timestamp}.{body}").as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    #[test]
    fn accepts_any_matching_v1_within_tolerance() {
        let now = Utc::now();
        let t = now.timestamp() - 299;
        let header = format!("t={t},v1={},v0=ignored,v1={}", "00".repeat(32), sign("whsec_a", t, "{}"));
        assert_eq!(verify_signature("whsec_a", &header, b"{}", now), Ok(()));
        assert_eq!(verify_signature("whsec_b", &header, b"{}", now), Err(SignatureError::Mismatch));
        assert_eq!(verify_signature("whsec_a", &header, b"{ }", now), Err(SignatureError::Mismatch));
    }

    #[test]
    fn refuses_stale_and_malformed_headers() {
        let now = Utc::now();
        let t = now.timestamp() - 301;
        let stale = format!("t={t},v1={}", sign("whsec_a", t, "{}"));
        assert_eq!(verify_signature("whsec_a", &stale, b"{}", now), Err(SignatureError::Stale));
        for header in ["", "v1=00", "t=abc,v1=00", "t=1"] {
            assert_eq!(verify_signature("whsec_a", header, b"{}", now), Err(SignatureError::Malformed), "{header}");
        }
    }

    /// Nothing but well-formed signatures is worth hashing the body for, and
    /// a header cannot make it hash (or compare) without bound.
    #[test]
    fn refuses_empty_short_and_too_many_signatures_unread() {
        let now = Utc::now();
        let t = now.timestamp();
        let good = sign("whsec_a", t, "{}");
        for header in [format!("t={t},v1="), format!("t={t},v1=,v1=,v1="), format!("t={t},v1={}", &good[..62])] {
            assert_eq!(verify_signature("whsec_a", &header, b"{}", now), Err(SignatureError::Malformed), "{header}");
        }
        let crowded = format!("t={t},{}v1={good}", "v1=,".repeat(MAX_SIGNATURES));
        assert_eq!(verify_signature("whsec_a", &crowded, b"{}", now), Err(SignatureError::Malformed));
        let within = format!("t={t},{}v1={good}", "v1=,".repeat(MAX_SIGNATURES - 1));
        assert_eq!(verify_signature("whsec_a", &within, b"{}", now), Ok(()));
    }
}
