//! The change calendar: freeze periods (which refuse scheduling a
//! non-emergency change inside them), conflicts between changes that hold
//! overlapping windows on the same configuration items, the changes
//! completed lately on an incident's items, and the change failure rate.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde_json::json;

use super::super::assets::with_dependencies;
use super::super::entities::{change, change_freeze, record_link};
use super::super::scope::{scoped, scoped_delete};
use super::super::{StoreError, StoreResult};
use super::{ChangeRecord, Changes, affected_items};
use crate::domain::assets::DEFAULT_IMPACT_DEPTH;
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::changes::{ChangeStatus, Window};
use crate::domain::records::RecordKind;
use crate::ids::{ChangeId, ConfigItemId, FreezeId, IncidentId, OrgId, UserId};
use crate::store::LinkRelation;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreezeRecord {
    pub id: FreezeId,
    pub name: String,
    pub window: Window,
    /// The items it is limited to; empty: every change.
    pub items: Vec<ConfigItemId>,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<change_freeze::Model> for FreezeRecord {
    type Error = StoreError;

    fn try_from(m: change_freeze::Model) -> StoreResult<Self> {
        Ok(Self {
            id: FreezeId::from_uuid(m.id),
            name: m.name,
            window: Window { start: m.starts_at, end: m.ends_at },
            items: serde_json::from_str(&m.items).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            created_by: UserId::from_uuid(m.created_by),
            created_at: m.created_at,
        })
    }
}

pub struct NewFreeze {
    pub name: String,
    pub window: Window,
    pub items: Vec<ConfigItemId>,
    pub created_by: UserId,
}

/// Another change holding an overlapping window on some of the same items.
#[derive(Debug, Clone)]
pub struct ChangeConflict {
    pub change: ChangeRecord,
    pub items: Vec<ConfigItemId>,
}

/// Changes that caused an incident ÷ changes finished, over a period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FailureRate {
    pub finished: u64,
    pub caused_incidents: u64,
    /// `None` when no change finished.
    pub rate: Option<f64>,
}

/// The first freeze over `window` that applies to change `id` (one limited
/// to items applies when the change affects one of them).
pub(super) async fn freeze_over<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    id: ChangeId,
    window: Window,
) -> StoreResult<Option<FreezeRecord>> {
    let rows = scoped::<change_freeze::Entity>(org_id)
        .filter(change_freeze::Column::StartsAt.lt(window.end))
        .filter(change_freeze::Column::EndsAt.gt(window.start))
        .order_by_asc(change_freeze::Column::StartsAt)
        .all(conn)
        .await?;
    if rows.is_empty() {
        return Ok(None);
    }
    let items = affected_items(conn, org_id, id.into()).await?;
    for row in rows {
        let freeze = FreezeRecord::try_from(row)?;
        if freeze.items.is_empty() || freeze.items.iter().any(|i| items.contains(&i.uuid())) {
            return Ok(Some(freeze));
        }
    }
    Ok(None)
}

/// The changes (ids) affecting any of `items`.
async fn changes_affecting<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    items: &[uuid::Uuid],
) -> StoreResult<Vec<(uuid::Uuid, uuid::Uuid)>> {
    Ok(scoped::<record_link::Entity>(org_id)
        .filter(record_link::Column::FromKind.eq(RecordKind::Change.key()))
        .filter(record_link::Column::Relation.eq(LinkRelation::Affects.key()))
        .filter(record_link::Column::ToKind.eq(RecordKind::ConfigurationItem.key()))
        .filter(record_link::Column::ToId.is_in(items.iter().copied()))
        .select_only()
        .columns([record_link::Column::FromId, record_link::Column::ToId])
        .into_tuple()
        .all(conn)
        .await?)
}

