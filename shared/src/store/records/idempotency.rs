//! `Idempotency-Key` for any kind's create: a retry within a day returns
//! the record the first request created.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::super::entities::record_idempotency_key;
use super::super::scope::scoped;
use super::super::{StoreError, StoreResult, lock_key};
use crate::domain::records::RecordKind;
use crate::ids::OrgId;

/// How long an `Idempotency-Key` is remembered.
pub const IDEMPOTENCY_WINDOW: Duration = Duration::hours(24);

/// A create's idempotency key, as the store uses it.
#[derive(Debug, Clone, Copy)]
pub(in crate::store) struct Key<'k> {
    pub org_id: OrgId,
    pub kind: RecordKind,
    pub key: &'k str,
}

impl Key<'_> {
    /// Makes creates with this key take turns (others do not wait), then
    /// returns the record an earlier create made with it, if still remembered.
    pub async fn claim<C: ConnectionTrait>(&self, conn: &C, now: DateTime<Utc>) -> StoreResult<Option<uuid::Uuid>> {
        lock_key(conn, &format!("idempotency:{}:{}:{}", self.org_id, self.kind, self.key)).await?;
        let seen = scoped::<record_idempotency_key::Entity>(self.org_id)
            .filter(record_idempotency_key::Column::Kind.eq(self.kind.key()))
            .filter(record_idempotency_key::Column::Key.eq(self.key))
            .filter(record_idempotency_key::Column::CreatedAt.gte(now - IDEMPOTENCY_WINDOW))
            .one(conn)
            .await?;
        Ok(seen.map(|row| row.record_id))
    }

    /// Remembers the key for `record`, over an expired use of it (the
    /// sweep prunes those).
    pub async fn remember<C: ConnectionTrait>(
        &self,
        conn: &C,
        record: uuid::Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        record_idempotency_key::Entity::insert(record_idempotency_key::ActiveModel {
            org_id: Set(self.org_id.uuid()),
            kind: Set(self.kind.key().to_owned()),
            key: Set(self.key.to_owned()),
            record_id: Set(record),
            created_at: Set(at),
        })
        .on_conflict(
            OnConflict::columns([
                record_idempotency_key::Column::OrgId,
                record_idempotency_key::Column::Kind,
                record_idempotency_key::Column::Key,
            ])
            .update_columns([record_idempotency_key::Column::RecordId, record_idempotency_key::Column::CreatedAt])
            .to_owned(),
        )
        .exec_without_returning(conn)
        .await
        .map_err(StoreError::from_write)?;
        Ok(())
    }
}
