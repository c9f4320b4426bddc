//! The outbox as the relay sees it: every organisation's undelivered events,
//! claimed under a lease so that concurrent relays never deliver one twice.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter};

use super::super::entities::outbox_event;
use super::super::records::EventRecord;
use super::lease::{Claimed, Leased, lease_until, unclaimed};
use super::{StoreResult, SystemStore};
use crate::ids::OrgId;

/// How long a relay may hold claimed events before another may take them.
const CLAIM_LEASE: chrono::Duration = chrono::Duration::seconds(30);

impl SystemStore<'_> {
    /// Claims up to `limit` events no relay has delivered or is delivering,
    /// oldest first, for [`CLAIM_LEASE`]. Concurrent relays (several function
    /// instances) claim disjoint events, so none is delivered twice.
    pub async fn claim_outbox(&self, limit: u64) -> StoreResult<Claimed<EventRecord>> {
        let now = self.store.clock.now();
        let until = lease_until(now + CLAIM_LEASE);
        let claimable = || {
            Condition::all()
                .add(outbox_event::Column::RelayedAt.is_null())
                .add(unclaimed(outbox_event::Column::ClaimedUntil, now))
        };
        let claimed =
            OUTBOX_LEASE.claim_oldest(&self.store.db, claimable, outbox_event::Column::Seq, until, limit).await?;
        let mut rows = Vec::with_capacity(claimed.len());
        for row in claimed {
            let (seq, org_id) = (row.seq, OrgId::from_uuid(row.org_id));
            match EventRecord::try_from(row) {
                Ok(event) => rows.push((org_id, event)),
                // An event this release cannot read (a newer release's,
                // after a rollback) must not hold up everyone else's: it
                // stays claimed until its lease runs out, then is tried again.
                Err(error) => {
                    tracing::error!(seq, %org_id, error = %crate::error::chain(&error), "unreadable outbox event skipped");
                }
            }
        }
        rows.sort_by_key(|(_, event)| event.seq);
        Ok(Claimed { rows, until })
    }

    /// How many recorded events are not yet relayed (the pending index's size).
    pub async fn outbox_backlog(&self) -> StoreResult<u64> {
        use sea_orm::PaginatorTrait;
        let pending = outbox_event::Entity::find().filter(outbox_event::Column::RelayedAt.is_null());
        Ok(pending.count(&self.store.db).await?)
    }

    /// Marks events relayed that this relay still holds (claimed until
    /// `until`): one whose lease ran out and that another relay took is
    /// that relay's to mark.
    pub async fn mark_relayed(&self, seqs: &[i64], until: DateTime<Utc>) -> StoreResult<()> {
        if seqs.is_empty() {
            return Ok(());
        }
        outbox_event::Entity::update_many()
            .col_expr(outbox_event::Column::RelayedAt, Expr::value(self.store.clock.now()))
            .filter(outbox_event::Column::Seq.is_in(seqs.iter().copied()))
            .filter(outbox_event::Column::ClaimedUntil.eq(until))
            .exec(&self.store.db)
            .await?;
        Ok(())
    }

    /// Gives claimed but unsent events back at once (the queue failed).
    pub async fn release_claims(&self, seqs: &[i64], until: DateTime<Utc>) -> StoreResult<()> {
        OUTBOX_LEASE.release(&self.store.db, seqs.iter().copied(), until).await
    }
}

const OUTBOX_LEASE: Leased<outbox_event::Entity> =
    Leased { key: outbox_event::Column::Seq, claimed_until: outbox_event::Column::ClaimedUntil };
