//! Each organisation's Stripe customer and subscription state, and the Stripe
//! events already processed. An event's effects and its "processed" mark are
//! written in one transaction, so a redelivered event changes nothing.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde_json::json;

use super::entities::{checkout_session, org_billing, stripe_event};
use super::{OrgStore, Store, StoreError, StoreResult, audit, lock_org, orgs};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::billing::{InvoiceOutcome, OpenCheckout, SubscriptionSnapshot, SubscriptionStatus};
use crate::domain::org::Plan;
use crate::ids::OrgId;

/// An organisation's billing state as last synced from Stripe.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BillingRecord {
    pub customer_id: Option<String>,
    pub subscription_id: Option<String>,
    pub price_id: Option<String>,
    pub status: Option<SubscriptionStatus>,
    pub current_period_end: Option<DateTime<Utc>>,
    pub cancel_at_period_end: bool,
    pub last_invoice_status: Option<InvoiceOutcome>,
    /// Unix time of the newest Stripe event applied.
    pub synced_event_at: i64,
}

impl TryFrom<org_billing::Model> for BillingRecord {
    type Error = StoreError;

    fn try_from(model: org_billing::Model) -> StoreResult<Self> {
        Ok(Self {
            status: model.status.as_deref().map(str::parse).transpose().map_err(StoreError::Corrupt)?,
            customer_id: model.customer_id,
            subscription_id: model.subscription_id,
            price_id: model.price_id,
            current_period_end: model.current_period_end,
            cancel_at_period_end: model.cancel_at_period_end,
            last_invoice_status: model
                .last_invoice_status
                .as_deref()
                .map(str::parse)
                .transpose()
                .map_err(StoreError::Corrupt)?,
            synced_event_at: model.synced_event_at,
        })
    }
}

/// What [`OrgStore::keep_checkout`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kept {
    /// The session opened is the organisation's open one now.
    Opened,
    /// Another request kept this one first.
    Other(OpenCheckout),
    /// A subscription went live meanwhile.
    Subscribed,
}

async fn forget_checkout_on<C: sea_orm::ConnectionTrait>(conn: &C, org_id: OrgId, session_id: &str) -> StoreResult<()> {
    checkout_session::Entity::delete_many()
        .filter(checkout_session::Column::OrgId.eq(org_id.uuid()))
        .filter(checkout_session::Column::SessionId.eq(session_id))
        .exec(conn)
        .await?;
    Ok(())
}

impl From<checkout_session::Model> for OpenCheckout {
    fn from(row: checkout_session::Model) -> Self {
        Self { session_id: row.session_id, price_id: row.price_id, url: row.url, expires_at: row.expires_at }
    }
}

/// A Stripe event being processed.
#[derive(Debug, Clone)]
pub struct StripeEventRecord {
    pub id: String,
    pub kind: String,
    /// Unix time Stripe created the event.
    pub created: i64,
}

/// What a Stripe event changes for one organisation.
#[derive(Debug, Clone)]
pub struct BillingUpdate {
    pub org_id: OrgId,
    pub customer_id: String,
    /// The subscription's state, and the plan its price buys (`None`: not one
    /// of our prices, so the plan is left alone).
    pub subscription: Option<(SubscriptionSnapshot, Option<Plan>)>,
    /// The subscription is stale if the newest event applied is later than
    /// this (unix time): for an event's own copy, the event's time minus one;
    /// for one fetched from Stripe, the newest event applied before fetching.
    pub stale_if_synced_after: i64,
    pub invoice_status: Option<InvoiceOutcome>,
    /// The Checkout session this event says was paid.
    pub paid_checkout: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventOutcome {
    /// The event was processed before; nothing changed.
    Duplicate,
    /// The event's copy of the subscription is older than what was applied:
    /// nothing changed; apply it again with the subscription as Stripe has it now.
    Stale,
    Applied {
        before: Option<SubscriptionStatus>,
        after: Option<SubscriptionStatus>,
        plan: Option<Plan>,
    },
}

async fn billing_on<C: sea_orm::ConnectionTrait>(conn: &C, org_id: OrgId) -> StoreResult<BillingRecord> {
    org_billing::Entity::find_by_id(org_id.uuid())
        .one(conn)
        .await?
        .map_or(Ok(BillingRecord::default()), TryInto::try_into)
}

impl OrgStore<'_> {
    pub async fn billing(&self) -> StoreResult<BillingRecord> {
        billing_on(self.db, self.org_id).await
    }

    /// Members plus pending invites.
    pub async fn seats_used(&self) -> StoreResult<u64> {
        super::invites::seats_taken(self.db, self.org_id, None, self.clock.now()).await
    }

