//! Deliveries: one (event, channel, recipient) each, recorded once under a
//! deterministic id, claimed for each attempt, and retried, cancelled or
//! given up on.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde_json::json;

use super::super::entities::{delivery, delivery_attempt};
use super::super::scope::{scoped, scoped_update};
use super::super::system::{lease_until, unclaimed};
use super::super::{OrgStore, StoreError, StoreResult, audit};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::ids::{EventId, IncidentId};

/// How long a worker may hold a claimed delivery before another may take it.
const CLAIM_LEASE: chrono::Duration = chrono::Duration::seconds(60);

/// A delivery as recorded: one (event, channel, recipient).
#[derive(Debug, Clone)]
pub struct DeliveryRecord {
    pub id: String,
    pub event_id: EventId,
    pub incident_id: Option<IncidentId>,
    pub channel: String,
    pub recipient: String,
    pub notice: serde_json::Value,
    pub status: DeliveryStatus,
    pub attempts: i32,
    pub last_status_code: Option<i32>,
    pub last_error: Option<String>,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
}

crate::domain::keyed_enum!(
    /// Where a delivery stands: waiting (first try or a retry), done, given
    /// up on (an admin may retry it), or cancelled unsent because the
    /// incident moved on (a page for an incident already acknowledged).
    DeliveryStatus { Pending => "pending", Delivered => "delivered", Dead => "dead", Cancelled => "cancelled" }
);

impl TryFrom<delivery::Model> for DeliveryRecord {
    type Error = StoreError;

    fn try_from(m: delivery::Model) -> StoreResult<Self> {
        Ok(Self {
            event_id: EventId::from_uuid(m.event_id),
            incident_id: m.incident_id.map(IncidentId::from_uuid),
            notice: serde_json::from_str(&m.notice).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            status: m.status.parse().map_err(StoreError::Corrupt)?,
            id: m.id,
            channel: m.channel,
            recipient: m.recipient,
            attempts: m.attempts,
            last_status_code: m.last_status_code,
            last_error: m.last_error,
            next_attempt_at: m.next_attempt_at,
            created_at: m.created_at,
            delivered_at: m.delivered_at,
        })
    }
}

/// A delivery to record: what and to whom.
#[derive(Debug, Clone)]
pub struct NewDelivery {
    pub id: String,
    pub event_id: EventId,
    pub incident_id: Option<IncidentId>,
    pub channel: String,
    pub recipient: String,
    pub notice: serde_json::Value,
}

/// How one attempt went.
#[derive(Debug, Clone)]
pub enum AttemptOutcome {
    Delivered {
        status_code: Option<u16>,
        detail: String,
    },
    /// Try again at `retry_at`, or give up when `None`.
    Failed {
        status_code: Option<u16>,
        error: String,
        retry_at: Option<DateTime<Utc>>,
    },
}

#[derive(Debug, Clone)]
pub struct AttemptRecord {
    pub attempt: i32,
    pub attempted_at: DateTime<Utc>,
    pub status_code: Option<i32>,
    pub outcome: String,
}

