//! The record kernel: what every kind of record has — its per-kind number,
//! its timeline, links to other records and to things outside, idempotent
//! creates and domain events — written once, for incidents, articles and
//! the modules to come.

pub mod counters;
pub mod events;
pub mod idempotency;
pub mod links;
pub mod timeline;

use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::json;

pub use events::{DomainEvent, EventRecord, Events};
pub use links::{ExternalLinkRecord, LinkRecord, LinkRefusal, LinkRelation, Links, NewExternalLink};
pub use timeline::{Entry, TimelineKind, TimelineRecord};

use super::entities::{self, timeline_entry};
use super::scope::{OrgOwned, scoped};
use super::{OrgStore, StoreError, StoreResult};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::events::EventType;
use crate::domain::records::{RecordKind, RecordNumber, RecordRef};
use crate::ids::OrgId;

/// A record as another record's page shows it: its number, title and status.
#[derive(Debug, Clone)]
pub struct RecordSummary {
    pub reference: RecordRef,
    pub number: RecordNumber,
    pub title: String,
    pub status: String,
    /// What its events carry (headline fields and ids).
    pub event_data: serde_json::Value,
    /// Who asked for it, for records people raise through the portal
    /// (requests): they reach it as its requester.
    pub requested_by: Option<crate::ids::UserId>,
}

/// A record kind's table: each row has an id and a per-organisation number.
pub(in crate::store) trait NumberedTable: OrgOwned {
    fn id_column() -> Self::Column;
    fn number_column() -> Self::Column;
}

macro_rules! numbered_tables {
    ($($entity:ident),+) => {
        $(impl NumberedTable for super::entities::$entity::Entity {
            fn id_column() -> Self::Column {
                super::entities::$entity::Column::Id
            }
            fn number_column() -> Self::Column {
                super::entities::$entity::Column::Number
            }
        })+
    };
}

numbered_tables!(incident, kb_article, problem, change, configuration_item, service_request);

/// `org_id`'s row of `E` with id `id`.
pub(in crate::store) async fn row_of<E: NumberedTable, C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    id: uuid::Uuid,
) -> StoreResult<Option<E::Model>> {
    Ok(scoped::<E>(org_id).filter(E::id_column().eq(id)).one(conn).await?)
}

/// `org_id`'s row of `E` with id `id`, locked until `conn`'s transaction
/// ends: writes to one record take turns, other records' do not wait.
pub(in crate::store) async fn locked_row_of<E: NumberedTable, C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    id: uuid::Uuid,
) -> StoreResult<Option<E::Model>> {
    Ok(scoped::<E>(org_id).filter(E::id_column().eq(id)).lock_exclusive().one(conn).await?)
}

/// A page of `query` newest first: at most `limit` records numbered below
/// `before`, and the number the next page starts below, if there is one.
pub(in crate::store) async fn newest_first<E, R, C>(
    conn: &C,
    query: sea_orm::Select<E>,
    before: Option<i64>,
    limit: u64,
) -> StoreResult<(Vec<R>, Option<i64>)>
where
    E: NumberedTable,
    R: TryFrom<E::Model, Error = StoreError>,
    C: ConnectionTrait,
{
    let query = match before {
        Some(before) => query.filter(E::number_column().lt(before)),
        None => query,
    };
    let mut rows = query.order_by_desc(E::number_column()).limit(limit + 1).all(conn).await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(limit as usize);
    let next = match rows.last().map(|last| sea_orm::ModelTrait::get(last, E::number_column())) {
        Some(sea_orm::Value::BigInt(Some(number))) if more => Some(number),
        Some(other) if more => return Err(StoreError::Corrupt(format!("a record number reads {other:?}"))),
        _ => None,
    };
    Ok((rows.into_iter().map(R::try_from).collect::<StoreResult<_>>()?, next))
}

/// The id of `org_id`'s row of `E` numbered `number`.
pub(in crate::store) async fn id_of_number<E: NumberedTable, C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    number: i64,
) -> StoreResult<Option<uuid::Uuid>> {
    Ok(scoped::<E>(org_id)
        .filter(E::number_column().eq(number))
        .select_only()
        .column(E::id_column())
        .into_tuple()
        .one(conn)
        .await?)
}

/// `record`'s summary, if it is one of `org_id`'s records.
pub(in crate::store) async fn describe<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    record: RecordRef,
) -> StoreResult<Option<RecordSummary>> {
    match record.kind() {
        RecordKind::Incident => super::incidents::describe(conn, org_id, record.uuid()).await,
        RecordKind::Article => super::knowledge::describe(conn, org_id, record.uuid()).await,
        RecordKind::Problem => super::problems::describe(conn, org_id, record.uuid()).await,
        RecordKind::Change => super::changes::describe(conn, org_id, record.uuid()).await,
        RecordKind::ConfigurationItem => super::assets::describe(conn, org_id, record.uuid()).await,
        RecordKind::Request => super::requests::describe(conn, org_id, record.uuid()).await,
    }
}

