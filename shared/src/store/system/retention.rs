//! What the sweep prunes, in bounded batches: relayed events past their
//! retention and idempotency keys past their window.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType, Order, Query};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::super::entities::{outbox_event, record_idempotency_key};
use super::super::records::idempotency::IDEMPOTENCY_WINDOW;
use super::lease::background;
use super::{StoreResult, SystemStore};

impl SystemStore<'_> {
    /// Removes up to `limit` events relayed before `before`, oldest first;
    /// returns how many. Events not yet relayed stay, however old.
    pub async fn prune_relayed_events(&self, before: DateTime<Utc>, limit: u64) -> StoreResult<u64> {
        let oldest = Query::select()
            .column(outbox_event::Column::Seq)
            .from(outbox_event::Entity)
            .and_where(outbox_event::Column::RelayedAt.is_not_null())
            .and_where(outbox_event::Column::RelayedAt.lt(before))
            .order_by(outbox_event::Column::RelayedAt, Order::Asc)
            .limit(limit)
            .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
            .to_owned();
        let tx = background(&self.store.db).await?;
        let pruned = outbox_event::Entity::delete_many()
            .filter(outbox_event::Column::Seq.in_subquery(oldest))
            .exec(&tx)
            .await?
            .rows_affected;
        tx.commit().await?;
        Ok(pruned)
    }

    /// Removes up to `limit` idempotency keys that expired before `now`,
    /// oldest first; returns how many. A key used again meanwhile (its row
    /// renewed) is not one of them: the age is checked on the row deleted.
    pub async fn prune_idempotency_keys(&self, now: DateTime<Utc>, limit: u64) -> StoreResult<u64> {
        use record_idempotency_key::Column;
        let cutoff = now - IDEMPOTENCY_WINDOW;
        let expired = Query::select()
            .columns([Column::OrgId, Column::Kind, Column::Key])
            .from(record_idempotency_key::Entity)
            .and_where(Column::CreatedAt.lt(cutoff))
            .order_by(Column::CreatedAt, Order::Asc)
            .order_by(Column::Key, Order::Asc)
            .limit(limit)
            .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
            .to_owned();
        let key = Expr::tuple([Expr::col(Column::OrgId), Expr::col(Column::Kind), Expr::col(Column::Key)]);
        let tx = background(&self.store.db).await?;
        let pruned = record_idempotency_key::Entity::delete_many()
            .filter(key.in_subquery(expired))
            .filter(Column::CreatedAt.lt(cutoff))
            .exec(&tx)
            .await?
            .rows_affected;
        tx.commit().await?;
        Ok(pruned)
    }
}
