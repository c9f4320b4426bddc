//! Domain events: written to the outbox in the serialised tail of the
//! change's unit of work, read back in order for the event stream, and by
//! id by the workers.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde_json::{Value, json};

use super::super::entities::outbox_event;
use super::super::scope::scoped;
use super::super::{OrgStore, StoreError, StoreResult};
use crate::domain::events::EventType;
use crate::domain::records::{RecordKind, RecordRef};
use crate::ids::{EventId, IncidentId, OrgId};

/// An event about to be recorded: its type, the record it concerns, and a
/// small summary (ids and headline fields, not the whole record).
#[derive(Debug, Clone)]
pub struct DomainEvent {
    pub id: EventId,
    pub event_type: EventType,
    pub subject: Option<RecordRef>,
    pub data: Value,
}

impl DomainEvent {
    pub fn new(event_type: EventType, subject: RecordRef, data: Value) -> Self {
        Self { id: EventId::new(), event_type, subject: Some(subject), data }
    }

    /// An event about the organisation as a whole (a bulk import), not one record.
    pub fn about_org(event_type: EventType, data: Value) -> Self {
        Self { id: EventId::new(), event_type, subject: None, data }
    }

    /// The same event under an id chosen beforehand (one the change refers to).
    pub fn with_id(self, id: EventId) -> Self {
        Self { id, ..self }
    }
}

/// A recorded event, with its position in the outbox.
#[derive(Debug, Clone)]
pub struct EventRecord {
    pub seq: i64,
    pub id: EventId,
    pub event_type: EventType,
    pub subject: Option<RecordRef>,
    pub data: Value,
    pub created_at: DateTime<Utc>,
    /// The W3C `traceparent` of the request that recorded it, if traced.
    pub trace_parent: Option<String>,
}

impl EventRecord {
    /// The incident the event is about, if it is about one.
    pub fn incident_id(&self) -> Option<IncidentId> {
        self.subject.and_then(RecordRef::id)
    }

    /// The event as clients receive it, on the SSE stream and through Pusher.
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "type": self.event_type,
            "incidentId": self.incident_id(),
            "subject": self.subject,
            "data": self.data,
            "createdAt": self.created_at,
        })
    }
}

impl TryFrom<outbox_event::Model> for EventRecord {
    type Error = StoreError;

    fn try_from(row: outbox_event::Model) -> StoreResult<Self> {
        let corrupt = |what: String| StoreError::Corrupt(format!("event {}: {what}", row.seq));
        let subject = match (&row.subject_kind, row.subject_id) {
            (Some(kind), Some(id)) => Some(RecordRef::stored(kind.parse::<RecordKind>().map_err(corrupt)?, id)),
            _ => None,
        };
        Ok(Self {
            seq: row.seq,
            id: EventId::from_uuid(row.event_id),
            event_type: row.event_type.parse().map_err(corrupt)?,
            subject,
            data: serde_json::from_str(&row.payload).unwrap_or(Value::Null),
            created_at: row.created_at,
            trace_parent: row.trace_parent,
        })
    }
}

pub(in crate::store) async fn emit<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    at: DateTime<Utc>,
    event: DomainEvent,
) -> StoreResult<()> {
    outbox_event::ActiveModel {
        event_id: Set(event.id.uuid()),
        org_id: Set(org_id.uuid()),
        event_type: Set(event.event_type.key().to_owned()),
        subject_kind: Set(event.subject.map(|s| s.kind().key().to_owned())),
        subject_id: Set(event.subject.map(RecordRef::uuid)),
        payload: Set(event.data.to_string()),
        created_at: Set(at),
        claimed_until: Set(None),
        relayed_at: Set(None),
        trace_parent: Set(crate::logging::current_traceparent()),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// The organisation's event log, as the event stream and the workers read it.
pub struct Events<'a> {
    pub(super) scope: OrgStore<'a>,
}

impl Events<'_> {
    /// The events after position `after`, oldest first.
    pub async fn after(&self, after: i64, limit: u64) -> StoreResult<Vec<EventRecord>> {
        let rows = scoped::<outbox_event::Entity>(self.scope.org_id)
            .filter(outbox_event::Column::Seq.gt(after))
            .order_by_asc(outbox_event::Column::Seq)
            .limit(limit)
            .all(self.scope.db)
            .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// One event, by id.
    pub async fn get(&self, id: EventId) -> StoreResult<Option<EventRecord>> {
        let row = scoped::<outbox_event::Entity>(self.scope.org_id)
            .filter(outbox_event::Column::EventId.eq(id.uuid()))
            .one(self.scope.db)
            .await?;
        row.map(TryInto::try_into).transpose()
    }

    /// The position of the newest event (0 when none).
    pub async fn latest_seq(&self) -> StoreResult<i64> {
        let newest = scoped::<outbox_event::Entity>(self.scope.org_id)
            .order_by_desc(outbox_event::Column::Seq)
            .one(self.scope.db)
            .await?;
        Ok(newest.map_or(0, |row| row.seq))
    }
}