/// The record of `kind` that `reference` names — its id (`inc_…`) or its
/// number (`42`, `INC-42`) — if it is one of `org_id`'s.
pub(in crate::store) async fn resolve<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    kind: RecordKind,
    reference: &str,
) -> StoreResult<Option<RecordSummary>> {
    if let Some(record) = RecordRef::parse(reference) {
        return if record.kind() == kind { describe(conn, org_id, record).await } else { Ok(None) };
    }
    let Some(number) = RecordNumber::parse(kind, reference) else {
        return Ok(None);
    };
    let id = match kind {
        RecordKind::Incident => id_of_number::<entities::incident::Entity, _>(conn, org_id, number.number).await?,
        RecordKind::Article => id_of_number::<entities::kb_article::Entity, _>(conn, org_id, number.number).await?,
        RecordKind::Problem => id_of_number::<entities::problem::Entity, _>(conn, org_id, number.number).await?,
        RecordKind::Change => id_of_number::<entities::change::Entity, _>(conn, org_id, number.number).await?,
        RecordKind::ConfigurationItem => {
            id_of_number::<entities::configuration_item::Entity, _>(conn, org_id, number.number).await?
        }
        RecordKind::Request => {
            id_of_number::<entities::service_request::Entity, _>(conn, org_id, number.number).await?
        }
    };
    match id {
        Some(id) => describe(conn, org_id, RecordRef::stored(kind, id)).await,
        None => Ok(None),
    }
}

/// What any record of an organisation has: its summary, timeline and links.
pub struct Records<'a> {
    scope: OrgStore<'a>,
}

impl<'a> OrgStore<'a> {
    pub fn records(&self) -> Records<'a> {
        Records { scope: *self }
    }

    pub fn links(&self) -> Links<'a> {
        Links { scope: *self }
    }

    pub fn events(&self) -> Events<'a> {
        Events { scope: *self }
    }
}

/// The audit action and event type of a note on a record of `kind`.
fn note_added(kind: RecordKind) -> (&'static str, Option<EventType>) {
    match kind {
        RecordKind::Incident => ("incident.note_added", Some(EventType::IncidentNoteAdded)),
        RecordKind::Article => ("article.note_added", Some(EventType::ArticleNoteAdded)),
        RecordKind::Problem => ("problem.note_added", Some(EventType::ProblemNoteAdded)),
        RecordKind::Change => ("change.note_added", Some(EventType::ChangeNoteAdded)),
        RecordKind::Request => ("request.note_added", Some(EventType::RequestNoteAdded)),
        RecordKind::ConfigurationItem => ("item.note_added", Some(EventType::ItemNoteAdded)),
    }
}

impl Records<'_> {
    /// The record of `kind` named by `reference` (id or number), if any.
    pub async fn resolve(&self, kind: RecordKind, reference: &str) -> StoreResult<Option<RecordSummary>> {
        resolve(self.scope.db, self.scope.org_id, kind, reference).await
    }

    /// `record`'s summary, if it is one of the organisation's records.
    pub async fn describe(&self, record: RecordRef) -> StoreResult<Option<RecordSummary>> {
        describe(self.scope.db, self.scope.org_id, record).await
    }

    /// `record`'s timeline, oldest first.
    pub async fn timeline(&self, record: RecordRef, limit: u64) -> StoreResult<Vec<TimelineRecord>> {
        let rows = self
            .scope
            .rows::<timeline_entry::Entity>()
            .filter(timeline_entry::Column::SubjectKind.eq(record.kind().key()))
            .filter(timeline_entry::Column::SubjectId.eq(record.uuid()))
            .order_by_asc(timeline_entry::Column::Id)
            .limit(limit)
            .all(self.scope.db)
            .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// Adds a note (Markdown) to `record`'s timeline; `None` if there is no such record.
    pub async fn add_note(
        &self,
        record: RecordRef,
        text: String,
        meta: &AuditMeta,
    ) -> StoreResult<Option<TimelineRecord>> {
        let mut unit = self.scope.unit(meta).await?;
        let Some(summary) = describe(unit.conn(), self.scope.org_id, record).await? else {
            return Ok(None);
        };
        let entry = unit.timeline(record, Entry::new(TimelineKind::Note, text, json!({}))).await?;
        let (action, event_type) = note_added(record.kind());
        unit.audit(AuditEntry::new(action, record, json!({"entry": entry.id})));
        if let Some(event_type) = event_type {
            let mut data = summary.event_data;
            data["entryId"] = json!(entry.id);
            unit.emit(DomainEvent::new(event_type, record, data));
        }
        unit.commit().await?;
        Ok(Some(entry))
    }
}