    /// Stores the organisation's Stripe customer unless it has one; returns
    /// the one it keeps.
    pub async fn attach_customer(&self, customer_id: &str, meta: &AuditMeta) -> StoreResult<String> {
        let tx = self.db.begin().await?;
        lock_org(&tx, self.org_id).await?;
        let current = billing_on(&tx, self.org_id).await?;
        if let Some(existing) = current.customer_id {
            return Ok(existing);
        }
        save(
            &tx,
            self.org_id,
            BillingRecord { customer_id: Some(customer_id.to_owned()), ..current },
            true,
            self.clock.now(),
        )
        .await?;
        let entry = AuditEntry::new("billing.customer_created", self.org_id, json!({"customer": customer_id}));
        audit::append(&tx, self.org_id.uuid(), meta, entry, self.clock.now()).await?;
        tx.commit().await?;
        Ok(customer_id.to_owned())
    }

    /// The Checkout session the organisation has open at `now`, if any.
    pub async fn open_checkout(&self, now: DateTime<Utc>) -> StoreResult<Option<OpenCheckout>> {
        let found = checkout_session::Entity::find_by_id(self.org_id.uuid()).one(self.db).await?;
        Ok(found.filter(|row| row.expires_at > now).map(Into::into))
    }

    /// Keeps `opened` as the organisation's open Checkout session, unless
    /// another was kept meanwhile or a subscription went live: then
    /// `opened` is the caller's to close.
    pub async fn keep_checkout(&self, opened: &OpenCheckout, now: DateTime<Utc>) -> StoreResult<Kept> {
        let tx = self.db.begin().await?;
        lock_org(&tx, self.org_id).await?;
        if billing_on(&tx, self.org_id).await?.status.is_some_and(SubscriptionStatus::is_live) {
            tx.commit().await?;
            return Ok(Kept::Subscribed);
        }
        let current = checkout_session::Entity::find_by_id(self.org_id.uuid()).one(&tx).await?;
        if let Some(current) = current.filter(|c| c.expires_at > now) {
            tx.commit().await?;
            return Ok(Kept::Other(current.into()));
        }
        checkout_session::Entity::delete_by_id(self.org_id.uuid()).exec(&tx).await?;
        checkout_session::ActiveModel {
            org_id: Set(self.org_id.uuid()),
            session_id: Set(opened.session_id.clone()),
            price_id: Set(opened.price_id.clone()),
            url: Set(opened.url.clone()),
            expires_at: Set(opened.expires_at),
        }
        .insert(&tx)
        .await?;
        tx.commit().await?;
        Ok(Kept::Opened)
    }

    /// Forgets Checkout session `session_id`: closed, or paid.
    pub async fn forget_checkout(&self, session_id: &str) -> StoreResult<()> {
        forget_checkout_on(self.db, self.org_id, session_id).await
    }

    /// Records a billing action that changes nothing here yet (a checkout
    /// or portal session opened).
    pub async fn audit_billing(
        &self,
        action: &'static str,
        summary: serde_json::Value,
        meta: &AuditMeta,
    ) -> StoreResult<()> {
        let tx = self.db.begin().await?;
        audit::append(&tx, self.org_id.uuid(), meta, AuditEntry::new(action, self.org_id, summary), self.clock.now())
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

async fn save<C: sea_orm::ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    record: BillingRecord,
    insert: bool,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let model = org_billing::ActiveModel {
        org_id: Set(org_id.uuid()),
        customer_id: Set(record.customer_id),
        subscription_id: Set(record.subscription_id),
        price_id: Set(record.price_id),
        status: Set(record.status.map(|s| s.key().to_owned())),
        current_period_end: Set(record.current_period_end),
        cancel_at_period_end: Set(record.cancel_at_period_end),
        last_invoice_status: Set(record.last_invoice_status.map(|s| s.key().to_owned())),
        synced_event_at: Set(record.synced_event_at),
        updated_at: Set(now),
    };
    if insert {
        model.insert(conn).await.map_err(StoreError::from_write)?;
    } else {
        model.update(conn).await?;
    }
    Ok(())
}

impl Store {
    pub async fn stripe_event_seen(&self, event_id: &str) -> StoreResult<bool> {
        Ok(stripe_event::Entity::find_by_id(event_id).one(&self.db).await?.is_some())
    }

    /// The organisation a Stripe customer belongs to.
    pub async fn org_for_customer(&self, customer_id: &str) -> StoreResult<Option<OrgId>> {
        let found =
            org_billing::Entity::find().filter(org_billing::Column::CustomerId.eq(customer_id)).one(&self.db).await?;
        Ok(found.map(|row| OrgId::from_uuid(row.org_id)))
    }

