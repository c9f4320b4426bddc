//! The outbox as the relay sees it: every organisation's pending events, in
//! order. A system operation, not reachable from request handling.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::entities::outbox_event;
use super::incidents::EventRecord;
use super::{Store, StoreResult};
use crate::ids::OrgId;

impl Store {
    /// Events not yet relayed, oldest first, with their organisation.
    pub async fn pending_outbox(&self, limit: u64) -> StoreResult<Vec<(OrgId, EventRecord)>> {
        let rows = outbox_event::Entity::find()
            .filter(outbox_event::Column::RelayedAt.is_null())
            .order_by_asc(outbox_event::Column::Seq)
            .limit(limit)
            .all(&self.db)
            .await?;
        Ok(rows.into_iter().map(|row| (OrgId::from_uuid(row.org_id), row.into())).collect())
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
}
