//! The outbox as the relay sees it: every organisation's undelivered events,
//! claimed under a lease so that concurrent relays never deliver one twice.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter};

use super::entities::outbox_event;
use super::incidents::EventRecord;
use super::lease::{Leased, unclaimed};
use super::{Store, StoreResult};
use crate::ids::OrgId;

/// How long a relay may hold claimed events before another may take them.
const CLAIM_LEASE: chrono::Duration = chrono::Duration::seconds(30);

impl Store {
    /// Claims up to `limit` events no relay has delivered or is delivering,
    /// oldest first, for [`CLAIM_LEASE`]. Concurrent relays (several function
    /// instances) claim disjoint events, so none is delivered twice.
    pub async fn claim_outbox(&self, limit: u64) -> StoreResult<Vec<(OrgId, EventRecord)>> {
        let now = Utc::now();
        let claimable = || {
            Condition::all()
                .add(outbox_event::Column::RelayedAt.is_null())
                .add(unclaimed(outbox_event::Column::ClaimedUntil, now))
        };
        let leased = Leased::<outbox_event::Entity> {
            key: outbox_event::Column::Seq,
            claimed_until: outbox_event::Column::ClaimedUntil,
        };
        let claimed =
            leased.claim_oldest(&self.db, claimable, outbox_event::Column::Seq, now + CLAIM_LEASE, limit).await?;
        let mut events: Vec<(OrgId, EventRecord)> =
            claimed.into_iter().map(|row| (OrgId::from_uuid(row.org_id), row.into())).collect();
        events.sort_by_key(|(_, event)| event.seq);
        Ok(events)
    }

    pub async fn mark_relayed(&self, seqs: &[i64]) -> StoreResult<()> {
        if seqs.is_empty() {
            return Ok(());
        }
        outbox_event::Entity::update_many()
            .col_expr(outbox_event::Column::RelayedAt, Expr::value(Utc::now()))
            .filter(outbox_event::Column::Seq.is_in(seqs.iter().copied()))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    /// Gives claimed but undelivered events back at once (a sink failed).
    pub async fn release_claims(&self, seqs: &[i64]) -> StoreResult<()> {
        if seqs.is_empty() {
            return Ok(());
        }
        outbox_event::Entity::update_many()
            .col_expr(outbox_event::Column::ClaimedUntil, Expr::value(Option::<chrono::DateTime<Utc>>::None))
            .filter(outbox_event::Column::Seq.is_in(seqs.iter().copied()))
            .filter(outbox_event::Column::RelayedAt.is_null())
            .exec(&self.db)
            .await?;
        Ok(())
    }
}