impl Changes<'_> {
    pub async fn freezes(&self, within: Option<Window>) -> StoreResult<Vec<FreezeRecord>> {
        let mut query = self.scope.rows::<change_freeze::Entity>();
        if let Some(window) = within {
            query = query
                .filter(change_freeze::Column::StartsAt.lt(window.end))
                .filter(change_freeze::Column::EndsAt.gt(window.start));
        }
        let rows = query.order_by_asc(change_freeze::Column::StartsAt).all(self.scope.db).await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    pub async fn add_freeze(&self, new: NewFreeze, meta: &AuditMeta) -> StoreResult<FreezeRecord> {
        let mut unit = self.scope.unit(meta).await?;
        let id = FreezeId::new();
        let row = change_freeze::ActiveModel {
            id: Set(id.uuid()),
            org_id: Set(self.scope.org_id.uuid()),
            name: Set(new.name),
            starts_at: Set(new.window.start),
            ends_at: Set(new.window.end),
            items: Set(json!(new.items).to_string()),
            created_by: Set(new.created_by.uuid()),
            created_at: Set(unit.now()),
        }
        .insert(unit.conn())
        .await?;
        let freeze = FreezeRecord::try_from(row)?;
        let summary = json!({"name": freeze.name, "window": freeze.window, "items": freeze.items});
        unit.audit(AuditEntry::new("change_freeze.created", id, summary));
        unit.commit().await?;
        Ok(freeze)
    }

    /// `false` when there is no such freeze.
    pub async fn remove_freeze(&self, id: FreezeId, meta: &AuditMeta) -> StoreResult<bool> {
        let mut unit = self.scope.unit(meta).await?;
        let removed = scoped_delete::<change_freeze::Entity>(self.scope.org_id)
            .filter(change_freeze::Column::Id.eq(id.uuid()))
            .exec(unit.conn())
            .await?
            .rows_affected;
        if removed == 0 {
            return Ok(false);
        }
        unit.audit(AuditEntry::new("change_freeze.removed", id, json!({})));
        unit.commit().await?;
        Ok(true)
    }

    /// Other changes that hold an overlapping window (approved, scheduled or
    /// implementing) on an item `change` affects.
    pub async fn conflicts(&self, change: &ChangeRecord) -> StoreResult<Vec<ChangeConflict>> {
        let (db, org_id) = (self.scope.db, self.scope.org_id);
        let Some(window) = change.window else { return Ok(Vec::new()) };
        let items = affected_items(db, org_id, change.id.into()).await?;
        if items.is_empty() {
            return Ok(Vec::new());
        }
        // The same items, or what they depend on.
        let items: Vec<uuid::Uuid> =
            with_dependencies(db, org_id, &items, DEFAULT_IMPACT_DEPTH).await?.into_iter().collect();
        let sharing = changes_affecting(db, org_id, &items).await?;
        let others: BTreeSet<uuid::Uuid> =
            sharing.iter().map(|(other, _)| *other).filter(|other| *other != change.id.uuid()).collect();
        let holding = ChangeStatus::ALL.iter().filter(|s| s.holds_its_window()).map(|s| s.key());
        let rows = self
            .scope
            .rows::<change::Entity>()
            .filter(change::Column::Id.is_in(others))
            .filter(change::Column::Status.is_in(holding))
            .filter(change::Column::WindowStart.lt(window.end))
            .filter(change::Column::WindowEnd.gt(window.start))
            .order_by_asc(change::Column::WindowStart)
            .all(db)
            .await?;
        rows.into_iter()
            .map(|row| {
                let items = sharing
                    .iter()
                    .filter(|(other, _)| *other == row.id)
                    .map(|(_, item)| ConfigItemId::from_uuid(*item))
                    .collect();
                Ok(ChangeConflict { change: row.try_into()?, items })
            })
            .collect()
    }

    /// Changes completed in the last `hours` on an item `incident` affects:
    /// the first thing a responder asks.
    pub async fn recent_on(
        &self,
        incident: IncidentId,
        now: DateTime<Utc>,
        hours: u32,
    ) -> StoreResult<Vec<ChangeRecord>> {
        let (db, org_id) = (self.scope.db, self.scope.org_id);
        let items = affected_items(db, org_id, incident.into()).await?;
        if items.is_empty() {
            return Ok(Vec::new());
        }
        // Its items, and what they depend on.
        let items: Vec<uuid::Uuid> =
            with_dependencies(db, org_id, &items, DEFAULT_IMPACT_DEPTH).await?.into_iter().collect();
        let ids: BTreeSet<uuid::Uuid> =
            changes_affecting(db, org_id, &items).await?.into_iter().map(|(c, _)| c).collect();
        let rows = self
            .scope
            .rows::<change::Entity>()
            .filter(change::Column::Id.is_in(ids))
            .filter(change::Column::CompletedAt.gte(now - Duration::hours(i64::from(hours))))
            .order_by_desc(change::Column::CompletedAt)
            .all(db)
            .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// Of the changes that finished (completed or failed) in `[from, to)`,
    /// how many caused an incident (an incident linked `caused_by` them).
    pub async fn failure_rate(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> StoreResult<FailureRate> {
        let (db, org_id) = (self.scope.db, self.scope.org_id);
        let finished: Vec<uuid::Uuid> = self
            .scope
            .rows::<change::Entity>()
            .filter(change::Column::CompletedAt.gte(from))
            .filter(change::Column::CompletedAt.lt(to))
            .select_only()
            .column(change::Column::Id)
            .into_tuple()
            .all(db)
            .await?;
        let mut caused = 0;
        for chunk in finished.chunks(500) {
            let causes: Vec<uuid::Uuid> = scoped::<record_link::Entity>(org_id)
                .filter(record_link::Column::Relation.eq(LinkRelation::CausedBy.key()))
                .filter(record_link::Column::FromKind.eq(RecordKind::Incident.key()))
                .filter(record_link::Column::ToKind.eq(RecordKind::Change.key()))
                .filter(record_link::Column::ToId.is_in(chunk.iter().copied()))
                .select_only()
                .column(record_link::Column::ToId)
                .distinct()
                .into_tuple()
                .all(db)
                .await?;
            caused += causes.len() as u64;
        }
        let total = finished.len() as u64;
        Ok(FailureRate {
            finished: total,
            caused_incidents: caused,
            rate: (total > 0).then(|| caused as f64 / total as f64),
        })
    }
}