impl OrgStore<'_> {
    /// Records a delivery unless one with its id exists. A new one is held
    /// for its recorder's first attempt, whose lease this returns: the sweep
    /// must not queue it meanwhile (its message would wait behind the whole
    /// queue). `None`: it existed already, and whoever recorded it or the
    /// sweep attempts it.
    pub async fn record_delivery(&self, new: NewDelivery) -> StoreResult<Option<DateTime<Utc>>> {
        let now = self.clock.now();
        let lease = lease_until(now + CLAIM_LEASE);
        let row = delivery::ActiveModel {
            id: Set(new.id),
            org_id: Set(self.org_id.uuid()),
            event_id: Set(new.event_id.uuid()),
            incident_id: Set(new.incident_id.map(IncidentId::uuid)),
            channel: Set(new.channel),
            recipient: Set(new.recipient),
            notice: Set(new.notice.to_string()),
            status: Set(DeliveryStatus::Pending.key().to_owned()),
            attempts: Set(0),
            last_status_code: Set(None),
            last_error: Set(None),
            next_attempt_at: Set(Some(now)),
            claimed_until: Set(Some(lease)),
            created_at: Set(now),
            delivered_at: Set(None),
        };
        let inserted = delivery::Entity::insert(row)
            .on_conflict(OnConflict::column(delivery::Column::Id).do_nothing().to_owned())
            .exec_without_returning(self.db)
            .await?;
        Ok((inserted == 1).then_some(lease))
    }

    pub async fn delivery(&self, id: &str) -> StoreResult<Option<DeliveryRecord>> {
        scoped::<delivery::Entity>(self.org_id)
            .filter(delivery::Column::Id.eq(id))
            .one(self.db)
            .await?
            .map(TryInto::try_into)
            .transpose()
    }

    /// Newest first; `before` pages by creation time.
    pub async fn deliveries(
        &self,
        status: Option<DeliveryStatus>,
        incident: Option<IncidentId>,
        limit: u64,
    ) -> StoreResult<Vec<DeliveryRecord>> {
        let mut query = scoped::<delivery::Entity>(self.org_id);
        if let Some(status) = status {
            query = query.filter(delivery::Column::Status.eq(status.key()));
        }
        if let Some(incident) = incident {
            query = query.filter(delivery::Column::IncidentId.eq(incident.uuid()));
        }
        query
            .order_by_desc(delivery::Column::CreatedAt)
            .order_by_desc(delivery::Column::Id)
            .limit(limit)
            .all(self.db)
            .await?
            .into_iter()
            .map(TryInto::try_into)
            .collect()
    }

    pub async fn delivery_attempts(&self, id: &str) -> StoreResult<Vec<AttemptRecord>> {
        let rows = scoped::<delivery_attempt::Entity>(self.org_id)
            .filter(delivery_attempt::Column::DeliveryId.eq(id))
            .order_by_asc(delivery_attempt::Column::Attempt)
            .all(self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| AttemptRecord {
                attempt: r.attempt,
                attempted_at: r.attempted_at,
                status_code: r.status_code,
                outcome: r.outcome,
            })
            .collect())
    }

    /// Takes a pending delivery for one attempt; `None` if it is delivered,
    /// dead, not yet due, or another worker holds it. `queued` is the lease
    /// the sweep took when it queued the delivery: that message may take it
    /// over (once: the claim replaces the lease).
    pub async fn claim_delivery(&self, id: &str, queued: Option<DateTime<Utc>>) -> StoreResult<Option<DeliveryRecord>> {
        let now = self.clock.now();
        let mut free = unclaimed(delivery::Column::ClaimedUntil, now);
        if let Some(lease) = queued {
            free = free.add(delivery::Column::ClaimedUntil.eq(lease));
        }
        let claimed = scoped_update::<delivery::Entity>(self.org_id)
            .col_expr(delivery::Column::ClaimedUntil, Expr::value(lease_until(now + CLAIM_LEASE)))
            .filter(delivery::Column::Id.eq(id))
            .filter(delivery::Column::Status.eq(DeliveryStatus::Pending.key()))
            .filter(delivery::Column::NextAttemptAt.lte(now))
            .filter(free)
            .exec(self.db)
            .await?;
        if claimed.rows_affected == 0 {
            return Ok(None);
        }
        self.delivery(id).await
    }

    /// Records one attempt of a claimed delivery and releases it.
    pub async fn record_attempt(&self, record: &DeliveryRecord, outcome: &AttemptOutcome) -> StoreResult<()> {
        let tx = self.db.begin().await?;
        let now = self.clock.now();
        let attempt = record.attempts + 1;
        let (status, code, text, next, delivered_at) = match outcome {
            AttemptOutcome::Delivered { status_code, detail } => {
                (DeliveryStatus::Delivered, *status_code, format!("delivered: {detail}"), None, Some(now))
            }
            AttemptOutcome::Failed { status_code, error, retry_at } => {
                let status = if retry_at.is_some() { DeliveryStatus::Pending } else { DeliveryStatus::Dead };
                (status, *status_code, error.clone(), *retry_at, None)
            }
        };
        let code = code.map(i32::from);
        delivery_attempt::ActiveModel {
            delivery_id: Set(record.id.clone()),
            attempt: Set(attempt),
            org_id: Set(self.org_id.uuid()),
            attempted_at: Set(now),
            status_code: Set(code),
            outcome: Set(text.clone()),
        }
        .insert(&tx)
        .await
        .map_err(StoreError::from_write)?;
        scoped_update::<delivery::Entity>(self.org_id)
            .col_expr(delivery::Column::Status, Expr::value(status.key()))
            .col_expr(delivery::Column::Attempts, Expr::value(attempt))
            .col_expr(delivery::Column::LastStatusCode, Expr::value(code))
            .col_expr(
                delivery::Column::LastError,
                Expr::value(matches!(outcome, AttemptOutcome::Failed { .. }).then_some(text)),
            )
            .col_expr(delivery::Column::NextAttemptAt, Expr::value(next))
            .col_expr(delivery::Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
            .col_expr(delivery::Column::DeliveredAt, Expr::value(delivered_at))
            .filter(delivery::Column::Id.eq(&record.id))
            .exec(&tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Gives up a claimed delivery unsent: the incident moved on.
    pub async fn cancel_delivery(&self, record: &DeliveryRecord, reason: &str) -> StoreResult<()> {
        scoped_update::<delivery::Entity>(self.org_id)
            .col_expr(delivery::Column::Status, Expr::value(DeliveryStatus::Cancelled.key()))
            .col_expr(delivery::Column::LastError, Expr::value(reason))
            .col_expr(delivery::Column::NextAttemptAt, Expr::value(Option::<DateTime<Utc>>::None))
            .col_expr(delivery::Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
            .filter(delivery::Column::Id.eq(&record.id))
            .exec(self.db)
            .await?;
        Ok(())
    }

    /// Puts a dead delivery back in line (an admin's retry); `false` unless it was dead.
    pub async fn retry_delivery(&self, id: &str, meta: &AuditMeta) -> StoreResult<bool> {
        let tx = self.db.begin().await?;
        let revived = scoped_update::<delivery::Entity>(self.org_id)
            .col_expr(delivery::Column::Status, Expr::value(DeliveryStatus::Pending.key()))
            .col_expr(delivery::Column::NextAttemptAt, Expr::value(self.clock.now()))
            .filter(delivery::Column::Id.eq(id))
            .filter(delivery::Column::Status.eq(DeliveryStatus::Dead.key()))
            .exec(&tx)
            .await?;
        if revived.rows_affected > 0 {
            audit::append(
                &tx,
                self.org_id.uuid(),
                meta,
                AuditEntry::new("delivery.retried", id, json!({})),
                self.clock.now(),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(revived.rows_affected > 0)
    }
}
