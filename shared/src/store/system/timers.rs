//! The timers the sweep claims across organisations: escalations that are
//! due, delivery retries whose time has come, and SLA alerts.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, Condition, QueryFilter};

use super::super::entities::{delivery, escalation, sla_clock};
use super::super::notify::DeliveryStatus;
use super::lease::{Claimed, Leased, lease_until, unclaimed};
use super::{StoreResult, SystemStore};
use crate::ids::OrgId;

/// How long a sweep may hold a claimed escalation before another may take it.
const CLAIM_LEASE: chrono::Duration = chrono::Duration::seconds(60);

impl SystemStore<'_> {
    /// Claims up to `limit` escalations that are due, across organisations,
    /// for [`CLAIM_LEASE`].
    pub async fn claim_due_escalations(&self, limit: u64) -> StoreResult<Claimed<uuid::Uuid>> {
        let now = self.store.clock.now();
        let until = lease_until(now + CLAIM_LEASE);
        let due = || {
            Condition::all()
                .add(escalation::Column::FinishedAt.is_null())
                .add(escalation::Column::DueAt.lte(now))
                .add(unclaimed(escalation::Column::ClaimedUntil, now))
        };
        let rows = ESCALATION_LEASE.claim_oldest(&self.store.db, due, escalation::Column::DueAt, until, limit).await?;
        Ok(Claimed { rows: rows.into_iter().map(|row| (OrgId::from_uuid(row.org_id), row.id)).collect(), until })
    }

    /// Claims up to `limit` deliveries whose retry is due, across
    /// organisations, for [`QUEUE_LEASE`], so the next sweep does not queue
    /// them again while their message waits. The message carries the lease,
    /// which [`OrgStore::claim_delivery`] accepts.
    pub async fn claim_due_deliveries(&self, limit: u64) -> StoreResult<Claimed<String>> {
        let now = self.store.clock.now();
        let until = lease_until(now + QUEUE_LEASE);
        let due = || {
            Condition::all()
                .add(delivery::Column::Status.eq(DeliveryStatus::Pending.key()))
                .add(delivery::Column::NextAttemptAt.lte(now))
                .add(unclaimed(delivery::Column::ClaimedUntil, now))
        };
        let rows =
            DELIVERY_LEASE.claim_oldest(&self.store.db, due, delivery::Column::NextAttemptAt, until, limit).await?;
        Ok(Claimed { rows: rows.into_iter().map(|row| (OrgId::from_uuid(row.org_id), row.id)).collect(), until })
    }

    /// Up to `limit` SLA clocks whose next alert (a warning or the breach)
    /// is due, across organisations, oldest first: a range scan of the
    /// `alert_at` index. Delivering one re-checks it under a lock, so two
    /// sweeps claiming the same clock deliver its alert once.
    pub async fn due_sla_alerts(&self, limit: u64) -> StoreResult<Vec<(OrgId, crate::ids::SlaClockId)>> {
        use sea_orm::{EntityTrait, QueryOrder, QuerySelect};
        let now = self.store.clock.now();
        let rows: Vec<(uuid::Uuid, uuid::Uuid)> = sla_clock::Entity::find()
            .filter(sla_clock::Column::AlertAt.lte(now))
            .order_by_asc(sla_clock::Column::AlertAt)
            .limit(limit)
            .select_only()
            .column(sla_clock::Column::OrgId)
            .column(sla_clock::Column::Id)
            .into_tuple()
            .all(&self.store.db)
            .await?;
        Ok(rows.into_iter().map(|(org, id)| (OrgId::from_uuid(org), crate::ids::SlaClockId::from_uuid(id))).collect())
    }

    /// Gives back escalations claimed until `until` that could not be queued.
    pub async fn release_escalations(&self, ids: &[uuid::Uuid], until: DateTime<Utc>) -> StoreResult<()> {
        ESCALATION_LEASE.release(&self.store.db, ids.iter().copied(), until).await
    }

    /// Gives back deliveries claimed until `until` that could not be queued.
    pub async fn release_deliveries(&self, ids: &[String], until: DateTime<Utc>) -> StoreResult<()> {
        DELIVERY_LEASE.release(&self.store.db, ids.iter().cloned(), until).await
    }
}

const ESCALATION_LEASE: Leased<escalation::Entity> =
    Leased { key: escalation::Column::Id, claimed_until: escalation::Column::ClaimedUntil };
const DELIVERY_LEASE: Leased<delivery::Entity> =
    Leased { key: delivery::Column::Id, claimed_until: delivery::Column::ClaimedUntil };

/// How long a queued delivery waits for its message before the sweep may
/// queue it again.
const QUEUE_LEASE: chrono::Duration = chrono::Duration::minutes(5);