    /// Marks `event` processed and applies `update`, in one transaction; an
    /// event seen before changes nothing.
    pub async fn apply_stripe_event(
        &self,
        event: &StripeEventRecord,
        update: Option<BillingUpdate>,
    ) -> StoreResult<EventOutcome> {
        let tx = self.db.begin().await?;
        let mark = stripe_event::ActiveModel {
            id: Set(event.id.clone()),
            event_type: Set(event.kind.clone()),
            org_id: Set(update.as_ref().map(|u| u.org_id.uuid())),
            received_at: Set(self.clock.now()),
        };
        match mark.insert(&tx).await.map_err(StoreError::from_write) {
            Ok(_) => {}
            Err(StoreError::Duplicate(_)) => return Ok(EventOutcome::Duplicate),
            Err(other) => return Err(other),
        }
        let Some(update) = update else {
            tx.commit().await?;
            return Ok(EventOutcome::Applied { before: None, after: None, plan: None });
        };
        let org_id = update.org_id;
        lock_org(&tx, org_id).await?;
        let exists = org_billing::Entity::find_by_id(org_id.uuid()).one(&tx).await?.is_some();
        let current = billing_on(&tx, org_id).await?;
        // Compared under the lock: of two events processed at once, the
        // older must not be applied last.
        if update.subscription.is_some() && current.synced_event_at > update.stale_if_synced_after {
            return Ok(EventOutcome::Stale);
        }
        let before = current.status;
        let meta = AuditMeta::system(&format!("Stripe event {}", event.id));
        let mut next = BillingRecord {
            customer_id: current.customer_id.clone().or(Some(update.customer_id.clone())),
            synced_event_at: current.synced_event_at.max(event.created),
            ..current.clone()
        };
        if let Some(outcome) = update.invoice_status {
            next.last_invoice_status = Some(outcome);
            let entry = AuditEntry::new(outcome.audit_action(), org_id, json!({"event": event.id}));
            audit::append(&tx, org_id.uuid(), &meta, entry, self.clock.now()).await?;
        }
        let mut plan = None;
        if let Some((subscription, paid_plan)) = update.subscription.filter(|(s, _)| supersedes(&current, s)) {
            next.subscription_id = Some(subscription.id.clone());
            next.price_id = subscription.price_id.clone();
            next.status = Some(subscription.status);
            next.current_period_end = subscription.current_period_end;
            next.cancel_at_period_end = subscription.cancel_at_period_end;
            let summary = json!({
                "subscription": subscription.id,
                "before": before,
                "after": subscription.status,
                "cancelAtPeriodEnd": subscription.cancel_at_period_end,
            });
            audit::append(
                &tx,
                org_id.uuid(),
                &meta,
                AuditEntry::new("billing.subscription_synced", org_id, summary),
                self.clock.now(),
            )
            .await?;
            let entitled = match paid_plan {
                Some(paid_plan) => Some(subscription.status.entitles(paid_plan)),
                // A price we no longer sell cannot say which paid plan a live
                // subscription buys; an ended one buys none either way.
                None => (!subscription.status.entitles_any()).then_some(Plan::Free),
            };
            if let Some(entitled) = entitled {
                if orgs::org_on(&tx, org_id).await?.plan != entitled {
                    let reason = format!("Stripe subscription {} is {}", subscription.id, subscription.status);
                    orgs::move_to_plan(&tx, org_id, entitled, &meta, &reason, self.clock.now()).await?;
                }
                plan = Some(entitled);
            }
        }
        let after = next.status;
        if let Some(session_id) = &update.paid_checkout {
            forget_checkout_on(&tx, org_id, session_id).await?;
        }
        if after.is_some_and(SubscriptionStatus::entitles_any) {
            // Paid for: the open checkout is done; the next one starts afresh.
            checkout_session::Entity::delete_by_id(org_id.uuid()).exec(&tx).await?;
        }
        save(&tx, org_id, next, !exists, self.clock.now()).await?;
        tx.commit().await?;
        Ok(EventOutcome::Applied { before, after, plan })
    }
}

/// Whether `incoming` should replace what is stored: a late event about an
/// ended subscription must not undo a newer, live one.
fn supersedes(current: &BillingRecord, incoming: &SubscriptionSnapshot) -> bool {
    let same = current.subscription_id.as_deref() == Some(incoming.id.as_str());
    let current_live = current.status.is_some_and(SubscriptionStatus::is_live);
    same || !current_live || incoming.status.is_live()
}
